import { Injectable } from '@nestjs/common';
import { AccountState, FactorProof, Instant, totpAuthenticators } from '@identity/domain';
import { matchTotpStep, normalizeRecoveryCode, RECOVERY_CODE_INPUT, RecoveryCodeHasher, SecretBox } from '@identity/security';

/** Which kinds of proof a submitted code may become: every second factor, or TOTP alone (to remove TOTP protection). */
export type AcceptedProofs = 'TOTP_OR_RECOVERY_CODE' | 'TOTP_ONLY';

/**
 * Turns a code the person typed into a second-factor proof, for any operation that takes one
 * (completeLogin, stepUp, removing the last authenticator): six digits are checked against every
 * bound TOTP authenticator (each with its recorded drift), a recovery code (`xxxxx-xxxxx`) against
 * every code of the current set in constant time. Only the fact goes into the command: which
 * authenticator and time step, or which code index; never the code or a secret. Null: the code
 * has neither shape (or recovery codes are not accepted here).
 */
@Injectable()
export class SecondFactorProofs {
  constructor(
    private readonly secrets: SecretBox,
    private readonly recoveryCodes: RecoveryCodeHasher,
  ) {}

  proofOf(
    accountId: string,
    state: AccountState,
    code: string,
    now: Instant,
    accepted: AcceptedProofs = 'TOTP_OR_RECOVERY_CODE',
  ): FactorProof | null {
    if (accepted === 'TOTP_OR_RECOVERY_CODE' && isRecoveryCode(code)) return this.recoveryCodeProof(state, code);
    return this.totpProof(accountId, state, code, now);
  }

  /** The TOTP authenticator the code matches (one whose step is unspent first), or null. */
  totpProof(accountId: string, state: AccountState, code: string, now: Instant): FactorProof | null {
    const matches = totpAuthenticators(state).flatMap((a) => {
      const secret = this.secrets.decrypt(accountId, a.secret);
      const timeStep = matchTotpStep({ secret, code, at: new Date(now), driftSteps: a.driftSteps });
      if (timeStep === null) return [];
      const fresh = a.lastAcceptedTimeStep === null || timeStep > a.lastAcceptedTimeStep;
      return [{ proof: { kind: 'TOTP' as const, authenticatorId: a.authenticatorId, timeStep }, fresh }];
    });
    return (matches.find((m) => m.fresh) ?? matches[0])?.proof ?? null;
  }

  /** The code of the current recovery set it matches (spent or not: the domain refuses a spent one). */
  recoveryCodeProof(state: AccountState, code: string): FactorProof {
    const set = state.recoveryCodes;
    const index = set === null ? null : this.recoveryCodes.indexOf(code, set.codes);
    return { kind: 'RECOVERY_CODE', match: set !== null && index !== null ? { setId: set.setId, index } : null };
  }
}

/** Whether a typed code has the shape of a recovery code (not six digits). */
export function isRecoveryCode(code: string): boolean {
  return normalizeRecoveryCode(code) !== null && !/^\d{6}$/.test(code);
}

/** What a second-factor code field accepts: six digits, or a recovery code. */
export const SECOND_FACTOR_CODE = new RegExp(`^(\\d{6}|${RECOVERY_CODE_INPUT.source.slice(1, -1)})$`);
