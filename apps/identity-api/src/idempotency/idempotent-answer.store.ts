import { columnTypes, ReadModelDb, setUpSchema } from '@identity/read-models';

export const IDEMPOTENT_ANSWERS_TABLE = 'idempotent_answers_v1';

/** What a key holds when a mutation arrives with it. */
export type Claim = { kind: 'claimed' } | { kind: 'answered'; sealedAnswer: string } | { kind: 'in-flight' } | { kind: 'other-request' };

interface StoredRow {
  fingerprint: string;
  state: 'PENDING' | 'ANSWERED';
  answer: string | null;
  claimed_at: string;
  expires_at: string;
}

export interface IdempotencyTimes {
  /** How long an answer is kept for its key. */
  ttlSeconds: number;
  /** A claim older than this without an answer is taken to be abandoned (its process died). */
  abandonedAfterSeconds: number;
}

/**
 * The answers kept for idempotency keys, in the read-model database, so that every instance sharing
 * it (PostgreSQL) sees them. A key is claimed before its mutation runs (one INSERT, so two requests
 * racing with one key cannot both run), answered after, and released when the answer was one a retry
 * should not get again (the service was unavailable). `keyId` is a keyed hash of the caller and their
 * key; answers are sealed by the caller (they hold session tokens and TOTP secrets).
 */
export class IdempotentAnswerStore {
  private claimsSincePurge = 0;
  private table: Promise<void> | null = null;

  constructor(
    private readonly db: ReadModelDb,
    private readonly times: IdempotencyTimes,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async setUp(): Promise<void> {
    const { text } = columnTypes(this.db.dialect);
    await setUpSchema(this.db, async (tx) => {
      await tx.execute(`CREATE TABLE IF NOT EXISTS ${IDEMPOTENT_ANSWERS_TABLE} (
        key_id ${text} PRIMARY KEY, fingerprint TEXT NOT NULL, state TEXT NOT NULL, answer TEXT,
        claimed_at ${text} NOT NULL, expires_at ${text} NOT NULL)`);
      await tx.execute(`CREATE INDEX IF NOT EXISTS ${IDEMPOTENT_ANSWERS_TABLE}_expiry ON ${IDEMPOTENT_ANSWERS_TABLE} (expires_at)`);
    });
  }

  async claim(keyId: string, fingerprint: string): Promise<Claim> {
    await this.tableReady();
    if (++this.claimsSincePurge >= 100) await this.purgeExpired();
    const now = this.now();
    const claimedAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + this.times.ttlSeconds * 1000).toISOString();
    const inserted = await this.db.execute(
      `INSERT INTO ${IDEMPOTENT_ANSWERS_TABLE} (key_id, fingerprint, state, answer, claimed_at, expires_at)
       VALUES (?, ?, 'PENDING', NULL, ?, ?) ON CONFLICT (key_id) DO NOTHING`,
      [keyId, fingerprint, claimedAt, expiresAt],
    );
    if (inserted === 1) return { kind: 'claimed' };
    const [row] = await this.db.query<StoredRow>(
      `SELECT fingerprint, state, answer, claimed_at, expires_at FROM ${IDEMPOTENT_ANSWERS_TABLE} WHERE key_id = ?`,
      [keyId],
    );
    if (!row) return this.claim(keyId, fingerprint); // released in between
    const abandoned = row.state === 'PENDING' && Date.parse(row.claimed_at) + this.times.abandonedAfterSeconds * 1000 <= now.getTime();
    if (row.expires_at <= claimedAt || abandoned) return this.takeOver(keyId, fingerprint, row, claimedAt, expiresAt);
    if (row.fingerprint !== fingerprint) return { kind: 'other-request' };
    if (row.state === 'PENDING' || row.answer === null) return { kind: 'in-flight' };
    return { kind: 'answered', sealedAnswer: row.answer };
  }

  async answer(keyId: string, sealedAnswer: string): Promise<void> {
    await this.db.execute(`UPDATE ${IDEMPOTENT_ANSWERS_TABLE} SET state = 'ANSWERED', answer = ? WHERE key_id = ? AND state = 'PENDING'`, [
      sealedAnswer,
      keyId,
    ]);
  }

  async release(keyId: string): Promise<void> {
    await this.db.execute(`DELETE FROM ${IDEMPOTENT_ANSWERS_TABLE} WHERE key_id = ? AND state = 'PENDING'`, [keyId]);
  }

  async purgeExpired(): Promise<number> {
    this.claimsSincePurge = 0;
    return this.db.execute(`DELETE FROM ${IDEMPOTENT_ANSWERS_TABLE} WHERE expires_at <= ?`, [this.now().toISOString()]);
  }

  /** The table is made before the first claim (and tried again after a failure: the database may be back). */
  private tableReady(): Promise<void> {
    this.table ??= this.setUp().catch((error: unknown) => {
      this.table = null;
      throw error;
    });
    return this.table;
  }

  /** An expired or abandoned claim is replaced, compare-and-set on its claim time so that one request wins. */
  private async takeOver(keyId: string, fingerprint: string, row: StoredRow, claimedAt: string, expiresAt: string): Promise<Claim> {
    const replaced = await this.db.execute(
      `UPDATE ${IDEMPOTENT_ANSWERS_TABLE} SET fingerprint = ?, state = 'PENDING', answer = NULL, claimed_at = ?, expires_at = ?
       WHERE key_id = ? AND claimed_at = ? AND state = ?`,
      [fingerprint, claimedAt, expiresAt, keyId, row.claimed_at, row.state],
    );
    return replaced === 1 ? { kind: 'claimed' } : { kind: 'in-flight' };
  }
}
