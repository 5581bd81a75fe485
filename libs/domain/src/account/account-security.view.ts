import { DomainError } from '../shared/domain-error';
import { Instant, ProtectionScene, VerificationMethod } from '../shared/types';
import { AccountEvent } from './account.events';
import { AccountState, AuthenticatorKind, PERMANENT_LOCK_UNTIL, recoveryCodesRemaining } from './account.state';

export interface AuthenticatorView {
  id: string;
  kind: AuthenticatorKind;
  name: string;
  boundAt: Instant;
  lastUsedAt: Instant | null;
  /** Steps its clock runs ahead (negative: behind), as the last resync found; 0 before one. */
  driftSteps: number;
}

/**
 * What clients read about an account's protection. One pure function feeds the live read model,
 * its rebuild, and the point-in-time fold, so they cannot disagree; `securityViewOf` gives the same
 * from the write model's state (a mutation's payload without waiting for the projection).
 */
export interface AccountSecurityView {
  accountId: string;
  loginName: string;
  primaryAccountId: string | null;
  protectionEnabled: boolean;
  scenes: ProtectionScene[];
  method: VerificationMethod | null;
  /** True while any TOTP authenticator is bound; `totpBoundAt`: when the earliest of them was. */
  totpBound: boolean;
  totpBoundAt: Instant | null;
  /** In the order bound. */
  authenticators: AuthenticatorView[];
  /** The unused codes of the current recovery set (0: none, or protection is off). */
  recoveryCodesRemaining: number;
  /**
   * The lock of the account (the cap across addresses, or a second-factor lock; PERMANENT_LOCK_UNTIL
   * for one until an unlock); a lock of one client address is not shown (docs/adr/0005-lockout.md).
   */
  lockedUntil: Instant | null;
  /** AccountErased: `loginName` is then empty, and nothing is protected or bound. */
  erased: boolean;
  /** When protection, authenticators or the lock last changed (a logon's `lastUsedAt` does not count). */
  updatedAt: Instant;
}

/** Whether an event changes the view's protection, authenticators or lock (and so its `updatedAt`). */
export function changesSecurityView(event: AccountEvent): boolean {
  switch (event.type) {
    case 'AccountRegistered':
    case 'ProtectionEnabled':
    case 'ProtectionDisabled':
    case 'ProtectionChanged':
    case 'TotpBound':
    case 'TotpUnbound':
      return true;
    case 'AccountLocked':
    case 'AccountUnlocked':
      // A lock of one client address is not a lock of the account.
      return event.data.scope !== 'ADDRESS';
    case 'AuthenticatorRenamed':
    case 'TotpResynchronized':
    case 'RecoveryCodesGenerated':
    case 'RecoveryCodeUsed':
    case 'AccountErased':
      return true;
    case 'PasswordChanged':
    case 'LoginSucceeded':
    case 'PasswordCheckFailed':
    case 'MfaChallengeIssued':
    case 'TotpCodeAccepted':
    case 'TotpCheckFailed':
    case 'LoginCodeCheckFailed':
    case 'AttemptRejectedWhileLocked':
    case 'RejectedAttemptsSummarized':
    case 'IdentityVerificationStarted':
    case 'IdentityVerified':
    case 'VerificationFailed':
    case 'TotpEnrollmentStarted':
    case 'SessionsEnded':
    case 'StepUpSucceeded':
    case 'ContactChangeRequested':
    case 'ContactChanged':
    case 'RecoveryCodeCheckFailed':
    case 'SecurityPreferenceSet':
    case 'DeviceRemembered':
    case 'RememberedDeviceUsed':
    case 'RememberedDevicesRevoked':
    case 'LogonEnrollmentStarted':
    case 'PasswordChangeTicketIssued':
    case 'PasswordChangeTicketUsed':
    case 'RamUserSettingsChanged':
    case 'AccountDisabled':
    case 'AccountEnabled':
      return false;
    case 'MfaResetByPrimary':
      return true;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function applyToSecurityView(view: AccountSecurityView | null, event: AccountEvent): AccountSecurityView | null {
  if (event.type === 'AccountRegistered') {
    const d = event.data;
    return newAccountView(d.accountId, d.loginName, d.primaryAccountId, d.at);
  }
  if (view === null) return null;
  const at = event.data.at;
  switch (event.type) {
    case 'ProtectionEnabled':
      return { ...view, protectionEnabled: true, scenes: [...event.data.scenes], method: event.data.method, updatedAt: at };
    case 'ProtectionDisabled':
      return { ...view, protectionEnabled: false, scenes: [], method: null, recoveryCodesRemaining: 0, updatedAt: at };
    case 'ProtectionChanged': {
      const { scenes, method } = event.data;
      // A change that leaves TOTP voids the recovery codes (as in evolveAccount).
      const recoveryCodesRemaining = method === 'TOTP' ? view.recoveryCodesRemaining : 0;
      return { ...view, protectionEnabled: true, scenes: [...scenes], method, recoveryCodesRemaining, updatedAt: at };
    }
    case 'RecoveryCodesGenerated':
      return { ...view, recoveryCodesRemaining: event.data.codes.length, updatedAt: at };
    case 'RecoveryCodeUsed':
      return { ...view, recoveryCodesRemaining: event.data.remaining, updatedAt: at };
    case 'AuthenticatorRenamed':
      return withAuthenticatorChanged(view, event.data.authenticatorId, { name: event.data.name }, at);
    case 'TotpResynchronized':
      return withAuthenticatorChanged(view, event.data.authenticatorId, { driftSteps: event.data.driftSteps }, at);
    case 'TotpBound': {
      const { authenticatorId: id, name } = event.data;
      const others = view.authenticators.filter((a) => a.id !== id);
      return withAuthenticators(view, [...others, { id, kind: 'TOTP', name, boundAt: at, lastUsedAt: null, driftSteps: 0 }], at);
    }
    case 'TotpUnbound':
      return withAuthenticators(
        view,
        view.authenticators.filter((a) => a.id !== event.data.authenticatorId),
        at,
      );
    case 'TotpCodeAccepted': {
      const { authenticatorId, purpose } = event.data;
      // A binding's code is not a use; a logon's or a reset's second factor is.
      if (purpose === 'BIND') return view;
      const authenticators = view.authenticators.map((a) => (a.id === authenticatorId ? { ...a, lastUsedAt: at } : a));
      return { ...view, authenticators };
    }
    case 'AccountLocked':
      if (event.data.scope === 'ADDRESS') return view;
      return { ...view, lockedUntil: event.data.lockedUntil ?? PERMANENT_LOCK_UNTIL, updatedAt: at };
    case 'AccountUnlocked':
      if (event.data.scope === 'ADDRESS') return view;
      return { ...view, lockedUntil: null, updatedAt: at };
    case 'AccountErased':
      return { ...erasedView(view), updatedAt: at };
    case 'PasswordChanged':
    case 'LoginSucceeded':
    case 'PasswordCheckFailed':
    case 'MfaChallengeIssued':
    case 'TotpCheckFailed':
    case 'LoginCodeCheckFailed':
    case 'AttemptRejectedWhileLocked':
    case 'RejectedAttemptsSummarized':
    case 'IdentityVerificationStarted':
    case 'IdentityVerified':
    case 'VerificationFailed':
    case 'TotpEnrollmentStarted':
    case 'SessionsEnded':
    case 'StepUpSucceeded':
    case 'ContactChangeRequested':
    case 'ContactChanged':
    case 'RecoveryCodeCheckFailed':
    case 'SecurityPreferenceSet':
    case 'DeviceRemembered':
    case 'RememberedDeviceUsed':
    case 'RememberedDevicesRevoked':
    case 'LogonEnrollmentStarted':
    case 'PasswordChangeTicketIssued':
    case 'PasswordChangeTicketUsed':
    case 'RamUserSettingsChanged':
    case 'AccountDisabled':
    case 'AccountEnabled':
      return view;
    case 'MfaResetByPrimary':
      // Its TotpUnbound and ProtectionDisabled follow; the recovery codes are gone even without protection.
      return { ...view, recoveryCodesRemaining: 0, updatedAt: at };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
  return view; // a stored type this version does not know
}

/** An erased account's view: no login name (personal data), nothing protected, bound or locked. */
/** A registered account before anything else happened: no protection, factor or lock. */
function newAccountView(accountId: string, loginName: string, primaryAccountId: string | null, at: Instant): AccountSecurityView {
  return {
    accountId,
    loginName,
    primaryAccountId,
    protectionEnabled: false,
    scenes: [],
    method: null,
    totpBound: false,
    totpBoundAt: null,
    authenticators: [],
    recoveryCodesRemaining: 0,
    lockedUntil: null,
    erased: false,
    updatedAt: at,
  };
}

/** What is left of an erased account: its id, flagged erased; everything else as a new account's. */
function erasedView(view: AccountSecurityView): AccountSecurityView {
  return { ...newAccountView(view.accountId, '', view.primaryAccountId, view.updatedAt), erased: true };
}

function withAuthenticators(view: AccountSecurityView, authenticators: AuthenticatorView[], at: Instant): AccountSecurityView {
  return { ...view, authenticators, ...totpSummary(authenticators), updatedAt: at };
}

function withAuthenticatorChanged(
  view: AccountSecurityView,
  authenticatorId: string,
  change: Partial<AuthenticatorView>,
  at: Instant,
): AccountSecurityView {
  return withAuthenticators(
    view,
    view.authenticators.map((a) => (a.id === authenticatorId ? { ...a, ...change } : a)),
    at,
  );
}

function totpSummary(authenticators: AuthenticatorView[]): Pick<AccountSecurityView, 'totpBound' | 'totpBoundAt'> {
  const bound = authenticators
    .filter((a) => a.kind === 'TOTP')
    .map((a) => a.boundAt)
    .sort();
  return { totpBound: bound.length > 0, totpBoundAt: bound[0] ?? null };
}

/**
 * The view of a registered account's state: equal to folding its events with applyToSecurityView.
 * ACCOUNT_NOT_FOUND for a state with no account.
 */
export function securityViewOf(state: AccountState): AccountSecurityView {
  const loginName = state.erased ? '' : state.loginName;
  if (!state.exists || state.accountId === null || loginName === null || state.securityUpdatedAt === null) {
    throw new DomainError('ACCOUNT_NOT_FOUND', 'no such account');
  }
  const authenticators: AuthenticatorView[] = Object.values(state.authenticators).map((a) => ({
    id: a.authenticatorId,
    kind: a.kind,
    name: a.name,
    boundAt: a.boundAt,
    lastUsedAt: a.lastUsedAt,
    driftSteps: a.driftSteps,
  }));
  const { enabled, scenes, method } = state.protection;
  return {
    accountId: state.accountId,
    loginName,
    primaryAccountId: state.primaryAccountId,
    protectionEnabled: enabled,
    scenes: [...scenes],
    method,
    ...totpSummary(authenticators),
    authenticators,
    recoveryCodesRemaining: recoveryCodesRemaining(state),
    lockedUntil: state.lockedUntil ?? state.guard.cappedUntil,
    erased: state.erased,
    updatedAt: state.securityUpdatedAt,
  };
}
