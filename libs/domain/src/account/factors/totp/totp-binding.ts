import { DomainError, invalidRequest } from '../../../shared/domain-error';
import { addSeconds } from '../../../shared/time';
import { BeginTotpBinding, BindTotp, SecurityPolicy } from '../../account.commands';
import { AccountEvent, DEFAULT_AUTHENTICATOR_NAME, EnrollmentPurpose } from '../../account.events';
import { AccountState, PendingVerification, totpAuthenticators } from '../../account.state';
import { requireAccount } from '../../kernel/account-guards';
import { liveEnrollment, verifiedVerification } from '../../kernel/enrollments';
import { passLockGate, recordFailure } from '../../kernel/lockout';
import { endOtherSessions, liveSession, requireStepUp } from '../../kernel/sessions';
import { protectionApplied } from '../../kernel/protection-strength';
import { recoveryCodesGenerated } from '../recovery-codes/recovery-codes';

export const AUTHENTICATOR_NAME_MAX_LENGTH = 64;

/**
 * Starts binding a TOTP authenticator. The first one takes a verification started by
 * EnableProtection for TOTP; a further one (while one is bound) also one of purpose
 * ADD_AUTHENTICATOR. At most `maxTotpAuthenticators` are bound at once.
 */
export function decideBeginTotpBinding(policy: SecurityPolicy, command: BeginTotpBinding, state: AccountState): AccountEvent[] {
  requireAccount(state);
  requireStepUp(state, command.sessionId, command.now, policy);
  const { now, enrollmentId, verificationId } = command;
  if (state.authenticators[enrollmentId]) throw alreadyBound();
  requireRoomForOneMore(policy, state);
  const name = authenticatorName(command.name ?? null);
  const verification = verifiedVerification(state, verificationId, now);
  const purpose = enrollmentPurposeOf(verification, state);
  return [
    {
      type: 'TotpEnrollmentStarted',
      data: {
        enrollmentId,
        verificationId,
        scenes: [...verification.scenes],
        secret: command.secret,
        expiresAt: addSeconds(now, policy.enrollmentSeconds),
        name,
        purpose,
        at: now,
      },
    },
  ];
}

/**
 * Confirms an enrollment with a code of its secret. The accepted time step starts the new
 * authenticator's own history. Protection is turned on only by the binding that enables it, never
 * again by a further device; that binding also stores the first recovery codes (when there are none).
 */
export function decideBindTotp(policy: SecurityPolicy, command: BindTotp, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { now, enrollmentId } = command;
  if (state.authenticators[enrollmentId]) throw alreadyBound();
  const enrollment = liveEnrollment(state, enrollmentId, now);
  requireRoomForOneMore(policy, state);
  const gate = passLockGate(state, now, 'BIND_TOTP', command.rejectedWhileLocked ?? null);
  if (gate.locked) return gate.events;
  if (command.matchedTimeStep === null) {
    return [
      ...gate.events,
      ...recordFailure(policy, gate, now, (consecutiveFailures) => ({
        type: 'TotpCheckFailed',
        data: { purpose: 'BIND', reference: enrollmentId, reason: 'WRONG_CODE', consecutiveFailures, at: now },
      })),
    ];
  }
  const { enabled, method } = state.protection;
  const enables = enrollment.purpose === 'ENABLE_PROTECTION' && !(enabled && method === 'TOTP');
  // The binding that turns TOTP protection on also stores the first recovery codes (shown once, by the handler).
  const newCodes = enables && state.recoveryCodes === null ? (command.recoveryCodes ?? null) : null;
  return [
    ...gate.events,
    {
      type: 'TotpCodeAccepted',
      data: { authenticatorId: enrollmentId, timeStep: command.matchedTimeStep, purpose: 'BIND', reference: enrollmentId, at: now },
    },
    { type: 'TotpBound', data: { authenticatorId: enrollmentId, secret: enrollment.secret, name: enrollment.name, at: now } },
    ...(enables
      ? [
          ...protectionApplied(state, { scenes: enrollment.scenes, method: 'TOTP' }, enrollment.verificationId, now),
          ...totpProtectionInSession(state, command),
        ]
      : []),
    ...(newCodes ? [recoveryCodesGenerated(newCodes, 'PROTECTION_ENABLED', now)] : []),
  ];
}

/** Turning TOTP protection on ends every other session; the acting one stays, proven by the code just bound. */
function totpProtectionInSession(state: AccountState, command: BindTotp): AccountEvent[] {
  const { now, sessionId, enrollmentId } = command;
  const othersEnded = endOtherSessions(state, sessionId, 'PROTECTION_CHANGED', now);
  if (!sessionId || !liveSession(state, sessionId, now)) return othersEnded;
  return [...othersEnded, { type: 'StepUpSucceeded', data: { sessionId, method: 'TOTP', authenticatorId: enrollmentId, at: now } }];
}

function enrollmentPurposeOf(verification: PendingVerification, state: AccountState): EnrollmentPurpose {
  if (verification.purpose === 'ENABLE_PROTECTION' && verification.method === 'TOTP') return 'ENABLE_PROTECTION';
  if (verification.purpose === 'ADD_AUTHENTICATOR') {
    if (totpAuthenticators(state).length > 0) return 'ADD_AUTHENTICATOR';
    throw new DomainError('VERIFICATION_REQUIRED', 'the first authenticator is bound through enabling TOTP protection');
  }
  throw new DomainError('VERIFICATION_REQUIRED', 'this verification was not started for TOTP protection');
}

function requireRoomForOneMore(policy: SecurityPolicy, state: AccountState): void {
  if (totpAuthenticators(state).length >= policy.maxTotpAuthenticators) {
    throw new DomainError('AUTHENTICATOR_LIMIT_REACHED', `at most ${policy.maxTotpAuthenticators} TOTP authenticators`);
  }
}

const alreadyBound = () => new DomainError('ENROLLMENT_ALREADY_BOUND', 'this enrollment is bound already');

/** The person's name for a device, trimmed; none given: the default. */
export function authenticatorName(name: string | null): string {
  if (name === null) return DEFAULT_AUTHENTICATOR_NAME;
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > AUTHENTICATOR_NAME_MAX_LENGTH) {
    throw invalidRequest('name', `1 to ${AUTHENTICATOR_NAME_MAX_LENGTH} characters`);
  }
  return trimmed;
}
