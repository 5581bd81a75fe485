import { constantTimeEquals } from '../shared/constant-time';
import { requireStepUp } from './kernel/sessions';
import { DomainError } from '../shared/domain-error';
import { addSeconds } from '../shared/time';
import { VerificationChannel } from '../shared/types';
import { ConfirmContactChange, RequestContactChange, SecurityPolicy } from './account.commands';
import { AccountEvent } from './account.events';
import { AccountState } from './account.state';
import { requireAccount } from './kernel/account-guards';
import { recordFailure } from './kernel/lockout';
import { checkVerificationCode } from './kernel/verification-check';

/**
 * Whether changing the destination of `channel` replaces a factor: the current phone (email)
 * carries the codes of SMS (EMAIL) protection. Then the change needs a code sent to the current one
 * as well, so a stolen session cannot move the logon codes to a phone of its own.
 */
export function contactChangeNeedsCurrentCode(state: AccountState, channel: VerificationChannel): boolean {
  const current = channel === 'SMS' ? state.phone : state.email;
  return current !== null && state.protection.enabled && state.protection.method === channel;
}

const secondCodeRequired = (channel: VerificationChannel) =>
  new DomainError(
    'SECOND_FACTOR_REQUIRED',
    `the current ${channel === 'SMS' ? 'phone' : 'email'} carries the protection's codes: send currentCode, the code sent to it, too`,
  );

/** Starts proving a new phone or email: its code (and the current one's when needed) is pending for `verificationCodeSeconds`. */
export function decideRequestContactChange(policy: SecurityPolicy, command: RequestContactChange, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { now, channel } = command;
  requireStepUp(state, command.sessionId, now, policy);
  const needsCurrent = contactChangeNeedsCurrentCode(state, channel);
  if (needsCurrent && command.currentCodeHash === null) throw secondCodeRequired(channel);
  return [
    {
      type: 'ContactChangeRequested',
      data: {
        verificationId: command.verificationId,
        channel,
        destination: command.destination,
        maskedDestination: command.maskedDestination,
        codeHash: command.codeHash,
        currentCodeHash: needsCurrent ? command.currentCodeHash : null,
        expiresAt: addSeconds(now, policy.verificationCodeSeconds),
        at: now,
      },
    },
  ];
}

/**
 * Confirms a contact change: the new destination's code (checked like any verification code: lock
 * gate, constant time, failures counted), and the current destination's when one was sent (a wrong
 * one is a failure too, and leaves the verification unused). The new destination replaces the old
 * one, proven.
 */
export function decideConfirmContactChange(policy: SecurityPolicy, command: ConfirmContactChange, state: AccountState): AccountEvent[] {
  requireAccount(state);
  requireStepUp(state, command.sessionId, command.now, policy);
  const { now, verificationId } = command;
  const pending = state.verifications[verificationId];
  const change = pending?.purpose === 'CHANGE_CONTACT' ? pending.contactChange : null;
  if (change && change.currentCodeHash !== null && command.currentCodeHash === null && !pending?.consumed) {
    throw secondCodeRequired(pending?.channel ?? 'SMS');
  }
  const check = checkVerificationCode(policy, state, {
    now,
    verificationId,
    codeHash: command.codeHash,
    purposes: ['CHANGE_CONTACT'],
    operation: 'CONFIRM_CONTACT_CHANGE',
    rejectedWhileLocked: command.rejectedWhileLocked ?? null,
  });
  if (!check.passed || !change) return check.events;
  const currentRight = change.currentCodeHash === null || constantTimeEquals(change.currentCodeHash, command.currentCodeHash ?? '');
  if (!currentRight) {
    return [
      ...check.gateEvents,
      ...recordFailure(policy, check, now, (consecutiveFailures) => ({
        type: 'VerificationFailed',
        data: { verificationId, reason: 'WRONG_CODE', attempts: check.verification.attempts + 1, consecutiveFailures, at: now },
      })),
    ];
  }
  const { destination, maskedDestination } = change;
  return [
    ...check.events,
    { type: 'ContactChanged', data: { verificationId, channel: check.verification.channel, destination, maskedDestination, at: now } },
  ];
}
