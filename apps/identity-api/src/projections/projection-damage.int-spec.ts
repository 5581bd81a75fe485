import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { accountStream } from '@identity/domain';
import { JsonObject, positionToString, SqliteEventStore } from '@identity/event-store';
import { allProjections, ProjectionDamageError, ProjectionRunner, rebuildProjection } from '@identity/read-models';
import { defined, registered } from '@identity/testing';
import { useReadModelDb } from '../../../../test/support/read-model-adapters';
import { eventually } from '../../../../test/support/polling';

const meta = { correlationId: 'c-1', causationId: null, actor: null, ip: null, userAgent: null };
const errors: string[] = [];
const logger = { warn: () => undefined, error: (line: string) => errors.push(line) };

// Issue 13: one unreadable event stopped both projections for good, silently, and `projections
// rebuild` then failed without saying where. Now a read model stops there with a clear state,
// resumes once the store is repaired, and the rebuild names the position.
describe('a projection meeting a damaged event', () => {
  const readModels = useReadModelDb('sqlite');
  let dir: string;
  let store: SqliteEventStore;
  const register = async (accountId: string) => {
    const event = registered({ accountId });
    await store.appendToStream(
      accountStream(accountId),
      [{ id: randomUUID(), type: event.type, data: event.data as unknown as JsonObject, metadata: meta }],
      'no_stream',
    );
    return defined((await store.readStream(accountStream(accountId)))[0]);
  };
  const setData = (eventId: string, data: string) => {
    const db = new Database(join(dir, 'events.db'));
    db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(data, eventId);
    db.close();
  };

  beforeEach(() => {
    errors.length = 0;
    dir = mkdtempSync(join(tmpdir(), 'projection-damage-'));
    store = new SqliteEventStore({ filePath: join(dir, 'events.db'), pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops that read model at the event, says where once, and resumes by itself once the event reads again', async () => {
    const first = await register(randomUUID());
    const victim = await register(randomUUID());
    const after = await register(randomUUID());
    const original = JSON.stringify(victim.data);
    setData(victim.id, `${original.slice(0, -1)}`); // no longer JSON
    const runner = new ProjectionRunner(defined(allProjections()[0]), store, readModels.db, logger, {
      initialMs: 10,
      maxMs: 50,
      damageRetryMs: 100,
    });
    runner.start();
    try {
      const damage = await eventually(
        async () => runner.damage,
        (d) => d !== null,
        5000,
      );
      expect(damage).toMatchObject({ position: positionToString(victim.position), streamId: victim.streamId, revision: '0' });
      expect(positionToString(defined(await runner.checkpoint()))).toBe(positionToString(first.position));
      await new Promise((resolve) => setTimeout(resolve, 350)); // a few retries: logged once
      expect(errors.filter((line) => line.includes('stopped at the damaged event'))).toHaveLength(1);
      setData(victim.id, original);
      await eventually(
        async () => runner.checkpoint(),
        (c) => c !== undefined && positionToString(c) === positionToString(after.position),
        5000,
      );
      expect(runner.damage).toBeNull();
    } finally {
      await runner.stop();
    }
  });

  it('ends a rebuild naming the position of the damaged event, and keeps the old rows', async () => {
    await register(randomUUID());
    const victim = await register(randomUUID());
    const projection = defined(allProjections()[0]);
    expect(await rebuildProjection(projection, store, readModels.db)).toBe(2);
    setData(victim.id, '{"accountId": 7}'); // JSON, but not an AccountRegistered
    const rebuilt = rebuildProjection(projection, store, readModels.db);
    await expect(rebuilt).rejects.toThrow(ProjectionDamageError);
    await expect(rebuilt).rejects.toThrow(`at position ${positionToString(victim.position)} (${victim.streamId}@0)`);
  });
});
