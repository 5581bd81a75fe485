import { DomainError } from '../shared/domain-error';
import { Instant } from '../shared/types';
import { RamUserRemovalReason, RamUsersEvent } from './ram-users.events';
import { decodeRamUsersEvent } from './ram-users.registry';

export type RamUsersCommand =
  | { type: 'AddRamUser'; accountId: string; loginName: string; now: Instant }
  | { type: 'RemoveRamUser'; accountId: string; reason: RamUserRemovalReason; now: Instant }
  | { type: 'CloseRamUsers'; now: Instant };

export interface RamUsersState {
  /** The members, by account id: their whole login names. */
  members: Record<string, string>;
  /** RamUsersClosed: the primary account is erased or being erased. */
  closed: boolean;
}

/**
 * A primary account's membership stream. Adding a member that is there already, removing one that
 * is not, or closing twice appends nothing, so a handler re-run after a crash is harmless. A closed
 * stream takes no new member (ACCOUNT_NOT_FOUND: the primary is gone).
 */
export const ramUsersDecider = {
  decode: decodeRamUsersEvent,
  initialState: (): RamUsersState => ({ members: {}, closed: false }),
  evolve(state: RamUsersState, event: RamUsersEvent): RamUsersState {
    switch (event.type) {
      case 'RamUserAdded':
        return { ...state, members: { ...state.members, [event.data.accountId]: event.data.loginName } };
      case 'RamUserRemoved': {
        const { [event.data.accountId]: _removed, ...members } = state.members;
        return { ...state, members };
      }
      case 'RamUsersClosed':
        return { ...state, closed: true };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
  decide(command: RamUsersCommand, state: RamUsersState): RamUsersEvent[] {
    switch (command.type) {
      case 'AddRamUser':
        if (state.closed) throw new DomainError('ACCOUNT_NOT_FOUND', 'the primary account is erased');
        if (state.members[command.accountId] !== undefined) return [];
        return [{ type: 'RamUserAdded', data: { accountId: command.accountId, loginName: command.loginName, at: command.now } }];
      case 'RemoveRamUser':
        if (state.members[command.accountId] === undefined) return [];
        return [{ type: 'RamUserRemoved', data: { accountId: command.accountId, reason: command.reason, at: command.now } }];
      case 'CloseRamUsers':
        return state.closed ? [] : [{ type: 'RamUsersClosed', data: { at: command.now } }];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};
