import { DomainError } from '../shared/domain-error';
import { addSeconds, isBefore } from '../shared/time';
import { VerificationChannel } from '../shared/types';
import { BeginTotpBinding, BindTotp, EnableProtection, SecurityPolicy, VerifyIdentity } from './account.commands';
import { AccountEvent } from './account.events';
import { AccountState } from './account.state';
import { requireAccount } from './decide-login';
import { passLockGate, recordFailure } from './lockout';
import { checkVerificationCode } from './verification-check';

export function decideEnableProtection(policy: SecurityPolicy, command: EnableProtection, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const scenes = [...new Set(command.scenes)];
  if (scenes.length === 0) throw new DomainError('BAD_USER_INPUT', 'scenes: choose at least one scene');
  const maskedDestination = maskedDestinationFor(state, command.channel);
  if ((command.method === 'SMS' && state.phone === null) || (command.method === 'EMAIL' && state.email === null)) {
    throw new DomainError('BAD_USER_INPUT', `method: the account has no ${command.method === 'SMS' ? 'phone number' : 'email address'}`);
  }
  return [{
    type: 'IdentityVerificationStarted',
    data: {
      verificationId: command.verificationId, purpose: 'ENABLE_PROTECTION', channel: command.channel, maskedDestination,
      codeHash: command.codeHash, expiresAt: addSeconds(command.now, policy.verificationCodeSeconds),
      scenes, method: command.method, at: command.now,
    },
  }];
}

/** Where a code by `channel` goes, masked; refused when the account has no such destination. */
export function maskedDestinationFor(state: AccountState, channel: VerificationChannel): string {
  const maskedDestination = channel === 'SMS' ? state.maskedPhone : state.maskedEmail;
  if (maskedDestination === null) {
    throw new DomainError('BAD_USER_INPUT', `verifyBy: the account has no ${channel === 'SMS' ? 'phone number' : 'email address'}`);
  }
  return maskedDestination;
}

export function decideVerifyIdentity(policy: SecurityPolicy, command: VerifyIdentity, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { now, verificationId, codeHash } = command;
  const check = checkVerificationCode(policy, state, {
    now, verificationId, codeHash, purpose: 'ENABLE_PROTECTION', operation: 'VERIFY_IDENTITY',
  });
  if (!check.passed) return check.events;
  const { verification } = check;
  // SMS/EMAIL protection is active once the person is proven; TOTP once an authenticator is bound.
  const activeNow = verification.method !== 'TOTP' || state.totp !== null;
  const enabled: AccountEvent[] = activeNow
    ? [{ type: 'ProtectionEnabled', data: { scenes: verification.scenes, method: verification.method, verificationId, at: now } }]
    : [];
  return [...check.events, ...enabled];
}

export function decideBeginTotpBinding(policy: SecurityPolicy, command: BeginTotpBinding, state: AccountState): AccountEvent[] {
  requireAccount(state);
  if (state.totp !== null) throw new DomainError('TOTP_ALREADY_BOUND', 'an authenticator is already bound');
  const verification = state.verifications[command.verificationId];
  if (!verification || verification.verifiedAt === null || !isBefore(command.now, verification.expiresAt)) {
    throw new DomainError('VERIFICATION_REQUIRED', 'verify your identity first');
  }
  if (verification.purpose !== 'ENABLE_PROTECTION' || verification.method !== 'TOTP') {
    throw new DomainError('VERIFICATION_REQUIRED', 'this verification was not started for TOTP protection');
  }
  return [{
    type: 'TotpEnrollmentStarted',
    data: {
      enrollmentId: command.enrollmentId, verificationId: command.verificationId, scenes: verification.scenes,
      secret: command.secret, expiresAt: addSeconds(command.now, policy.enrollmentSeconds), at: command.now,
    },
  }];
}

export function decideBindTotp(policy: SecurityPolicy, command: BindTotp, state: AccountState): AccountEvent[] {
  requireAccount(state);
  if (state.totp !== null) throw new DomainError('TOTP_ALREADY_BOUND', 'an authenticator is already bound');
  const { now, enrollmentId } = command;
  const enrollment = state.enrollments[enrollmentId];
  if (!enrollment || !isBefore(now, enrollment.expiresAt)) {
    throw new DomainError('VERIFICATION_REQUIRED', 'no pending enrollment: verify your identity and begin again');
  }
  const gate = passLockGate(state, now, 'BIND_TOTP');
  if (gate.locked) return gate.events;
  if (command.matchedTimeStep === null) {
    return [...gate.events, ...recordFailure(policy, gate.failuresSoFar, now, (consecutiveFailures) => ({
      type: 'TotpCheckFailed',
      data: { purpose: 'BIND', reference: enrollmentId, reason: 'WRONG_CODE', consecutiveFailures, at: now },
    }))];
  }
  return [
    ...gate.events,
    {
      type: 'TotpCodeAccepted',
      data: { authenticatorId: enrollmentId, timeStep: command.matchedTimeStep, purpose: 'BIND', reference: enrollmentId, at: now },
    },
    { type: 'TotpBound', data: { authenticatorId: enrollmentId, secret: enrollment.secret, at: now } },
    {
      type: 'ProtectionEnabled',
      data: { scenes: enrollment.scenes, method: 'TOTP', verificationId: enrollment.verificationId, at: now },
    },
  ];
}
