import { columnTypes, ReadModelSql } from '../db/read-model-db.port';

export const SESSIONS_TABLE = 'sessions_v1';
/** Last seen, per session: written by the session check at most once a minute, not by the projection (kept across rebuilds). */
export const SESSION_ACTIVITY_TABLE = 'session_activity';

/** A session as the person's `sessions` list shows it. Instants are ISO-8601 text. */
export interface SessionRow {
  sessionId: string;
  accountId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  clientAddress: string | null;
  userAgent: string | null;
  proofMethod: string;
  proofAuthenticatorId: string | null;
  secondFactorAt: string | null;
  secondFactorMethod: string | null;
}

export interface NewSessionRow {
  sessionId: string;
  accountId: string;
  createdAt: string;
  expiresAt: string;
  clientAddress: string | null;
  userAgent: string | null;
  proofMethod: string;
  proofAuthenticatorId: string | null;
  secondFactorAt: string | null;
}

interface Row {
  session_id: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string | null;
  client_address: string | null;
  user_agent: string | null;
  proof_method: string;
  proof_authenticator_id: string | null;
  second_factor_at: string | null;
  second_factor_method: string | null;
}

/** The rows of `sessions.v1` and the last-seen times next to them. */
export class SessionsRepository {
  constructor(
    private readonly db: ReadModelSql,
    private readonly table = SESSIONS_TABLE,
  ) {}

  /** `table`: the live sessions table, or a rebuild's (rebuilt-tables.ts); last seen stays in SESSION_ACTIVITY_TABLE. */
  static async setUp(db: ReadModelSql, table = SESSIONS_TABLE): Promise<void> {
    const { text } = columnTypes(db.dialect);
    await db.execute(`CREATE TABLE IF NOT EXISTS ${table} (
      session_id ${text} PRIMARY KEY, account_id ${text} NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL,
      client_address TEXT, user_agent TEXT, proof_method TEXT NOT NULL, proof_authenticator_id TEXT,
      second_factor_at TEXT, second_factor_method TEXT, ended_at TEXT, end_reason TEXT)`);
    await db.execute(`CREATE INDEX IF NOT EXISTS ${table}_account ON ${table} (account_id, created_at)`);
    await db.execute(`CREATE TABLE IF NOT EXISTS ${SESSION_ACTIVITY_TABLE} (session_id ${text} PRIMARY KEY, last_seen_at TEXT NOT NULL)`);
  }

  /** The account's sessions neither ended nor expired at `now`, oldest first. */
  async live(accountId: string, now: string): Promise<SessionRow[]> {
    const rows = await this.db.query<Row>(
      `SELECT s.*, a.last_seen_at FROM ${this.table} s LEFT JOIN ${SESSION_ACTIVITY_TABLE} a ON a.session_id = s.session_id
      WHERE s.account_id = ? AND s.ended_at IS NULL AND s.expires_at > ? ORDER BY s.created_at, s.session_id`,
      [accountId, now],
    );
    return rows.map(fromRow);
  }

  /** A logon; the same event twice keeps the first row. Forgets the account's sessions that expired before it. */
  async started(row: NewSessionRow): Promise<void> {
    const expired = `SELECT session_id FROM ${this.table} WHERE account_id = ? AND expires_at < ?`;
    await this.db.execute(`DELETE FROM ${SESSION_ACTIVITY_TABLE} WHERE session_id IN (${expired})`, [row.accountId, row.createdAt]);
    await this.db.execute(`DELETE FROM ${this.table} WHERE account_id = ? AND expires_at < ?`, [row.accountId, row.createdAt]);
    await this.db.execute(
      `INSERT INTO ${this.table} (session_id, account_id, created_at, expires_at, client_address, user_agent, proof_method,
      proof_authenticator_id, second_factor_at, second_factor_method) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id) DO NOTHING`,
      [
        row.sessionId,
        row.accountId,
        row.createdAt,
        row.expiresAt,
        row.clientAddress,
        row.userAgent,
        row.proofMethod,
        row.proofAuthenticatorId,
        row.secondFactorAt,
        row.secondFactorAt === null ? null : row.proofMethod,
      ],
    );
  }

  async steppedUp(accountId: string, sessionId: string, method: string, at: string): Promise<void> {
    await this.db.execute(
      `UPDATE ${this.table} SET second_factor_at = ?, second_factor_method = ? WHERE session_id = ? AND account_id = ?`,
      [at, method, sessionId, accountId],
    );
  }

  async ended(accountId: string, sessionIds: readonly string[], reason: string, at: string): Promise<void> {
    if (sessionIds.length === 0) return;
    await this.db.execute(
      `UPDATE ${this.table} SET ended_at = ?, end_reason = ?
      WHERE account_id = ? AND ended_at IS NULL AND session_id IN (${sessionIds.map(() => '?').join(', ')})`,
      [at, reason, accountId, ...sessionIds],
    );
  }

  /** Records that the session was used at `at` (never moves it back). */
  async seen(sessionId: string, at: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO ${SESSION_ACTIVITY_TABLE} (session_id, last_seen_at) VALUES (?, ?)
      ON CONFLICT (session_id) DO UPDATE SET last_seen_at = excluded.last_seen_at WHERE excluded.last_seen_at > ${SESSION_ACTIVITY_TABLE}.last_seen_at`,
      [sessionId, at],
    );
  }
}

function fromRow(row: Row): SessionRow {
  return {
    sessionId: row.session_id,
    accountId: row.account_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at && row.last_seen_at > row.created_at ? row.last_seen_at : row.created_at,
    clientAddress: row.client_address,
    userAgent: row.user_agent,
    proofMethod: row.proof_method,
    proofAuthenticatorId: row.proof_authenticator_id,
    secondFactorAt: row.second_factor_at,
    secondFactorMethod: row.second_factor_method,
  };
}
