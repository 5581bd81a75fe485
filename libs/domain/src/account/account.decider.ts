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

export interface AccountDecider {
  initialState(): AccountState;
  evolve(state: AccountState, event: AccountEvent): AccountState;
  decide(command: AccountCommand, state: AccountState): AccountEvent[];
  decode(type: string, data: unknown): AccountEvent;
  snapshotVersion: string;
}

/** The account's decider under a security policy (lockout threshold, code lifetimes). */
export function accountDecider(policy: SecurityPolicy): AccountDecider {
  return {
    initialState: initialAccountState,
    evolve: evolveAccount,
    // Interim, snapshots branch only: a cast, replaced by the account registry's validating decoder.
    decode: (type, data) => ({ type, data }) as unknown as AccountEvent,
    // Names the shape of AccountState for snapshots: change it whenever AccountState changes.
    snapshotVersion: 'account-state.v1',
    decide(command, state) {
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
