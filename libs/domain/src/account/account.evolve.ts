import { isBefore } from '../shared/time';
import { Instant } from '../shared/types';
import { AccountEvent } from './account.events';
import { AccountState } from './account.state';
import { changesSecurityView } from './account-security.view';
import { evolveTotp } from './factors/totp/totp.evolve';

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
      const challengeId = event.data.challengeId;
      const challenges = { ...state.challenges };
      if (challengeId && challenges[challengeId]) challenges[challengeId] = { ...challenges[challengeId], completed: true };
      return { ...state, consecutiveFailures: 0, challenges };
    }
    case 'PasswordCheckFailed':
    case 'TotpCheckFailed':
    case 'LoginCodeCheckFailed':
      return { ...state, consecutiveFailures: event.data.consecutiveFailures };
    case 'VerificationFailed': {
      const id = event.data.verificationId;
      const verifications = { ...state.verifications };
      if (verifications[id]) verifications[id] = { ...verifications[id], attempts: event.data.attempts };
      return { ...state, consecutiveFailures: event.data.consecutiveFailures, verifications };
    }
    case 'MfaChallengeIssued': {
      const d = event.data;
      const challenge = { method: d.method, codeHash: d.codeHash, expiresAt: d.expiresAt, completed: false };
      return { ...state, challenges: { ...state.challenges, [d.challengeId]: challenge } };
    }
    case 'TotpEnrollmentStarted':
    case 'TotpCodeAccepted':
    case 'TotpBound':
    case 'TotpUnbound':
      return evolveTotp(state, event);
    case 'AccountLocked':
      return { ...state, lockedUntil: event.data.lockedUntil, lockRejectionRecorded: false };
    case 'AccountUnlocked':
      return { ...state, lockedUntil: null, consecutiveFailures: 0, lockRejectionRecorded: false };
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
      };
      return { ...state, verifications: { ...state.verifications, [d.verificationId]: verification } };
    }
    case 'IdentityVerified': {
      const id = event.data.verificationId;
      const verifications = { ...state.verifications };
      if (verifications[id]) verifications[id] = { ...verifications[id], verifiedAt: event.data.at, expiresAt: event.data.validUntil };
      return { ...state, consecutiveFailures: 0, verifications };
    }
    case 'ProtectionEnabled':
      return { ...state, protection: { enabled: true, scenes: [...event.data.scenes], method: event.data.method } };
    case 'ProtectionDisabled': {
      // Other disable codes still pending are void: they were asked for the protection just ended.
      const verifications = Object.fromEntries(
        Object.entries(state.verifications).filter(([, v]) => v.purpose !== 'DISABLE_PROTECTION' || v.verifiedAt !== null),
      );
      return { ...state, protection: { enabled: false, scenes: [], method: null }, verifications };
    }
    case 'PasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash };
    case 'AccountErased':
      return erasedState(state);
    default:
      return assertNever(event);
  }
}

/** What is left of an erased account: its id and that it was erased; no secret, contact, factor or pending step. */
function erasedState(state: AccountState): AccountState {
  return {
    ...state,
    erased: true,
    loginName: null,
    passwordHash: null,
    email: null,
    maskedEmail: null,
    phone: null,
    maskedPhone: null,
    protection: { enabled: false, scenes: [], method: null },
    authenticators: {},
    consecutiveFailures: 0,
    lockedUntil: null,
    lockRejectionRecorded: false,
    verifications: {},
    enrollments: {},
    challenges: {},
  };
}

/**
 * Forgets challenges, enrollments and verifications that expired before this event's time (a
 * verified verification is kept for its follow-up window), so the state of a long-lived account
 * stays small. Uses only the event's own time.
 */
function withoutExpired(state: AccountState, at: Instant): Partial<AccountState> {
  const keep = <T extends { expiresAt: Instant }>(items: Record<string, T>, alive: (item: T) => boolean) =>
    Object.fromEntries(Object.entries(items).filter(([, item]) => alive(item)));
  const notExpired = (item: { expiresAt: Instant }) => !isBefore(item.expiresAt, at);
  return {
    challenges: keep(state.challenges, (c) => !c.completed && notExpired(c)),
    enrollments: keep(state.enrollments, notExpired),
    verifications: keep(state.verifications, notExpired),
  };
}

function assertNever(event: never): never {
  throw new Error(`unknown account event ${JSON.stringify((event as { type?: unknown }).type)}`);
}
