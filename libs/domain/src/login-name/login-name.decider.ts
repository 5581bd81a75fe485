import { DomainError } from '../shared/domain-error';
import { Instant } from '../shared/types';
import { decodeLoginNameEvent } from './login-name.registry';

/**
 * A login name is claimed in its own stream (`loginname-<key>`, the key derived from the normalised
 * name), so that uniqueness is an append with an expected revision, not a read-model lookup.
 */
export type LoginNameClaimed = { type: 'LoginNameClaimed'; data: { loginName: string; accountId: string; at: Instant } };
export type LoginNameEvent = LoginNameClaimed;
export interface ClaimLoginName {
  type: 'ClaimLoginName';
  loginName: string;
  accountId: string;
  now: Instant;
}
export interface LoginNameState {
  accountId: string | null;
}

export const loginNameDecider = {
  decode: decodeLoginNameEvent,
  initialState: (): LoginNameState => ({ accountId: null }),
  evolve: (_state: LoginNameState, event: LoginNameEvent): LoginNameState => ({ accountId: event.data.accountId }),
  decide(command: ClaimLoginName, state: LoginNameState): LoginNameEvent[] {
    if (state.accountId !== null) throw new DomainError('LOGIN_NAME_TAKEN', 'loginName: this login name is taken');
    return [{ type: 'LoginNameClaimed', data: { loginName: command.loginName, accountId: command.accountId, at: command.now } }];
  },
};
