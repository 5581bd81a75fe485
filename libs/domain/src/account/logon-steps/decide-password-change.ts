import { invalidRequest } from '../../shared/domain-error';
import { isBefore } from '../../shared/time';
import { SecurityPolicy } from '../account.commands';
import { AccountEvent } from '../account.events';
import { AccountState } from '../account.state';
import { requireAccount, requireEnabled } from '../kernel/account-guards';
import { passLockGate } from '../kernel/lockout';
import { UNKNOWN_ADDRESS_KEY } from '../kernel/password-guard';
import { endOtherSessions } from '../kernel/sessions';
import { CompletePasswordChange } from '../logon-aid.commands';
import { nextLogonStep } from './next-logon-step';

/**
 * A logon that answered PASSWORD_CHANGE_REQUIRED sets the new password with its ticket (the
 * password was proven by that logon); then the logon goes on as after a right password: an
 * enrollment, a challenge (a remembered device never skips it here: a new password forgets them
 * all), or the session. An unknown, used or expired ticket: INVALID_REQUEST (log on again).
 */
export function decideCompletePasswordChange(policy: SecurityPolicy, command: CompletePasswordChange, state: AccountState): AccountEvent[] {
  requireAccount(state);
  // A step issued before the primary disabled the user does not finish its logon.
  requireEnabled(state);
  const { now, ticketId } = command;
  const ticket = state.passwordChangeTickets[ticketId];
  if (!state.passwordResetRequired || !ticket || !isBefore(now, ticket.expiresAt)) {
    throw invalidRequest('ticket', 'unknown, used or expired: log on again');
  }
  const gate = passLockGate(state, now, 'CHANGE_PASSWORD', command.rejectedWhileLocked ?? null);
  if (gate.locked) return gate.events;
  const addressKey = command.addressKey ?? ticket.addressKey ?? UNKNOWN_ADDRESS_KEY;
  const changed = { ...state, passwordResetRequired: false, rememberedDevices: {} };
  return [
    ...gate.events,
    {
      type: 'PasswordChanged',
      data: { passwordHash: command.newPasswordHash, reason: 'CHANGE', sessionId: null, verificationId: null, at: now },
    },
    { type: 'PasswordChangeTicketUsed', data: { ticketId, at: now } },
    ...endOtherSessions(state, null, 'PASSWORD_CHANGED', now),
    ...nextLogonStep(policy, changed, { ...command, rememberedDeviceTokenHash: null }, addressKey, now),
  ];
}
