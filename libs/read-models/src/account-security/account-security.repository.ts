import { AccountSecurityView } from '@identity/domain';
import { columnTypes, ReadModelSql } from '../db/read-model-db.port';

export const ACCOUNT_SECURITY_TABLE = 'account_security_v3';

interface Row {
  account_id: string;
  login_name: string;
  primary_account_id: string | null;
  protection_enabled: number;
  scenes: string;
  method: string | null;
  totp_bound: number;
  totp_bound_at: string | null;
  locked_until: string | null;
  updated_at: string;
  authenticators: string;
  recovery_codes_remaining: number;
  erased: number;
}

const COLUMNS = [
  'account_id',
  'login_name',
  'primary_account_id',
  'protection_enabled',
  'scenes',
  'method',
  'totp_bound',
  'totp_bound_at',
  'locked_until',
  'updated_at',
  'authenticators',
  'recovery_codes_remaining',
  'erased',
];

/**
 * The rows of `account_security.v3` (v3: `recovery_codes_remaining`, `erased`), in its live table or
 * in another one of the same shape (a rebuild's, rebuilt-tables.ts).
 */
export class AccountSecurityRepository {
  constructor(
    private readonly db: ReadModelSql,
    private readonly table = ACCOUNT_SECURITY_TABLE,
  ) {}

  static async setUp(db: ReadModelSql, table = ACCOUNT_SECURITY_TABLE): Promise<void> {
    const { text } = columnTypes(db.dialect);
    await db.execute(`CREATE TABLE IF NOT EXISTS ${table} (
      account_id ${text} PRIMARY KEY, login_name TEXT NOT NULL, primary_account_id TEXT, protection_enabled INTEGER NOT NULL,
      scenes TEXT NOT NULL, method TEXT, totp_bound INTEGER NOT NULL, totp_bound_at TEXT, locked_until TEXT,
      updated_at TEXT NOT NULL, authenticators TEXT NOT NULL DEFAULT '[]', recovery_codes_remaining INTEGER NOT NULL DEFAULT 0,
      erased INTEGER NOT NULL DEFAULT 0)`);
  }

  async find(accountId: string): Promise<AccountSecurityView | null> {
    const [row] = await this.db.query<Row>(`SELECT * FROM ${this.table} WHERE account_id = ?`, [accountId]);
    return row ? fromRow(row) : null;
  }

  async all(): Promise<AccountSecurityView[]> {
    return (await this.db.query<Row>(`SELECT * FROM ${this.table} ORDER BY account_id`)).map(fromRow);
  }

  async save(view: AccountSecurityView): Promise<void> {
    const updates = COLUMNS.slice(1)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    await this.db.execute(
      `INSERT INTO ${this.table} (${COLUMNS.join(', ')})
      VALUES (${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (account_id) DO UPDATE SET ${updates}`,
      [
        view.accountId,
        view.loginName,
        view.primaryAccountId,
        view.protectionEnabled ? 1 : 0,
        JSON.stringify(view.scenes),
        view.method,
        view.totpBound ? 1 : 0,
        view.totpBoundAt,
        view.lockedUntil,
        view.updatedAt,
        JSON.stringify(view.authenticators),
        view.recoveryCodesRemaining,
        view.erased ? 1 : 0,
      ],
    );
  }
}

function fromRow(row: Row): AccountSecurityView {
  return {
    accountId: row.account_id,
    loginName: row.login_name,
    primaryAccountId: row.primary_account_id,
    protectionEnabled: row.protection_enabled === 1,
    scenes: JSON.parse(row.scenes),
    method: row.method as AccountSecurityView['method'],
    totpBound: row.totp_bound === 1,
    totpBoundAt: row.totp_bound_at,
    lockedUntil: row.locked_until,
    updatedAt: row.updated_at,
    authenticators: JSON.parse(row.authenticators) as AccountSecurityView['authenticators'],
    recoveryCodesRemaining: Number(row.recovery_codes_remaining),
    erased: Number(row.erased) === 1,
  };
}
