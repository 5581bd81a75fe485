import { Injectable } from '@nestjs/common';
import { AccountState, FactorProof, Instant, totpAuthenticators } from '@identity/domain';
import { matchTotpStep, SecretBox } from '@identity/security';

/**
 * Turns a submitted second-factor code into the proof a command carries (never the code): the one
 * place where codes are matched against the account's factors, for a logon and for every operation
 * that asks the logon's factor (a password reset). Recovery codes join here.
 */
@Injectable()
export class SecondFactorProofs {
  constructor(private readonly secrets: SecretBox) {}

  /** The TOTP authenticator the code matches (one whose step is unspent first), or null. */
  totp(accountId: string, state: AccountState, code: string, now: Instant): FactorProof | null {
    const matches = totpAuthenticators(state).flatMap((a) => {
      const timeStep = matchTotpStep({ secret: this.secrets.decrypt(accountId, a.secret), code, at: new Date(now) });
      if (timeStep === null) return [];
      const fresh = a.lastAcceptedTimeStep === null || timeStep > a.lastAcceptedTimeStep;
      return [{ proof: { kind: 'TOTP' as const, authenticatorId: a.authenticatorId, timeStep }, fresh }];
    });
    return (matches.find((m) => m.fresh) ?? matches[0])?.proof ?? null;
  }
}
