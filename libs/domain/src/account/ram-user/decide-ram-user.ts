import { DomainError } from '../../shared/domain-error';
import { AccountEvent } from '../account.events';
import { AccountState } from '../account.state';
import { endOtherSessions } from '../kernel/sessions';
import { CreateRamUser, RamUserCommand, SetRamUserPassword, UpdateRamUser } from './ram-user.commands';

/** Not the acting primary account's RAM user (another primary's, a primary, none, or erased): FORBIDDEN, whichever it is. */
export function requireRamUserOf(state: AccountState, primaryAccountId: string): void {
  if (!state.exists || state.erased || state.primaryAccountId !== primaryAccountId) {
    throw new DomainError('NOT_PERMITTED', 'accountId: not a RAM user of this account', 'accountId');
  }
}

/** The RAM-user commands of the account decider. Repeating one that changes nothing appends nothing. */
export function decideRamUser(command: RamUserCommand, state: AccountState): AccountEvent[] {
  if (command.type === 'CreateRamUser') return decideCreate(command, state);
  requireRamUserOf(state, command.primaryAccountId);
  const now = command.now;
  switch (command.type) {
    case 'UpdateRamUser':
      return decideUpdate(command, state);
    case 'DisableRamUser':
      if (state.disabled) return [];
      return [
        { type: 'AccountDisabled', data: { reason: command.reason, at: now } },
        ...endOtherSessions(state, null, 'ACCOUNT_DISABLED', now),
      ];
    case 'EnableRamUser':
      return state.disabled ? [{ type: 'AccountEnabled', data: { at: now } }] : [];
    case 'SetRamUserPassword':
      return decideSetPassword(command, state);
    case 'EraseRamUser':
      return [
        ...endOtherSessions(state, null, 'ACCOUNT_DELETED', now),
        { type: 'AccountErased', data: { by: 'PRIMARY', sessionId: null, verificationId: null, at: now } },
      ];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function decideCreate(command: CreateRamUser, state: AccountState): AccountEvent[] {
  if (state.exists) throw new DomainError('ACCOUNT_EXISTS', 'accountId: the account exists already', 'accountId');
  const { now, displayName, mfaRequired, passwordResetRequired } = command;
  return [
    {
      type: 'AccountRegistered',
      data: {
        accountId: command.accountId,
        loginName: command.loginName,
        passwordHash: command.passwordHash,
        email: command.email,
        maskedEmail: command.maskedEmail,
        phone: command.phone,
        maskedPhone: command.maskedPhone,
        primaryAccountId: command.primaryAccountId,
        at: now,
      },
    },
    { type: 'RamUserSettingsChanged', data: { displayName, mfaRequired, passwordResetRequired, at: now } },
  ];
}

function decideUpdate(command: UpdateRamUser, state: AccountState): AccountEvent[] {
  const displayName = command.displayName ?? state.displayName ?? '';
  const mfaRequired = command.mfaRequired ?? state.mfaRequired;
  const passwordResetRequired = command.passwordResetRequired ?? state.passwordResetRequired;
  const same =
    displayName === state.displayName && mfaRequired === state.mfaRequired && passwordResetRequired === state.passwordResetRequired;
  return same ? [] : [{ type: 'RamUserSettingsChanged', data: { displayName, mfaRequired, passwordResetRequired, at: command.now } }];
}

/** The new password ends every session of the user (as a reset does); the reset flag is recorded with it. */
function decideSetPassword(command: SetRamUserPassword, state: AccountState): AccountEvent[] {
  const { now, passwordHash, passwordResetRequired } = command;
  const settings: AccountEvent[] =
    passwordResetRequired === state.passwordResetRequired
      ? []
      : [
          {
            type: 'RamUserSettingsChanged',
            data: { displayName: state.displayName ?? '', mfaRequired: state.mfaRequired, passwordResetRequired, at: now },
          },
        ];
  return [
    { type: 'PasswordChanged', data: { passwordHash, reason: 'SET_BY_PRIMARY', sessionId: null, verificationId: null, at: now } },
    ...endOtherSessions(state, null, 'PASSWORD_CHANGED', now),
    ...settings,
  ];
}
