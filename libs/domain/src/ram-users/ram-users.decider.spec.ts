import { at, deciderSpec } from '@identity/testing';
import { ramUsersDecider } from './ram-users.decider';
import { RamUsersEvent } from './ram-users.events';

const spec = deciderSpec(ramUsersDecider);
const added: RamUsersEvent = { type: 'RamUserAdded', data: { accountId: 'ram-1', loginName: 'alice@acme', at: at(1) } };
const add = { type: 'AddRamUser' as const, accountId: 'ram-1', loginName: 'alice@acme', now: at(1) };

describe('the membership of a primary account', () => {
  it('adds a member once: a repeated add (a re-run after a crash) appends nothing', () => {
    spec.given([]).when(add).then([added]);
    spec.given([added]).when(add).then([]);
  });

  it('removes a member once', () => {
    const remove = { type: 'RemoveRamUser' as const, accountId: 'ram-1', reason: 'DELETED' as const, now: at(2) };
    spec
      .given([added])
      .when(remove)
      .then([{ type: 'RamUserRemoved', data: { accountId: 'ram-1', reason: 'DELETED', at: at(2) } }]);
    spec.given([]).when(remove).then([]);
  });

  it('takes no member once closed (the primary is being erased), and closes once', () => {
    const closed: RamUsersEvent = { type: 'RamUsersClosed', data: { at: at(3) } };
    spec
      .given([added, closed])
      .when({ ...add, accountId: 'ram-2' })
      .thenThrows('ACCOUNT_NOT_FOUND');
    spec
      .given([added])
      .when({ type: 'CloseRamUsers', now: at(3) })
      .then([closed]);
    spec
      .given([added, closed])
      .when({ type: 'CloseRamUsers', now: at(4) })
      .then([]);
  });

  it('folds the members by account id', () => {
    const state = [added].reduce(ramUsersDecider.evolve, ramUsersDecider.initialState());
    expect(state).toEqual({ members: { 'ram-1': 'alice@acme' }, closed: false });
  });
});
