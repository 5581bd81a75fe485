import { Instant } from '../../../shared/types';
import { AccountEvent, TotpPurpose } from '../../account.events';
import { AccountState } from '../../account.state';
import { FactorProof } from '../factor-proof';

export type TotpLoginCheck = { accepted: true; event: AccountEvent } | { accepted: false; reason: 'WRONG_CODE' | 'REPLAYED_CODE' };

/**
 * A TOTP proof at logon (or for another `purpose` that asks the logon's factor): it must name a bound
 * TOTP authenticator, and its time step must be later than the last one accepted for that same
 * authenticator (a code of one never spends another's step). `reference`: the challenge (or verification).
 */
export function checkTotpLogin(
  state: AccountState,
  proof: FactorProof | null,
  reference: string,
  now: Instant,
  purpose: Exclude<TotpPurpose, 'BIND'> = 'LOGIN',
): TotpLoginCheck {
  if (proof === null || proof.kind !== 'TOTP') return { accepted: false, reason: 'WRONG_CODE' };
  const authenticator = state.authenticators[proof.authenticatorId];
  if (authenticator === undefined || authenticator.kind !== 'TOTP') return { accepted: false, reason: 'WRONG_CODE' };
  const last = authenticator.lastAcceptedTimeStep;
  if (last !== null && proof.timeStep <= last) return { accepted: false, reason: 'REPLAYED_CODE' };
  return {
    accepted: true,
    event: {
      type: 'TotpCodeAccepted',
      data: { authenticatorId: authenticator.authenticatorId, timeStep: proof.timeStep, purpose, reference, at: now },
    },
  };
}
