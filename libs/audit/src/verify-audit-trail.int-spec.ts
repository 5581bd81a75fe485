import { InMemoryEventStore, RecordedEvent } from '@identity/event-store';
import { TamperedEventStore } from '@identity/event-store/audit-chain/testing/tampered-event-store';
import { ReadModelDb } from '@identity/read-models';
import { READ_MODEL_ADAPTERS } from '../../../test/support/read-model-adapters';
import { generateChainedAccountEvents, GeneratedEvents } from '../../../test/bench/chained-account-events';
import { digestNow, newSigningKey, ReadModelFixture } from '../../../test/support/audit-fixture';
import { verifyAuditTrail } from './verify-audit-trail';
import { defined } from '@identity/testing';

describe.each(READ_MODEL_ADAPTERS)('verifyAuditTrail with the read models in %s', (dialect) => {
  const key = newSigningKey();
  let store: TamperedEventStore;
  let generated: GeneratedEvents;
  let readModels: ReadModelFixture;
  let reader: ReadModelDb;

  beforeEach(async () => {
    store = new TamperedEventStore(new InMemoryEventStore());
    generated = await generateChainedAccountEvents(store, { accounts: 4, eventsPerAccount: 12, appendSize: 5 });
    await digestNow(store, key);
    readModels = await ReadModelFixture.open(dialect);
    await readModels.build(store);
    reader = readModels.readOnly();
  });
  afterEach(async () => {
    await reader.close();
    await readModels.close();
    await store.close();
  });

  const run = async (progress: (line: string) => void = () => undefined) => {
    const lines: string[] = [];
    const result = await verifyAuditTrail({
      store,
      publicKey: key.publicKey,
      readModels: reader,
      out: (l) => lines.push(l),
      progress,
      progressEvery: 1,
    });
    return { result, lines, mismatches: lines.filter((l) => l.startsWith('MISMATCH ')) };
  };
  const stream = (i: number) => `account-${generated.accountIds[i]}`;

  it('holds on an intact store and says what it compared', async () => {
    const { result, lines } = await run();
    expect(result.ok).toBe(true);
    expect(lines).toEqual([result.summary]);
    expect(result.summary).toMatch(/^audit verify: OK: 49 events in 5 streams, 1 digest, the last at position 48 \(0 events after it\); /);
    expect(result.summary).toContain('account_security_v3: 4 rows compared; audit_history_v1: 48 rows compared');
  });

  it('names a changed account_security_v3 row, a missing one and one no events give', async () => {
    const { writer } = readModels;
    const [changed, missing] = [defined(generated.accountIds[1], 'account 1'), defined(generated.accountIds[2], 'account 2')];
    const [row] = await writer.query<{ locked_until: string | null }>('SELECT locked_until FROM account_security_v3 WHERE account_id = ?', [
      changed,
    ]);
    const lockedUntil = defined(row, `the account_security_v3 row of ${changed}`).locked_until;
    await writer.execute('UPDATE account_security_v3 SET locked_until = ? WHERE account_id = ?', ['2099-01-01T00:00:00.000Z', changed]);
    await writer.execute('DELETE FROM account_security_v3 WHERE account_id = ?', [missing]);
    await writer.execute(`INSERT INTO account_security_v3 SELECT 'zzz-ghost', login_name, primary_account_id, protection_enabled,
      scenes, method, totp_bound, totp_bound_at, locked_until, updated_at, authenticators, recovery_codes_remaining, erased
      FROM account_security_v3 LIMIT 1`);
    const { result, mismatches } = await run();
    expect(result.ok).toBe(false);
    expect(mismatches.sort()).toEqual(
      [
        `MISMATCH security-view ${stream(1)}@11 -: the account_security_v3 row differs in locked_until (row "2099-01-01T00:00:00.000Z", events give ${JSON.stringify(lockedUntil)})`,
        `MISMATCH security-view ${stream(2)}@11 -: account_security_v3 has no row, the events give one`,
        'MISMATCH security-view account-zzz-ghost@- -: account_security_v3 has a row the events do not give',
      ].sort(),
    );
    expect(result.summary).toMatch(/^audit verify: FAILED, 3 mismatches: /);
  });

  it('names changed, missing and foreign audit_history_v1 rows', async () => {
    const [, second, third] = await store.readStream(stream(0));
    if (!second || !third) throw new Error(`${stream(0)} has fewer than three events`);
    await readModels.writer.execute('UPDATE audit_history_v1 SET ip = ? WHERE event_id = ?', ['198.51.100.66', second.id]);
    await readModels.writer.execute('DELETE FROM audit_history_v1 WHERE event_id = ?', [third.id]);
    await readModels.writer.execute(`UPDATE audit_history_v1 SET event_id = 'forged' WHERE seq = (SELECT max(seq) FROM audit_history_v1)`);
    const last = (await collectAll(store)).filter((e) => e.streamId.startsWith('account-')).pop() as RecordedEvent;
    const { mismatches } = await run();
    expect(mismatches).toEqual([
      `MISMATCH history-row ${stream(0)}@1 ${second.id}: the audit_history_v1 row differs in ip (row "198.51.100.66", events give "203.0.113.7")`,
      `MISMATCH history-row ${stream(0)}@2 ${third.id}: audit_history_v1 has no row for this event`,
      `MISMATCH history-row ${last.streamId}@${last.revision} ${last.id}: audit_history_v1 has no row for this event`,
      `MISMATCH history-row ${last.streamId}@- forged: the audit_history_v1 row has no such event at its position`,
    ]);
  });

  it('names the changed event, and the read-model rows its change would have given', async () => {
    const third = defined((await store.readStream(stream(3)))[2], `the third event of ${stream(3)}`);
    store.tamper = (events) =>
      events.map((e) => (e.id === third.id ? { ...e, data: { ...e.data, lockedUntil: '2030-01-01T00:00:00.000Z' } } : e));
    const { mismatches } = await run();
    expect(mismatches).toEqual([
      `MISMATCH hash ${stream(3)}@2 ${third.id}: the content does not match metadata.hash: the event was changed`,
      `MISMATCH history-row ${stream(3)}@2 ${third.id}: the audit_history_v1 row differs in data`,
    ]);
  });

  it('does not compare account_security_v3 when the app moved it on during the run', async () => {
    // The app moves the checkpoint after verify read it and before verify reads it again: here, once
    // the first events are asked for (the checkpoint is read before), awaited so that it has landed.
    const readAll = store.readAll.bind(store);
    const moving = Object.assign(Object.create(store) as TamperedEventStore, {
      readAll: (options?: Parameters<TamperedEventStore['readAll']>[0]) =>
        (async function* () {
          await readModels.writer.execute("UPDATE projection_checkpoints SET position = '999' WHERE projection = 'account_security.v3'");
          yield* readAll(options);
        })(),
    });
    const result = await verifyAuditTrail({
      store: moving,
      publicKey: key.publicKey,
      readModels: reader,
      out: () => undefined,
      progress: () => undefined,
    });
    expect(result.ok).toBe(true);
    expect(result.summary).toContain('account_security_v3: not compared, it changed during the run');
  });

  it('says when there are no read models to compare', async () => {
    const lines: string[] = [];
    const result = await verifyAuditTrail({
      store,
      publicKey: key.publicKey,
      readModels: null,
      out: (l) => lines.push(l),
      progress: () => undefined,
    });
    expect(result.ok).toBe(true);
    expect(result.summary).toContain('account_security_v3: not present, not compared; audit_history_v1: not present, not compared');
  });
});

async function collectAll(store: TamperedEventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const event of store.readAll()) all.push(event);
  return all;
}
