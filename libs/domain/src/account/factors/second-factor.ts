import { Instant, VerificationChannel } from '../../shared/types';
import { AccountEvent } from '../account.events';
import { AccountState } from '../account.state';
import { secondFactorForLogon } from '../decide-login';
import { FactorProof } from './factor-proof';
import { checkRecoveryCode } from './recovery-codes/recovery-codes';
import { checkTotpProof } from './totp/totp-login';

/** The operations other than a logon that must ask for the logon's second factor. */
export type SecondFactorUse = { purpose: 'RESET_PASSWORD'; reference: string; deliveredBy: VerificationChannel };

/** Why the factor was refused: a TOTP code (`TOTP`), a recovery code (`RECOVERY_CODE`), or the code came by another channel. */
export type SecondFactorRefusal =
  | { factor: 'TOTP'; reason: 'WRONG_CODE' | 'REPLAYED_CODE' }
  | { factor: 'RECOVERY_CODE'; reason: 'WRONG_CODE' | 'USED_CODE' }
  | { factor: 'CHANNEL'; reason: 'WRONG_CHANNEL' };

export type SecondFactorCheck = { passed: true; events: AccountEvent[] } | ({ passed: false } & SecondFactorRefusal);

/**
 * The one place that asks, outside a logon, for the factor a logon of this account would ask: so
 * that no such operation (a password reset) is an MFA bypass. No logon factor: passed. TOTP: the
 * proof must be a fresh step of a bound authenticator (spent by the TotpCodeAccepted it gives), or an
 * unused recovery code of the current set (spent by the RecoveryCodeUsed it gives), as at logon. SMS
 * or EMAIL: the operation's own code must have come by that very channel.
 */
export function checkSecondFactor(state: AccountState, proof: FactorProof | null, use: SecondFactorUse, now: Instant): SecondFactorCheck {
  const required = secondFactorForLogon(state);
  switch (required) {
    case null:
      return { passed: true, events: [] };
    case 'TOTP': {
      const reference = { purpose: use.purpose, reference: use.reference, now };
      if (proof?.kind === 'RECOVERY_CODE') {
        const recovery = checkRecoveryCode(state, proof, reference);
        return recovery.accepted
          ? { passed: true, events: [recovery.event] }
          : { passed: false, factor: 'RECOVERY_CODE', reason: recovery.reason };
      }
      const totp = checkTotpProof(state, proof, reference);
      return totp.accepted ? { passed: true, events: [totp.event] } : { passed: false, factor: 'TOTP', reason: totp.reason };
    }
    case 'SMS':
    case 'EMAIL':
      return use.deliveredBy === required ? { passed: true, events: [] } : { passed: false, factor: 'CHANNEL', reason: 'WRONG_CHANNEL' };
    default: {
      const unknown: never = required;
      return unknown;
    }
  }
}
