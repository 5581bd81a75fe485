import { unexpired, withItems } from '../shared/expiry';
import { Instant } from '../shared/types';
import { AccountEvent } from './account.events';
import { AccountState, initialAccountState } from './account.state';
import { changesSecurityView } from './account-security.view';
import { evolveRecoveryCodes } from './factors/recovery-codes/recovery-codes.evolve';
import { evolveTotp } from './factors/totp/totp.evolve';
import { evolveLock, evolveUnlock } from './kernel/lock-evolve';
import { guardAfterFailure, guardAfterRightPassword, guardAfterSuccess } from './kernel/password-guard';
import { evolveSessions, sessionStartedBy } from './kernel/sessions.evolve';
import { evolveLogonAid, liveLogonAids } from './logon-aid.evolve';
import { evolveRamUser } from './ram-user/ram-user.evolve';

/** Folds one event into the state. Pure and total: every event type has a branch. */
export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  const next = applyEvent(state, event);
  const at = event.data.at;
  return {
    ...next,
    ...withoutExpired(next, at),
    updatedAt: at,
    securityUpdatedAt: changesSecurityView(event) ? at : next.securityUpdatedAt,
  };
}

function applyEvent(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'AccountRegistered': {
      const d = event.data;
      return {
        ...state,
        exists: true,
        accountId: d.accountId,
        loginName: d.loginName,
        passwordHash: d.passwordHash,
        email: d.email,
        maskedEmail: d.maskedEmail,
        phone: d.phone,
        maskedPhone: d.maskedPhone,
        primaryAccountId: d.primaryAccountId,
      };
    }
    case 'LoginSucceeded': {
      const { challengeId, addressKey } = event.data;
      const challenges = { ...state.challenges };
      if (challengeId && challenges[challengeId]) challenges[challengeId] = { ...challenges[challengeId], completed: true };
      const guard = addressKey === null ? state.guard : guardAfterSuccess(state.guard, addressKey);
      const sessions = withItems(state.sessions, sessionStartedBy(event));
      const lastLoginAt = event.data.at;
      return { ...state, consecutiveFailures: 0, secondFactorTotal: 0, lockLevel: 0, challenges, guard, sessions, lastLoginAt };
    }
    case 'SessionsEnded':
    case 'StepUpSucceeded':
      return evolveSessions(state, event);
    case 'PasswordCheckFailed': {
      const d = event.data;
      // Before per-address counting a wrong password counted account-wide.
      if (d.addressKey === null) return { ...state, consecutiveFailures: d.consecutiveFailures };
      return { ...state, guard: guardAfterFailure(state.guard, d.addressKey, d) };
    }
    case 'TotpCheckFailed':
      return codeFailed(state, event.data.consecutiveFailures, event.data.purpose === 'LOGIN' ? event.data.reference : null);
    case 'LoginCodeCheckFailed':
      return codeFailed(state, event.data.consecutiveFailures, event.data.challengeId);
    case 'VerificationFailed': {
      const id = event.data.verificationId;
      const verifications = { ...state.verifications };
      if (verifications[id]) verifications[id] = { ...verifications[id], attempts: event.data.attempts };
      return { ...codeFailed(state, event.data.consecutiveFailures, null), verifications };
    }
    case 'MfaChallengeIssued': {
      const d = event.data;
      const challenge = {
        method: d.method,
        codeHash: d.codeHash,
        expiresAt: d.expiresAt,
        completed: false,
        addressKey: d.addressKey,
        attemptsLeft: d.maxAttempts,
      };
      const guard = d.addressKey === null ? state.guard : guardAfterRightPassword(state.guard, d.addressKey);
      return { ...state, challenges: { ...state.challenges, [d.challengeId]: challenge }, guard };
    }
    case 'TotpEnrollmentStarted':
    case 'TotpCodeAccepted':
    case 'TotpBound':
    case 'TotpUnbound':
    case 'AuthenticatorRenamed':
    case 'TotpResynchronized':
      return evolveTotp(state, event);
    case 'RecoveryCodesGenerated':
    case 'RecoveryCodeUsed':
      return evolveRecoveryCodes(state, event);
    case 'RecoveryCodeCheckFailed':
      // Counts like any wrong code (and takes one of a logon challenge's attempts).
      return codeFailed(state, event.data.consecutiveFailures, event.data.purpose === 'LOGIN' ? event.data.reference : null);
    case 'AccountLocked':
      return evolveLock(state, event);
    case 'AccountUnlocked':
      return evolveUnlock(state, event);
    case 'AttemptRejectedWhileLocked':
      return { ...state, lockRejectionRecorded: true };
    case 'RejectedAttemptsSummarized':
      return state;
    case 'IdentityVerificationStarted': {
      const d = event.data;
      const verification = {
        purpose: d.purpose,
        channel: d.channel,
        codeHash: d.codeHash,
        expiresAt: d.expiresAt,
        attempts: 0,
        verifiedAt: null,
        scenes: d.scenes,
        method: d.method,
        consumed: false,
        contactChange: null,
      };
      return { ...state, verifications: { ...state.verifications, [d.verificationId]: verification } };
    }
    case 'IdentityVerified': {
      const id = event.data.verificationId;
      const verification = state.verifications[id];
      if (!verification) return { ...state, consecutiveFailures: 0 };
      const verified = { ...verification, verifiedAt: event.data.at, expiresAt: event.data.validUntil };
      return {
        ...state,
        // A contact change's code proves the new destination, which ContactChanged puts in place.
        ...(verification.purpose === 'CHANGE_CONTACT' ? {} : provenBy(verification.channel, event.data.at)),
        consecutiveFailures: 0,
        verifications: { ...state.verifications, [id]: verified },
      };
    }
    case 'ProtectionEnabled':
      return voidPending({ ...state, protection: { enabled: true, scenes: [...event.data.scenes], method: event.data.method } });
    case 'ProtectionChanged': {
      const protection = { enabled: true, scenes: [...event.data.scenes], method: event.data.method };
      // Recovery codes stand in for TOTP only: a change that leaves TOTP voids them (its authenticators are unbound by TotpUnbound).
      const recoveryCodes = event.data.method === 'TOTP' ? state.recoveryCodes : null;
      return voidPending({ ...state, protection, recoveryCodes });
    }
    case 'ContactChangeRequested': {
      const d = event.data;
      const verification = {
        purpose: 'CHANGE_CONTACT' as const,
        channel: d.channel,
        codeHash: d.codeHash,
        expiresAt: d.expiresAt,
        attempts: 0,
        verifiedAt: null,
        scenes: [...state.protection.scenes],
        method: state.protection.method ?? ('TOTP' as const),
        consumed: false,
        contactChange: { destination: d.destination, maskedDestination: d.maskedDestination, currentCodeHash: d.currentCodeHash },
      };
      return { ...state, verifications: { ...state.verifications, [d.verificationId]: verification } };
    }
    case 'ContactChanged': {
      const { verificationId, channel, destination, maskedDestination, at } = event.data;
      const verifications = { ...state.verifications };
      const served = verifications[verificationId];
      if (served) verifications[verificationId] = { ...served, consumed: true };
      const changed =
        channel === 'SMS'
          ? { phone: destination, maskedPhone: maskedDestination, phoneProvenAt: at }
          : { email: destination, maskedEmail: maskedDestination, emailProvenAt: at };
      return { ...state, ...changed, verifications };
    }
    case 'ProtectionDisabled':
      // The recovery codes stood in for the protection just ended: they are void with it.
      return voidPending({ ...state, protection: { enabled: false, scenes: [], method: null }, recoveryCodes: null });
    case 'PasswordChanged': {
      // A reset's verification served it: used up, like the one a protection change served.
      const { passwordHash, verificationId } = event.data;
      const served = verificationId === null ? undefined : state.verifications[verificationId];
      const verifications =
        served && verificationId ? { ...state.verifications, [verificationId]: { ...served, consumed: true } } : state.verifications;
      // A new password forgets every remembered device (docs/security.md).
      return { ...state, passwordHash, verifications, rememberedDevices: {} };
    }
    case 'AccountErased':
      return erasedState(state);
    case 'SecurityPreferenceSet':
    case 'DeviceRemembered':
    case 'RememberedDeviceUsed':
    case 'RememberedDevicesRevoked':
    case 'LogonEnrollmentStarted':
    case 'PasswordChangeTicketIssued':
    case 'PasswordChangeTicketUsed':
    case 'MfaResetByPrimary':
      return evolveLogonAid(state, event);
    case 'RamUserSettingsChanged':
    case 'AccountDisabled':
    case 'AccountEnabled':
      return evolveRamUser(state, event);
    default:
      return assertNever(event);
  }
}

/** A code sent by `channel` was answered right: that destination is proven (old streams derive it the same way). */
function provenBy(channel: 'SMS' | 'EMAIL', at: Instant): Partial<AccountState> {
  return channel === 'SMS' ? { phoneProvenAt: at } : { emailProvenAt: at };
}

/**
 * Protection changed (on, off or different): every verification is used up (the one that served
 * the change, and those asked for the protection that was) and every pending enrollment is void.
 */
function voidPending(state: AccountState): AccountState {
  const verifications = Object.fromEntries(Object.entries(state.verifications).map(([id, v]) => [id, { ...v, consumed: true }]));
  return { ...state, verifications, enrollments: {} };
}

/** What is left of an erased account: its id and that it was erased; no secret, contact, factor or pending step. */
function erasedState(state: AccountState): AccountState {
  const { exists, accountId, primaryAccountId, updatedAt, securityUpdatedAt } = state;
  // Everything else as a new account has it: no secret, contact, factor, lock, pending step or session.
  return { ...initialAccountState(), exists, accountId, primaryAccountId, updatedAt, securityUpdatedAt, erased: true };
}

/**
 * Forgets challenges, enrollments, verifications and sessions that expired before this event's time (a
 * verified verification is kept for its follow-up window), so the state of a long-lived account
 * stays small. Uses only the event's own time.
 */
function withoutExpired(state: AccountState, at: Instant): Partial<AccountState> {
  return {
    challenges: unexpired(state.challenges, at, (c) => !c.completed),
    enrollments: unexpired(state.enrollments, at),
    verifications: unexpired(state.verifications, at),
    sessions: unexpired(state.sessions, at),
    ...liveLogonAids(state, at),
  };
}

/** A wrong code: counted, and one attempt fewer for the logon challenge it answered (dead at 0). */
function codeFailed(state: AccountState, consecutiveFailures: number, challengeId: string | null): AccountState {
  const challenges = { ...state.challenges };
  const challenge = challengeId === null ? undefined : challenges[challengeId];
  if (challengeId !== null && challenge) {
    if (challenge.attemptsLeft <= 1) delete challenges[challengeId];
    else challenges[challengeId] = { ...challenge, attemptsLeft: challenge.attemptsLeft - 1 };
  }
  return { ...state, consecutiveFailures, secondFactorTotal: state.secondFactorTotal + 1, challenges };
}

function assertNever(event: never): never {
  throw new Error(`unknown account event ${JSON.stringify((event as { type?: unknown }).type)}`);
}
