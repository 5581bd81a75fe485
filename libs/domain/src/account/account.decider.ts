import { DomainError } from '../shared/domain-error';
import { AccountCommand, RegisterAccount, SecurityPolicy } from './account.commands';
import { AccountEvent } from './account.events';
import { evolveAccount } from './account.evolve';
import { AccountState, initialAccountState } from './account.state';
import { decideDisableProtection, decideRequestProtectionDisable } from './decide-disable-protection';
import { decideCompleteLogin, decideLogin } from './decide-login';
import {
  decideBeginTotpBinding, decideBindTotp, decideEnableProtection, decideVerifyIdentity,
} from './decide-protection';

/**
 * The account's decider under a security policy (lockout threshold, code lifetimes): an object of
 * the shape of `Decider` in libs/event-store, which the domain does not import.
 */
export function accountDecider(policy: SecurityPolicy) {
  return {
    initialState: initialAccountState,
    evolve: evolveAccount,
    decide(command: AccountCommand, state: AccountState): AccountEvent[] {
      switch (command.type) {
        case 'RegisterAccount': return decideRegister(command, state);
        case 'Login': return decideLogin(policy, command, state);
        case 'CompleteLogin': return decideCompleteLogin(policy, command, state);
        case 'EnableProtection': return decideEnableProtection(policy, command, state);
        case 'VerifyIdentity': return decideVerifyIdentity(policy, command, state);
        case 'BeginTotpBinding': return decideBeginTotpBinding(policy, command, state);
        case 'BindTotp': return decideBindTotp(policy, command, state);
        case 'RequestProtectionDisable': return decideRequestProtectionDisable(policy, command, state);
        case 'DisableProtection': return decideDisableProtection(policy, command, state);
        default: return assertNever(command);
      }
    },
  };
}

function decideRegister(command: RegisterAccount, state: AccountState): AccountEvent[] {
  if (state.exists) throw new DomainError('BAD_USER_INPUT', 'accountId: the account exists already');
  const { type: _type, now, ...data } = command;
  return [{ type: 'AccountRegistered', data: { ...data, at: now } }];
}

function assertNever(command: never): never {
  throw new Error(`unknown account command ${JSON.stringify((command as { type?: unknown }).type)}`);
}
