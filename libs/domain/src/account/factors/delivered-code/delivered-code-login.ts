import { constantTimeEquals } from '../../../shared/constant-time';
import { LoginChallenge } from '../../account.state';
import { FactorProof } from '../factor-proof';

/** A code sent by SMS or email at logon: the proof's hash must equal the challenge's, compared in constant time. */
export function deliveredCodeMatches(challenge: LoginChallenge, proof: FactorProof | null): boolean {
  if (proof === null || proof.kind !== 'DELIVERED_CODE' || challenge.codeHash === null) return false;
  return constantTimeEquals(challenge.codeHash, proof.codeHash);
}
