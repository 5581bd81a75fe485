import { Instant, VerificationChannel } from '../../shared/types';
import { AccountEvent } from '../account.events';
import { AccountState } from '../account.state';
import { secondFactorForLogon } from '../decide-login';
import { FactorProof } from './factor-proof';
import { checkTotpProof } from './totp/totp-login';

/** The operations other than a logon that must ask for the logon's second factor. */
export type SecondFactorUse = { purpose: 'RESET_PASSWORD'; reference: string; deliveredBy: VerificationChannel };

export type SecondFactorCheck =
  { passed: true; events: AccountEvent[] } | { passed: false; reason: 'WRONG_CODE' | 'REPLAYED_CODE' | 'WRONG_CHANNEL' };

/**
 * The one place that asks, outside a logon, for the factor a logon of this account would ask: so
 * that no such operation (a password reset) is an MFA bypass. No logon factor: passed. TOTP: the
 * proof must be a fresh step of a bound authenticator (spent by the TotpCodeAccepted it gives). SMS
 * or EMAIL: the operation's own code must have come by that very channel. Recovery codes join here.
 */
export function checkSecondFactor(state: AccountState, proof: FactorProof | null, use: SecondFactorUse, now: Instant): SecondFactorCheck {
  const required = secondFactorForLogon(state);
  switch (required) {
    case null:
      return { passed: true, events: [] };
    case 'TOTP': {
      const totp = checkTotpProof(state, proof, { purpose: use.purpose, reference: use.reference, now });
      return totp.accepted ? { passed: true, events: [totp.event] } : { passed: false, reason: totp.reason };
    }
    case 'SMS':
    case 'EMAIL':
      return use.deliveredBy === required ? { passed: true, events: [] } : { passed: false, reason: 'WRONG_CHANNEL' };
    default: {
      const unknown: never = required;
      return unknown;
    }
  }
}
