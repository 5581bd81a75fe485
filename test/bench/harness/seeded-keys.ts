import Database from 'better-sqlite3';
import { KeyStore, masterKeyCheckValue, SqliteKeyStore } from '@identity/security';

/** The wrapped account keys, written into keys.db in one transaction (one fsync, not one per account). */
export function writeKeyStore(file: string, masterKey: Buffer, keys: MemoryKeyStore): void {
  const keyStore = new SqliteKeyStore(file);
  keyStore.saveCheckValue(masterKeyCheckValue(masterKey));
  keyStore.close();
  const db = new Database(file);
  const insert = db.prepare('INSERT INTO account_keys (account_id, wrapped_key, created_at) VALUES (?, ?, ?)');
  const createdAt = new Date().toISOString();
  db.transaction(() => {
    for (const [accountId, wrapped] of keys.entries()) insert.run(accountId, wrapped, createdAt);
  })();
  db.close();
}

/** The account keys a seeder creates (through `SecretBox`), held until `writeKeyStore` writes them. */
export class MemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, Buffer>();
  get = (accountId: string) => this.keys.get(accountId);
  put = (accountId: string, wrapped: Buffer) => void (this.keys.has(accountId) || this.keys.set(accountId, wrapped));
  delete = (accountId: string) => void this.keys.delete(accountId);
  checkValue = () => undefined;
  saveCheckValue = () => undefined;
  sampleKey = () => undefined;
  wrappedDerivationRoot = () => undefined;
  rotationTarget = () => undefined;
  close = () => undefined;
  entries = () => this.keys.entries();
}
