import { at, challengeIssued, lockedOut, twoTotpAuthenticators } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { accountDecider } from './account.decider';
import { ACCOUNT_STATE_VERSION, totpAuthenticators } from './account.state';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);

describe('AccountState', () => {
  const history = () => [...twoTotpAuthenticators(), challengeIssued('ch-1', at(100)), ...lockedOut(at(110))];

  it('is plain JSON, so a snapshot gives back the same state', () => {
    const state = history().reduce(decider.evolve, decider.initialState());
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const resumed = [challengeIssued('ch-2', at(1200))].reduce(decider.evolve, JSON.parse(JSON.stringify(state)));
    expect(resumed).toEqual([challengeIssued('ch-2', at(1200))].reduce(decider.evolve, state));
  });

  it('names its shape for snapshots on the decider', () => {
    expect(decider.snapshotVersion).toBe(ACCOUNT_STATE_VERSION);
    expect(ACCOUNT_STATE_VERSION).toBe('account-state.v5');
  });

  it('lists the bound TOTP authenticators in the order bound', () => {
    const state = history().reduce(decider.evolve, decider.initialState());
    expect(totpAuthenticators(state).map((a) => [a.authenticatorId, a.name, a.lastAcceptedTimeStep])).toEqual([
      ['enr-1', 'Authenticator', 1000],
      ['enr-2', 'work phone', 2000],
    ]);
  });
});
