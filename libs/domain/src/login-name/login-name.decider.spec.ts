import { deciderSpec } from '@identity/testing';
import { loginNameDecider } from './login-name.decider';

const spec = deciderSpec(loginNameDecider);
const claim = { type: 'ClaimLoginName' as const, loginName: 'alice', accountId: 'acc-1', now: '2026-01-01T00:00:00.000Z' };

describe('ClaimLoginName', () => {
  it('claims a free name', () =>
    spec
      .given([])
      .when(claim)
      .then([{ type: 'LoginNameClaimed', data: { loginName: 'alice', accountId: 'acc-1', at: claim.now } }]));
  it('refuses a taken name', () =>
    spec
      .given([{ type: 'LoginNameClaimed', data: { loginName: 'Alice', accountId: 'acc-0', at: claim.now } }])
      .when(claim)
      .thenThrows('LOGIN_NAME_TAKEN'));
});
