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

/** Claims and answers this process holds in memory at most (beyond, an answer the database refuses is lost). */
const HELD_HERE = 10_000;
const UNSAVED_RETRY_MS = 1000;

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
 * key; answers are sealed by the caller (they hold session tokens and TOTP secrets). An answer the
 * database cannot take (it went down while the mutation ran) is kept in this process, given to the
 * retries that reach it, and written once the database is back; a process that dies first loses it,
 * and its claim is taken over as abandoned.
 */
export class IdempotentAnswerStore {
  private claimsSincePurge = 0;
  private table: Promise<void> | null = null;
  /** keyId → the request fingerprint of each claim this process holds. */
  private readonly claimedHere = new Map<string, string>();
  private readonly unsaved = new Map<string, { fingerprint: string; sealedAnswer: string }>();
  private unsavedRetry: NodeJS.Timeout | null = null;

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
    const kept = this.unsaved.get(keyId);
    if (kept) return kept.fingerprint === fingerprint ? { kind: 'answered', sealedAnswer: kept.sealedAnswer } : { kind: 'other-request' };
    const claim = await this.claimInDatabase(keyId, fingerprint);
    if (claim.kind === 'claimed') this.hold(this.claimedHere, keyId, fingerprint);
    return claim;
  }

  private async claimInDatabase(keyId: string, fingerprint: string): Promise<Claim> {
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
    if (!row) return this.claimInDatabase(keyId, fingerprint); // released in between
    const abandoned = row.state === 'PENDING' && Date.parse(row.claimed_at) + this.times.abandonedAfterSeconds * 1000 <= now.getTime();
    if (row.expires_at <= claimedAt || abandoned) return this.takeOver(keyId, fingerprint, row, claimedAt, expiresAt);
    if (row.fingerprint !== fingerprint) return { kind: 'other-request' };
    if (row.state === 'PENDING' || row.answer === null) return { kind: 'in-flight' };
    return { kind: 'answered', sealedAnswer: row.answer };
  }

  /** Keeps the answer of a claim; when the database cannot take it, in memory until it can (see the class). */
  async answer(keyId: string, sealedAnswer: string): Promise<void> {
    const fingerprint = this.claimedHere.get(keyId);
    this.claimedHere.delete(keyId);
    try {
      await this.write(keyId, sealedAnswer);
    } catch (error) {
      if (fingerprint === undefined || this.unsaved.size >= HELD_HERE) throw error;
      this.unsaved.set(keyId, { fingerprint, sealedAnswer });
      this.retryUnsavedLater();
    }
  }

  /** Writes the answers kept in memory (the database is back); those it still refuses are tried again later. */
  async writeUnsaved(): Promise<void> {
    this.unsavedRetry = null;
    for (const [keyId, { sealedAnswer }] of [...this.unsaved]) {
      try {
        await this.write(keyId, sealedAnswer);
        this.unsaved.delete(keyId);
      } catch {
        break;
      }
    }
    if (this.unsaved.size > 0) this.retryUnsavedLater();
  }

  private retryUnsavedLater(): void {
    this.unsavedRetry ??= setTimeout(() => void this.writeUnsaved(), UNSAVED_RETRY_MS).unref();
  }

  private hold(map: Map<string, string>, keyId: string, fingerprint: string): void {
    if (map.size >= HELD_HERE) map.delete(map.keys().next().value as string);
    map.set(keyId, fingerprint);
  }

  private async write(keyId: string, sealedAnswer: string): Promise<void> {
    await this.db.execute(`UPDATE ${IDEMPOTENT_ANSWERS_TABLE} SET state = 'ANSWERED', answer = ? WHERE key_id = ? AND state = 'PENDING'`, [
      sealedAnswer,
      keyId,
    ]);
  }

  async release(keyId: string): Promise<void> {
    this.claimedHere.delete(keyId);
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
