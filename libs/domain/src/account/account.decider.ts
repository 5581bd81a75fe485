import { decodeAccountEvent } from './account.registry';
import { DomainError } from '../shared/domain-error';
import { AccountCommand, RegisterAccount, SecurityPolicy } from './account.commands';
import { AccountEvent } from './account.events';
import { evolveAccount } from './account.evolve';
import { ACCOUNT_STATE_VERSION, AccountState, initialAccountState } from './account.state';
import { decideDisableProtection, decideRequestProtectionDisable } from './decide-disable-protection';
import { decideChangeProtection } from './decide-change-protection';
import { decideConfirmContactChange, decideRequestContactChange } from './decide-contact-change';
import { decideEraseAccount } from './decide-erase';
import { decideCompleteLogin, decideLogin } from './decide-login';
import { decideEndSession, decideRevokeOtherSessions, decideRevokeSession, decideStepUp } from './decide-sessions';
import { decideChangePassword, decideRequestPasswordReset, decideResetPassword } from './decide-password';
import { decideEnableProtection, decideRequestVerification, decideVerifyIdentity } from './decide-protection';
import { decideRegenerateRecoveryCodes } from './factors/recovery-codes/recovery-codes';
import { decideBeginTotpBinding, decideBindTotp } from './factors/totp/totp-binding';
import { decideUnlock } from './kernel/decide-unlock';
import { decideRamUser } from './ram-user/decide-ram-user';
import { decideRemoveAuthenticator, decideRenameAuthenticator, decideResyncTotp } from './factors/totp/totp-devices';
import { decideCompleteEnrollment } from './logon-steps/decide-complete-enrollment';
import { decideCompletePasswordChange } from './logon-steps/decide-password-change';
import { decideResetMfaByPrimary } from './logon-steps/decide-reset-mfa';
import { decideRevokeRememberedDevices, rememberingDevice, requireRememberingAllowed } from './remembered-devices/remembered-devices';
import { decideSetSecurityPreference } from './security-preference/decide-security-preference';
import { withinSessionLimit } from './kernel/session-limit';

/**
 * The account's decider under a security policy (lockout threshold, code lifetimes): an object of
 * the shape of `Decider` in libs/event-store, which the domain does not import. `decode` turns a
 * stored event into a typed one (validated, old shapes upcast; MalformedEventError when it cannot);
 * `snapshotVersion` names the shape of AccountState for snapshots.
 */
export function accountDecider(policy: SecurityPolicy) {
  return {
    initialState: initialAccountState,
    evolve: evolveAccount,
    decode: decodeAccountEvent,
    snapshotVersion: ACCOUNT_STATE_VERSION,
    decide(command: AccountCommand, state: AccountState): AccountEvent[] {
      return withinSessionLimit(state, decideAccount(policy, command, state));
    },
  };
}

/** What the command decides on the account, before the session limit (`withinSessionLimit`). */
function decideAccount(policy: SecurityPolicy, command: AccountCommand, state: AccountState): AccountEvent[] {
  switch (command.type) {
    case 'RegisterAccount':
      return decideRegister(command, state);
    case 'UnlockAccount':
      return decideUnlock(command, state);
    case 'Login':
      return decideLogin(policy, command, state);
    case 'CompleteLogin':
      requireRememberingAllowed(command);
      return rememberingDevice(policy, command, decideCompleteLogin(policy, command, state));
    case 'EnableProtection':
      return decideEnableProtection(policy, command, state);
    case 'VerifyIdentity':
      return decideVerifyIdentity(policy, command, state);
    case 'RequestVerification':
      return decideRequestVerification(policy, command, state);
    case 'BeginTotpBinding':
      return decideBeginTotpBinding(policy, command, state);
    case 'BindTotp':
      return decideBindTotp(policy, command, state);
    case 'RequestProtectionDisable':
      return decideRequestProtectionDisable(policy, command, state);
    case 'DisableProtection':
      return decideDisableProtection(policy, command, state);
    case 'EndSession':
      return decideEndSession(command, state);
    case 'RevokeSession':
      return decideRevokeSession(command, state);
    case 'RevokeOtherSessions':
      return decideRevokeOtherSessions(command, state);
    case 'StepUp':
      return decideStepUp(policy, command, state);
    case 'ChangeProtection':
      return decideChangeProtection(policy, command, state);
    case 'RequestContactChange':
      return decideRequestContactChange(policy, command, state);
    case 'ConfirmContactChange':
      return decideConfirmContactChange(policy, command, state);
    case 'RegenerateRecoveryCodes':
      return decideRegenerateRecoveryCodes(policy, command, state);
    case 'RenameAuthenticator':
      return decideRenameAuthenticator(policy, command, state);
    case 'RemoveAuthenticator':
      return decideRemoveAuthenticator(policy, command, state);
    case 'ResyncTotp':
      return decideResyncTotp(policy, command, state);
    case 'ChangePassword':
      return decideChangePassword(policy, command, state);
    case 'RequestPasswordReset':
      return decideRequestPasswordReset(policy, command, state);
    case 'ResetPassword':
      return decideResetPassword(policy, command, state);
    case 'EraseAccount':
      return decideEraseAccount(policy, command, state);
    case 'SetSecurityPreference':
      return decideSetSecurityPreference(policy, command, state);
    case 'RevokeRememberedDevices':
      return decideRevokeRememberedDevices(command, state);
    case 'CompleteEnrollment':
      requireRememberingAllowed(command);
      return rememberingDevice(policy, command, decideCompleteEnrollment(policy, command, state));
    case 'CompletePasswordChange':
      return decideCompletePasswordChange(policy, command, state);
    case 'ResetMfaByPrimary':
      return decideResetMfaByPrimary(command, state);
    case 'CreateRamUser':
    case 'UpdateRamUser':
    case 'DisableRamUser':
    case 'EnableRamUser':
    case 'SetRamUserPassword':
    case 'EraseRamUser':
      return decideRamUser(command, state);
    default:
      return assertNever(command);
  }
}

function decideRegister(command: RegisterAccount, state: AccountState): AccountEvent[] {
  if (state.exists) throw new DomainError('ACCOUNT_EXISTS', 'accountId: the account exists already', 'accountId');
  const { type: _type, now, ...data } = command;
  return [{ type: 'AccountRegistered', data: { ...data, at: now } }];
}

function assertNever(command: never): never {
  throw new Error(`unknown account command ${JSON.stringify((command as { type?: unknown }).type)}`);
}
