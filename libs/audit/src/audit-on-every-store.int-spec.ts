import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiKeyDecider, apiKeyStream } from '@identity/domain';
import { EventStore, handleCommand, InMemoryEventStore, SqliteEventStore } from '@identity/event-store';
import { KurrentDbEventStore } from '@identity/event-store/kurrentdb';
import { KurrentDbTestServer } from '../../../test/kurrentdb-test-server';
import { generateChainedAccountEvents } from '../../../test/bench/chained-account-events';
import { digestNow, newSigningKey } from '../../../test/support/audit-fixture';
import { exportAuditEvents } from './export-audit-events';
import { verifyAuditTrail } from './verify-audit-trail';

jest.setTimeout(30_000);

interface Opened {
  store: EventStore;
  cleanup: () => Promise<void>;
}

// Issue 4: chains, digests, verify and export behave the same on every adapter.
describe.each([
  [
    'in-memory',
    async (): Promise<Opened> => {
      const store = new InMemoryEventStore();
      return { store, cleanup: () => store.close() };
    },
  ],
  [
    'sqlite',
    async (): Promise<Opened> => {
      const dir = mkdtempSync(join(tmpdir(), 'audit-stores-'));
      const store = new SqliteEventStore({ filePath: join(dir, 'events.db'), pageSize: 7 });
      return {
        store,
        cleanup: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'kurrentdb',
    async (): Promise<Opened> => {
      const server = await KurrentDbTestServer.start();
      const store = new KurrentDbEventStore({ connectionString: server.connectionString, pageSize: 7 });
      return {
        store,
        cleanup: async () => {
          await store.close();
          await server.stop();
        },
      };
    },
  ],
])('the audit chain on the %s store', (_name, open) => {
  const key = newSigningKey();
  let opened: Opened;
  beforeEach(async () => {
    opened = await open();
  });
  afterEach(() => opened.cleanup());

  const verify = async () => {
    const lines: string[] = [];
    const result = await verifyAuditTrail({
      store: opened.store,
      publicKey: key.publicKey,
      readModels: null,
      out: (l) => lines.push(l),
      progress: () => undefined,
    });
    return { result, lines };
  };

  it('verifies chains written by handleCommand and by bulk appends, and the digests over them', async () => {
    const { store } = opened;
    const generated = await generateChainedAccountEvents(store, { accounts: 3, eventsPerAccount: 9, appendSize: 4 });
    await handleCommand(
      store,
      apiKeyStream('k1'),
      apiKeyDecider,
      () => ({
        type: 'CreateApiKey' as const,
        keyId: 'k1',
        name: 'audit',
        role: 'auditor' as const,
        secretHash: 'f'.repeat(64),
        now: '2025-01-01T00:00:00.000Z',
      }),
      { correlationId: 'c', causationId: null, actor: 'cli', ip: null, userAgent: null },
    );
    await digestNow(store, key);
    await generateChainedAccountEvents(store, { accounts: 1, eventsPerAccount: 3 });
    await digestNow(store, key);

    const { result, lines } = await verify();
    expect(lines).toEqual([result.summary]);
    expect(result.chain).toMatchObject({ events: 33, streams: 6, digests: 2, eventsAfterLastDigest: 0 });
    expect(result.ok).toBe(true);

    const exported: string[] = [];
    const written = await exportAuditEvents(
      store,
      { accountId: generated.accountIds[2] },
      'urn:x',
      (l) => {
        exported.push(l);
      },
      () => undefined,
      () => undefined,
    );
    expect(written).toMatchObject({ read: 33, written: 9 });
    expect(exported.map((l) => JSON.parse(l).revision)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('names a digest signed with another key', async () => {
    await generateChainedAccountEvents(opened.store, { accounts: 2, eventsPerAccount: 3 });
    await digestNow(opened.store, key);
    const other = newSigningKey();
    await digestNow(opened.store, other);
    const { result, lines } = await verify();
    expect(result.ok).toBe(false);
    expect(lines.filter((l) => l.startsWith('MISMATCH'))).toEqual([
      expect.stringMatching(/^MISMATCH digest-signature auditdigest-\d{4}-\d\d-\d\d@\d+ [0-9a-f-]{36}: signed with key /),
    ]);
  });
});
