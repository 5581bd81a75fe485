import { ACCOUNT_SECURITY_TABLE } from '../account-security/account-security.repository';
import { columnTypes, ReadModelSql, SqlValue } from '../db/read-model-db.port';

export const RAM_USERS_TABLE = 'ram_users_v1';

/** A RAM user as `ramUsers` lists it. Instants are ISO-8601 text. */
export interface RamUserRow {
  accountId: string;
  primaryAccountId: string;
  loginName: string;
  displayName: string;
  disabled: boolean;
  mfaRequired: boolean;
  passwordResetRequired: boolean;
  /** From `account_security.v3`: whether it has a bound authenticator. */
  mfaBound: boolean;
  lastLoginAt: string | null;
  addedAt: string;
}

export interface RamUserPageQuery {
  primaryAccountId: string;
  /** Keyset: the (addedAt, accountId) of the last row of the previous page. */
  after: { addedAt: string; accountId: string } | null;
  limit: number;
  disabled?: boolean;
  mfaBound?: boolean;
}

interface Row {
  account_id: string;
  primary_account_id: string;
  login_name: string;
  display_name: string;
  disabled: number;
  mfa_required: number;
  password_reset_required: number;
  mfa_bound: number | null;
  last_login_at: string | null;
  added_at: string;
}

/**
 * The rows of `ram_users.v1`: one per member of a primary's `ramusers-…` stream whose account is
 * registered (`registered` 1). Whether it has a device is read from `account_security.v3` (the fold
 * every security event already updates), joined at query time.
 */
export class RamUsersRepository {
  constructor(
    private readonly db: ReadModelSql,
    private readonly table = RAM_USERS_TABLE,
  ) {}

  static async setUp(db: ReadModelSql, table = RAM_USERS_TABLE): Promise<void> {
    const { text } = columnTypes(db.dialect);
    await db.execute(`CREATE TABLE IF NOT EXISTS ${table} (
      account_id ${text} PRIMARY KEY, primary_account_id ${text} NOT NULL, login_name TEXT NOT NULL, added_at ${text} NOT NULL,
      registered INTEGER NOT NULL DEFAULT 0, display_name TEXT NOT NULL DEFAULT '', disabled INTEGER NOT NULL DEFAULT 0,
      mfa_required INTEGER NOT NULL DEFAULT 0, password_reset_required INTEGER NOT NULL DEFAULT 0, last_login_at TEXT)`);
    await db.execute(`CREATE INDEX IF NOT EXISTS ${table}_primary ON ${table} (primary_account_id, added_at, account_id)`);
  }

  /** RamUserAdded; the same event twice keeps the first row. */
  async added(accountId: string, primaryAccountId: string, loginName: string, at: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO ${this.table} (account_id, primary_account_id, login_name, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (account_id) DO NOTHING`,
      [accountId, primaryAccountId, loginName, at],
    );
  }

  async removed(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM ${this.table} WHERE account_id = ?`, [accountId]);
  }

  /** The member's account was registered under the same primary (a member whose account names another is never listed). */
  async registered(accountId: string, primaryAccountId: string): Promise<void> {
    await this.update(accountId, 'registered = 1', [], primaryAccountId);
  }

  async settings(accountId: string, displayName: string, mfaRequired: boolean, passwordResetRequired: boolean): Promise<void> {
    await this.update(accountId, 'display_name = ?, mfa_required = ?, password_reset_required = ?', [
      displayName,
      mfaRequired ? 1 : 0,
      passwordResetRequired ? 1 : 0,
    ]);
  }

  async disabled(accountId: string, disabled: boolean): Promise<void> {
    await this.update(accountId, 'disabled = ?', [disabled ? 1 : 0]);
  }

  async loggedOn(accountId: string, at: string): Promise<void> {
    await this.update(accountId, 'last_login_at = ?', [at]);
  }

  /** One page of a primary's registered RAM users, in the order they were added. */
  async page(query: RamUserPageQuery): Promise<RamUserRow[]> {
    const where = ['r.primary_account_id = ?', 'r.registered = 1'];
    const params: SqlValue[] = [query.primaryAccountId];
    if (query.after) {
      where.push('(r.added_at > ? OR (r.added_at = ? AND r.account_id > ?))');
      params.push(query.after.addedAt, query.after.addedAt, query.after.accountId);
    }
    if (query.disabled !== undefined) {
      where.push('r.disabled = ?');
      params.push(query.disabled ? 1 : 0);
    }
    if (query.mfaBound !== undefined) {
      where.push('COALESCE(s.totp_bound, 0) = ?');
      params.push(query.mfaBound ? 1 : 0);
    }
    const rows = await this.db.query<Row>(
      `SELECT r.*, s.totp_bound AS mfa_bound FROM ${this.table} r LEFT JOIN ${ACCOUNT_SECURITY_TABLE} s ON s.account_id = r.account_id
      WHERE ${where.join(' AND ')} ORDER BY r.added_at, r.account_id LIMIT ?`,
      [...params, query.limit],
    );
    return rows.map(fromRow);
  }

  private async update(accountId: string, set: string, params: SqlValue[], primaryAccountId?: string): Promise<void> {
    const primary = primaryAccountId === undefined ? '' : ' AND primary_account_id = ?';
    await this.db.execute(`UPDATE ${this.table} SET ${set} WHERE account_id = ?${primary}`, [
      ...params,
      accountId,
      ...(primaryAccountId === undefined ? [] : [primaryAccountId]),
    ]);
  }
}

function fromRow(row: Row): RamUserRow {
  return {
    accountId: row.account_id,
    primaryAccountId: row.primary_account_id,
    loginName: row.login_name,
    displayName: row.display_name,
    disabled: row.disabled === 1,
    mfaRequired: row.mfa_required === 1,
    passwordResetRequired: row.password_reset_required === 1,
    mfaBound: row.mfa_bound === 1,
    lastLoginAt: row.last_login_at,
    addedAt: row.added_at,
  };
}
