import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { auditKeyId, AuditSigningKey, EventStore, StreamHeadsTracker, writeAuditDigest } from '@identity/event-store';
import { AccountSecurityProjection } from '../../apps/identity-api/src/account-security/account-security.projection';
import { AuditHistoryProjection } from '../../apps/identity-api/src/audit-history/audit-history.projection';
import { rebuildProjection } from '../../apps/identity-api/src/projections/rebuild-projection';

export function newSigningKey(): AuditSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: auditKeyId(publicKey) };
}

export async function digestNow(store: EventStore, key: AuditSigningKey): Promise<void> {
  const tracker = new StreamHeadsTracker();
  await tracker.catchUp(store);
  await writeAuditDigest(store, tracker, key, 'tests');
}

/** A read-model database in a temporary folder, built from the store as the app builds it. */
export class ReadModelFixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'audit-read-models-'));
  readonly file = join(this.dir, 'read-models.db');
  readonly writer = new Database(this.file);

  async build(store: EventStore): Promise<void> {
    for (const projection of [new AccountSecurityProjection(), new AuditHistoryProjection()]) {
      await rebuildProjection(projection, store, this.writer);
    }
  }

  readOnly(): Database.Database {
    return new Database(this.file, { readonly: true });
  }

  close(): void {
    this.writer.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
