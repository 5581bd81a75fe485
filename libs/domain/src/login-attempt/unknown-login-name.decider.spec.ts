import { deciderSpec } from '@identity/testing';
import { loginAttemptDecider } from './unknown-login-name.decider';

const spec = deciderSpec(loginAttemptDecider);
const record = { type: 'RecordUnknownLoginName' as const, now: '2026-01-01T00:00:05.000Z' };
const attempted = (attempt: number) => ({ type: 'UnknownLoginNameAttempted' as const, data: { attempt, at: '2026-01-01T00:00:00.000Z' } });

describe('RecordUnknownLoginName', () => {
  it('records the first attempt on a name', () =>
    spec
      .given([])
      .when(record)
      .then([{ type: 'UnknownLoginNameAttempted', data: { attempt: 1, at: record.now } }]));
  it('counts on from the attempts already recorded', () =>
    spec
      .given([attempted(1), attempted(2)])
      .when(record)
      .then([{ type: 'UnknownLoginNameAttempted', data: { attempt: 3, at: record.now } }]));
});
