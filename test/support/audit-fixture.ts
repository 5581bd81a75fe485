import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditKeyId, AuditSigningKey, EventStore, StreamHeadsTracker, writeAuditDigest } from '@identity/event-store';
import { AccountSecurityProjection } from '@identity/read-models';
import { AuditHistoryProjection } from '@identity/read-models';
import { rebuildProjection } from '@identity/read-models';
import { openReadModelDatabase, openReadModelsReadOnly, ReadModelLocation } from '@identity/read-models';
import { ReadModelDb, ReadModelDialect } from '@identity/read-models';
import { createPostgresTestDatabase } from './postgres-test-database';

export function newSigningKey(): AuditSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: auditKeyId(publicKey) };
}

export async function digestNow(store: EventStore, key: AuditSigningKey): Promise<void> {
  const tracker = new StreamHeadsTracker();
  try {
    await tracker.catchUp(store);
    await writeAuditDigest(store, tracker, key, 'tests');
  } finally {
    tracker.close();
  }
}

/**
 * A read-model database built from the store as the app builds it: SQLite in a temporary folder, or
 * a PostgreSQL database of its own. `writer` changes rows (to tamper); `readOnly()` is what `audit verify` opens.
 */
export class ReadModelFixture {
  private constructor(
    readonly writer: ReadModelDb,
    private readonly location: ReadModelLocation,
    private readonly cleanUp: () => Promise<void>,
  ) {}

  static async open(dialect: ReadModelDialect = 'sqlite'): Promise<ReadModelFixture> {
    if (dialect === 'postgres') {
      const database = await createPostgresTestDatabase();
      const location = { dataDir: tmpdir(), readModelUrl: database.url };
      return new ReadModelFixture(openReadModelDatabase(location), location, () => database.drop());
    }
    const dir = mkdtempSync(join(tmpdir(), 'audit-read-models-'));
    const location = { dataDir: dir, readModelUrl: null };
    return new ReadModelFixture(openReadModelDatabase(location), location, async () => rmSync(dir, { recursive: true, force: true }));
  }

  async build(store: EventStore): Promise<void> {
    for (const projection of [new AccountSecurityProjection(), new AuditHistoryProjection()]) {
      await rebuildProjection(projection, store, this.writer);
    }
  }

  readOnly(): ReadModelDb {
    const db = openReadModelsReadOnly(this.location);
    if (!db) throw new Error('no read-model database was built');
    return db;
  }

  async close(): Promise<void> {
    await this.writer.close();
    await this.cleanUp();
  }
}
