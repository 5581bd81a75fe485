import { Instant, ProtectionScene, VerificationMethod } from '../shared/types';
import { AccountEvent } from './account.events';

/**
 * What clients read about an account's protection. One pure function feeds the live read model,
 * its rebuild, and the point-in-time fold, so they cannot disagree.
 */
export interface AccountSecurityView {
  accountId: string;
  loginName: string;
  primaryAccountId: string | null;
  protectionEnabled: boolean;
  scenes: ProtectionScene[];
  method: VerificationMethod | null;
  totpBound: boolean;
  totpBoundAt: Instant | null;
  lockedUntil: Instant | null;
  updatedAt: Instant;
}

export function applyToSecurityView(view: AccountSecurityView | null, event: AccountEvent): AccountSecurityView | null {
  if (event.type === 'AccountRegistered') {
    const d = event.data;
    return {
      accountId: d.accountId, loginName: d.loginName, primaryAccountId: d.primaryAccountId, protectionEnabled: false,
      scenes: [], method: null, totpBound: false, totpBoundAt: null, lockedUntil: null, updatedAt: d.at,
    };
  }
  if (view === null) return null;
  const at = event.data.at;
  switch (event.type) {
    case 'ProtectionEnabled':
      return { ...view, protectionEnabled: true, scenes: [...event.data.scenes], method: event.data.method, updatedAt: at };
    case 'TotpBound':
      return { ...view, totpBound: true, totpBoundAt: at, updatedAt: at };
    case 'ProtectionDisabled':
      return { ...view, protectionEnabled: false, scenes: [], method: null, updatedAt: at };
    case 'TotpUnbound':
      return { ...view, totpBound: false, totpBoundAt: null, updatedAt: at };
    case 'AccountLocked':
      return { ...view, lockedUntil: event.data.lockedUntil, updatedAt: at };
    case 'AccountUnlocked':
      return { ...view, lockedUntil: null, updatedAt: at };
    // Steps and failures that change nothing this view shows (lockout shows through AccountLocked).
    case 'IdentityVerificationStarted':
    case 'IdentityVerified':
    case 'VerificationFailed':
    case 'TotpEnrollmentStarted':
    case 'TotpCodeAccepted':
    case 'TotpCheckFailed':
    case 'MfaChallengeIssued':
    case 'LoginCodeCheckFailed':
    case 'PasswordCheckFailed':
    case 'AttemptRejectedWhileLocked':
    case 'LoginSucceeded':
      return view;
  }
  return view; // a stored type this version does not know
}
