import { DomainError } from '../shared/domain-error';
import { addSeconds } from '../shared/time';
import { DisableProtection, RequestProtectionDisable, SecurityPolicy } from './account.commands';
import { AccountEvent } from './account.events';
import { AccountState, totpAuthenticators } from './account.state';
import { maskedDestinationFor, requireAccount } from './kernel/account-guards';
import { endOtherSessions, requireStepUp } from './kernel/sessions';
import { checkVerificationCode } from './kernel/verification-check';
import { checkWeakeningProof, secondFactorRequired, weakensTotpProtection } from './kernel/protection-strength';

/**
 * Turning protection off takes a fresh proof of the person, like turning it on: a code to the
 * account's own phone or email, for this purpose only. The verification records the protection in
 * force when it was asked for.
 */
export function decideRequestProtectionDisable(
  policy: SecurityPolicy,
  command: RequestProtectionDisable,
  state: AccountState,
): AccountEvent[] {
  requireAccount(state);
  requireStepUp(state, command.sessionId, command.now, policy);
  const { enabled, scenes, method } = state.protection;
  if (!enabled || method === null)
    throw new DomainError('PROTECTION_NOT_ENABLED', 'protection is not enabled: there is nothing to disable');
  const maskedDestination = maskedDestinationFor(state, command.channel);
  return [
    {
      type: 'IdentityVerificationStarted',
      data: {
        verificationId: command.verificationId,
        purpose: 'DISABLE_PROTECTION',
        channel: command.channel,
        maskedDestination,
        codeHash: command.codeHash,
        expiresAt: addSeconds(command.now, policy.verificationCodeSeconds),
        scenes: [...scenes],
        method,
        at: command.now,
      },
    },
  ];
}

/**
 * Checks the code like `verifyIdentity` (lock gate, constant time, failures counted towards the lock;
 * a verification started for anything but disabling is unknown here), then forgets every bound
 * authenticator and turns protection off, ending every other session. Enabling again starts from
 * the beginning. TOTP protection is removed only with a fresh TOTP code as well
 * (SECOND_FACTOR_REQUIRED without one, before anything is checked): a delivered code alone never removes it.
 */
export function decideDisableProtection(policy: SecurityPolicy, command: DisableProtection, state: AccountState): AccountEvent[] {
  requireAccount(state);
  requireStepUp(state, command.sessionId, command.now, policy);
  const { now, verificationId, codeHash } = command;
  const secondFactor = command.secondFactor ?? null;
  const needsTotp = weakensTotpProtection(state, { enabled: false });
  if (needsTotp && secondFactor === null) throw secondFactorRequired();
  const check = checkVerificationCode(policy, state, {
    now,
    verificationId,
    codeHash,
    purposes: ['DISABLE_PROTECTION'],
    operation: 'DISABLE_PROTECTION',
    rejectedWhileLocked: command.rejectedWhileLocked ?? null,
  });
  if (!check.passed) return check.events;
  // A wrong TOTP code leaves the verification unused (it may be sent again with the right one).
  const totp = needsTotp
    ? checkWeakeningProof(policy, state, { now, reference: verificationId, secondFactor, counts: check })
    : { passed: true, events: [] };
  if (!totp.passed) return [...check.gateEvents, ...totp.events];
  const unbound: AccountEvent[] = totpAuthenticators(state).map((authenticator) => ({
    type: 'TotpUnbound',
    data: { authenticatorId: authenticator.authenticatorId, at: now },
  }));
  // Already off (another verification turned it off meanwhile): the code is used, nothing else changes.
  const { enabled, scenes, method } = state.protection;
  const disabled: AccountEvent[] = enabled
    ? [
        {
          type: 'ProtectionDisabled',
          data: { method: method ?? check.verification.method, scenes: [...scenes], verificationId, at: now },
        },
      ]
    : [];
  const othersEnded = enabled ? endOtherSessions(state, command.sessionId, 'PROTECTION_CHANGED', now) : [];
  return [...check.events, ...totp.events, ...unbound, ...disabled, ...othersEnded];
}
