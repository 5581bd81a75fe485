import { RecordedEvent } from '@identity/event-store';
import { READ_MODEL_ADAPTERS, useReadModelDb } from '../../../../test/support/read-model-adapters';
import { SessionsProjection } from './sessions.projection';
import { SessionsRepository } from './sessions.repository';

let position = 0n;
const recorded = (type: string, data: Record<string, unknown>, meta: { ip?: string; userAgent?: string } = {}): RecordedEvent => {
  position += 1n;
  return {
    streamId: 'account-a-1',
    revision: position,
    position: { commit: position, prepare: position },
    id: `e-${position}`,
    type,
    data: data as RecordedEvent['data'],
    metadata: { correlationId: 'c', causationId: null, actor: null, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null },
    recordedAt: new Date('2026-03-02T09:00:00.000Z'),
  };
};
const logon = (sessionId: string, at: string, expiresAt: string, method = 'PASSWORD') =>
  recorded(
    'LoginSucceeded',
    { sessionId, method, challengeId: null, expiresAt, authenticatorId: method === 'TOTP' ? 'enr-1' : null, at },
    { ip: '203.0.113.9', userAgent: 'e2e-laptop/1.0' },
  );

describe.each(READ_MODEL_ADAPTERS)('sessions.v1 in %s', (dialect) => {
  const readModels = useReadModelDb(dialect);
  const projection = new SessionsProjection();
  const apply = async (...events: RecordedEvent[]) => {
    for (const event of events) await projection.apply(readModels.db, event);
  };

  it('lists live sessions with address, user agent and proof; the same event twice gives the same rows', async () => {
    await projection.setUp(readModels.db);
    const first = logon('s-1', '2026-03-02T09:00:00.000Z', '2026-03-02T09:15:00.000Z', 'TOTP');
    await apply(first, first, logon('s-2', '2026-03-02T09:01:00.000Z', '2026-03-02T09:16:00.000Z'));
    const sessions = new SessionsRepository(readModels.db);
    expect(await sessions.live('a-1', '2026-03-02T09:02:00.000Z')).toEqual([
      {
        sessionId: 's-1',
        accountId: 'a-1',
        createdAt: '2026-03-02T09:00:00.000Z',
        expiresAt: '2026-03-02T09:15:00.000Z',
        lastSeenAt: '2026-03-02T09:00:00.000Z',
        clientAddress: '203.0.113.9',
        userAgent: 'e2e-laptop/1.0',
        proofMethod: 'TOTP',
        proofAuthenticatorId: 'enr-1',
        secondFactorAt: '2026-03-02T09:00:00.000Z',
        secondFactorMethod: 'TOTP',
      },
      expect.objectContaining({ sessionId: 's-2', proofMethod: 'PASSWORD', secondFactorAt: null }),
    ]);
    expect(await sessions.live('a-1', '2026-03-02T09:15:30.000Z')).toEqual([expect.objectContaining({ sessionId: 's-2' })]);
  });

  it('records step-ups, ends sessions, and keeps last seen moving forward only', async () => {
    await projection.setUp(readModels.db);
    await apply(
      logon('s-1', '2026-03-02T09:00:00.000Z', '2026-03-02T09:15:00.000Z'),
      logon('s-2', '2026-03-02T09:01:00.000Z', '2026-03-02T09:16:00.000Z'),
      recorded('StepUpSucceeded', { sessionId: 's-1', method: 'TOTP', authenticatorId: 'enr-1', at: '2026-03-02T09:03:00.000Z' }),
      recorded('SessionsEnded', { sessionIds: ['s-2'], reason: 'OTHERS_REVOKED', at: '2026-03-02T09:04:00.000Z' }),
    );
    const sessions = new SessionsRepository(readModels.db);
    await sessions.seen('s-1', '2026-03-02T09:05:00.000Z');
    await sessions.seen('s-1', '2026-03-02T09:04:30.000Z');
    expect(await sessions.live('a-1', '2026-03-02T09:06:00.000Z')).toEqual([
      expect.objectContaining({
        sessionId: 's-1',
        secondFactorAt: '2026-03-02T09:03:00.000Z',
        secondFactorMethod: 'TOTP',
        lastSeenAt: '2026-03-02T09:05:00.000Z',
      }),
    ]);
  });

  it('writes into other tables when told to (a rebuild), leaving the live ones and last seen alone', async () => {
    await projection.setUp(readModels.db);
    const copy = projection.writingInto((table) => `${table}__copy`);
    await copy.setUp(readModels.db);
    await copy.apply(readModels.db, logon('s-9', '2026-03-02T09:00:00.000Z', '2026-03-02T09:15:00.000Z'));
    await new SessionsRepository(readModels.db).seen('s-9', '2026-03-02T09:05:00.000Z');
    expect(copy.tables).toEqual(['sessions_v1__copy']);
    expect(await new SessionsRepository(readModels.db).live('a-1', '2026-03-02T09:06:00.000Z')).toEqual([]);
    expect(await new SessionsRepository(readModels.db, 'sessions_v1__copy').live('a-1', '2026-03-02T09:06:00.000Z')).toEqual([
      expect.objectContaining({ sessionId: 's-9', lastSeenAt: '2026-03-02T09:05:00.000Z' }),
    ]);
  });
});
