import { randomUUID } from 'node:crypto';
import { AccountEvent, accountStream, addSeconds, ramUsersStream } from '@identity/domain';
import { InMemoryEventStore, JsonObject, Position } from '@identity/event-store';
import { at, challengeIssued, defined, lockedOut, registered, sessionStarted, totpProtected } from '@identity/testing';
import { allProjections, loadCheckpoint, ProjectionRunner, ReadModelDb, rebuildProjections } from '@identity/read-models';
import { READ_MODEL_ADAPTERS, useReadModelDb } from '../../../../test/support/read-model-adapters';
import { waitForProjection } from './projection-progress';

const quietLogger = { warn: () => undefined, error: () => undefined };
const meta = (i: number) => ({
  correlationId: `c-${i}`,
  causationId: null,
  actor: `account:${i}`,
  ip: `192.0.2.${i}`,
  userAgent: `spec/${i}`,
});
const event = (type: string, data: Record<string, unknown>): AccountEvent => ({ type, data }) as unknown as AccountEvent;
const primary = 'pppppppp-0000-4000-8000-000000000000';
const member = (i: number) => `mmmmmmmm-0000-4000-8000-00000000000${i}`;

/** Appends `events` to `streamId` in appends of two, so that the streams of the history interleave in `$all`. */
async function append(store: InMemoryEventStore, streamId: string, events: AccountEvent[], i: number): Promise<Position> {
  let last: Position | undefined;
  const before = (await store.readStream(streamId)).length;
  for (let k = 0; k < events.length; k += 2) {
    const chunk = events
      .slice(k, k + 2)
      .map((e) => ({ id: randomUUID(), type: e.type, data: e.data as unknown as JsonObject, metadata: meta(i) }));
    const expected = before + k === 0 ? 'no_stream' : BigInt(before + k - 1);
    last = (await store.appendToStream(streamId, chunk, expected)).position;
  }
  return defined(last);
}

/** Logons, step-ups, ended and expired sessions, locks, protection, a primary's RAM users (added, changed, disabled, removed) and an erasure. */
async function variedHistory(store: InMemoryEventStore): Promise<Position> {
  await append(store, accountStream(primary), [registered({ accountId: primary, loginName: 'primary' }), ...totpProtected().slice(1)], 0);
  let last: Position = await append(store, accountStream(primary), [sessionStarted('p-1', at(100), 'TOTP')], 0);
  for (let i = 1; i <= 4; i += 1) {
    const accountId = member(i);
    const t = (s: number) => at(100 * i + s);
    await append(store, ramUsersStream(primary), [event('RamUserAdded', { accountId, loginName: `user${i}`, at: t(0) })], 0);
    await append(
      store,
      accountStream(accountId),
      [registered({ accountId, loginName: `user${i}`, primaryAccountId: primary, at: t(1) })],
      i,
    );
    last = await append(
      store,
      accountStream(accountId),
      [
        event('RamUserSettingsChanged', { displayName: `User ${i}`, mfaRequired: i % 2 === 0, passwordResetRequired: false, at: t(2) }),
        sessionStarted(`s-${i}-1`, t(3)),
        event('StepUpSucceeded', { sessionId: `s-${i}-1`, method: 'TOTP', authenticatorId: 'enr-1', at: t(4) }),
        sessionStarted(`s-${i}-2`, t(5), 'TOTP'),
        event('SessionsEnded', { sessionIds: [`s-${i}-2`], reason: 'OTHERS_REVOKED', at: t(6) }),
        challengeIssued(`ch-${i}`, t(7)),
        ...lockedOut(t(8)),
        // Past the first sessions' expiry: the logon forgets them.
        sessionStarted(`s-${i}-3`, addSeconds(t(8), 5000)),
      ],
      i,
    );
    if (i === 2) last = await append(store, accountStream(accountId), [event('AccountDisabled', { reason: 'PRIMARY', at: t(9) })], i);
    if (i === 3) {
      last = await append(
        store,
        accountStream(accountId),
        [event('AccountErased', { by: 'PRIMARY', sessionId: null, verificationId: null, at: t(9) })],
        i,
      );
      last = await append(store, ramUsersStream(primary), [event('RamUserRemoved', { accountId, reason: 'DELETED', at: t(10) })], 0);
    }
  }
  return last;
}

/** Every row of every read model's tables, in key order, and each projection's checkpoint. */
async function everything(db: ReadModelDb): Promise<Record<string, unknown>> {
  const dump: Record<string, unknown> = {};
  for (const projection of allProjections()) {
    for (const table of projection.tables) dump[table] = await db.query(`SELECT * FROM ${table} ORDER BY 1`);
    dump[`checkpoint ${projection.name}`] = await loadCheckpoint(db, projection.name);
  }
  return dump;
}

describe.each(READ_MODEL_ADAPTERS)('projections rebuild in %s', (dialect) => {
  const readModels = useReadModelDb(dialect);

  it.each([3, 1000])(
    'gives every read model the rows and checkpoint the live projections gave, in batches of %i',
    async (batchSize) => {
      const store = new InMemoryEventStore();
      const end = await variedHistory(store);
      const runners = allProjections().map((p) => new ProjectionRunner(p, store, readModels.db, quietLogger));
      runners.forEach((r) => r.start());
      await Promise.all(runners.map((r) => waitForProjection(r, end, 5000)));
      await Promise.all(runners.map((r) => r.stop()));
      const live = await everything(readModels.db);
      expect(Object.values(live).filter((rows) => Array.isArray(rows) && rows.length > 0)).toHaveLength(4);

      const counts = await rebuildProjections(allProjections(), store, readModels.db, undefined, { batchSize });
      expect(counts.every((count) => count > 0)).toBe(true);
      expect(await everything(readModels.db)).toEqual(live);
    },
    20_000,
  );
});
