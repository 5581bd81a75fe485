import { Injectable } from '@nestjs/common';
import { AccountState, FactorProof, Instant, totpAuthenticators } from '@identity/domain';
import { matchTotpStep, SecretBox } from '@identity/security';

/**
 * Tries a TOTP code against every bound authenticator of the account (secrets decrypted only for the
 * moment of the check) and answers the match as a proof: one whose step is still unspent first, else
 * any match (the domain refuses it as replayed), else null. Used wherever a TOTP code proves the
 * person: completing a logon, removing or weakening TOTP protection.
 */
@Injectable()
export class TotpCodeMatcher {
  constructor(private readonly secrets: SecretBox) {}

  proofOf(accountId: string, state: AccountState, code: string, now: Instant): FactorProof | null {
    const matches = totpAuthenticators(state).flatMap((a) => {
      const timeStep = matchTotpStep({ secret: this.secrets.decrypt(accountId, a.secret), code, at: new Date(now) });
      if (timeStep === null) return [];
      const fresh = a.lastAcceptedTimeStep === null || timeStep > a.lastAcceptedTimeStep;
      return [{ proof: { kind: 'TOTP' as const, authenticatorId: a.authenticatorId, timeStep }, fresh }];
    });
    return (matches.find((m) => m.fresh) ?? matches[0])?.proof ?? null;
  }
}
