import { ReadModelSql, SqlValue } from '@identity/read-models';

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
    this.page =
      this.last === undefined
        ? await this.db.query<Row>(`SELECT * FROM ${table} ORDER BY ${key} LIMIT ?`, [this.pageSize])
        : await this.db.query<Row>(`SELECT * FROM ${table} WHERE ${key} > ? ORDER BY ${key} LIMIT ?`, [this.last, this.pageSize]);
    this.index = 0;
    if (this.page.length < this.pageSize) this.done = true;
    const lastRow = this.page.at(-1);
    if (lastRow) this.last = lastRow[key] as SqlValue;
  }
}
