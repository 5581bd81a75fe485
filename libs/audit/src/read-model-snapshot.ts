import type Database from 'better-sqlite3';
import { ReadModelSql, SqliteReadModelDb, SqlValue } from '@identity/read-models';

export type Row = Record<string, unknown>;

/** The columns where two rows differ (`ignored` left out), by their stored values. */
export function differingColumns(actual: Row, expected: Row, ignored: readonly string[] = []): string[] {
  const columns = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  return [...columns].filter((c) => !ignored.includes(c) && actual[c] !== expected[c]).sort();
}

/** `col (row X, events give Y), …`: values shown when short (read-model values are redacted already). */
export function describeDifferences(actual: Row, expected: Row, columns: string[]): string {
  const shown = (value: unknown) => JSON.stringify(value) ?? 'undefined';
  return columns
    .map((c) => {
      const [a, e] = [shown(actual[c]), shown(expected[c])];
      return a.length + e.length > 120 ? c : `${c} (row ${a}, events give ${e})`;
    })
    .join(', ');
}

/**
 * Reads a table in key order, a page at a time (keyset paging): flat memory for any table size. Key
 * order is byte order in both dialects (see `columnTypes`), so two of these merge in step.
 */
export class PagedRows {
  private page: Row[] = [];
  private index = 0;
  private last: SqlValue | undefined = undefined;
  private done = false;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: ReadModelSql,
    private readonly table: string,
    private readonly key: string,
    private readonly pageSize = 500,
  ) {}

  async peek(): Promise<Row | undefined> {
    if (this.index >= this.page.length && !this.done) await this.load();
    return this.page[this.index];
  }

  async take(): Promise<Row | undefined> {
    const row = await this.peek();
    if (row) this.index += 1;
    return row;
  }

  private async load(): Promise<void> {
    const { table, key } = this;
    const [sql, params] =
      this.last === undefined
        ? [`SELECT * FROM ${table} ORDER BY ${key} LIMIT ?`, [this.pageSize]]
        : [`SELECT * FROM ${table} WHERE ${key} > ? ORDER BY ${key} LIMIT ?`, [this.last, this.pageSize]];
    this.page = this.db instanceof SqliteReadModelDb ? this.sqliteRows(this.db.handle, sql, params) : await this.db.query<Row>(sql, params);
    this.index = 0;
    if (this.page.length < this.pageSize) this.done = true;
    const lastRow = this.page.at(-1);
    if (lastRow) this.last = lastRow[key] as SqlValue;
  }

  /**
   * On SQLite, the page read as arrays (better-sqlite3's raw mode) and made into rows here: a scan of
   * `audit_history_v1` in half the time of better-sqlite3's own row objects. Straight on the
   * connection, outside `SqliteReadModelDb`'s queue: these are plain reads on a connection (verify's
   * read-only one, or its scratch file after its last write) that nothing else uses meanwhile.
   */
  private sqliteRows(connection: Database.Database, sql: string, params: readonly SqlValue[]): Row[] {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql).raw(true);
      this.statements.set(sql, statement);
    }
    const columns = statement.columns().map((column) => column.name);
    return (statement.all(...params) as unknown[][]).map((values) => {
      const row: Row = {};
      for (let i = 0; i < columns.length; i += 1) row[columns[i] as string] = values[i];
      return row;
    });
  }
}
