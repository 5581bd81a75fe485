import { Position, positionFromString } from '@identity/event-store';
import { CHECKPOINT_TABLE } from '@identity/read-models';
import { ReadModelSql, SqlValue, tableExists } from '@identity/read-models';

/** The position a projection has applied up to (undefined: none, or no checkpoint table). */
export async function projectionCheckpoint(db: ReadModelSql, projection: string): Promise<Position | undefined> {
  if (!(await tableExists(db, CHECKPOINT_TABLE))) return undefined;
  const [row] = await db.query<{ position: string }>(`SELECT position FROM ${CHECKPOINT_TABLE} WHERE projection = ?`, [projection]);
  return row ? positionFromString(row.position) : undefined;
}

export type Row = Record<string, unknown>;

/** The columns where two rows differ (`ignored` left out), by their stored values. */
export function differingColumns(actual: Row, expected: Row, ignored: readonly string[] = []): string[] {
  const columns = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  return [...columns].filter((c) => !ignored.includes(c) && actual[c] !== expected[c]).sort();
}

/** `col (row X, events give Y), …`: values shown when short (read-model values are redacted already). */
export function describeDifferences(actual: Row, expected: Row, columns: string[]): string {
  const shown = (value: unknown) => JSON.stringify(value) ?? 'undefined';
  return columns.map((c) => {
    const [a, e] = [shown(actual[c]), shown(expected[c])];
    return a.length + e.length > 120 ? c : `${c} (row ${a}, events give ${e})`;
  }).join(', ');
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

  constructor(private readonly db: ReadModelSql, private readonly table: string, private readonly key: string, private readonly pageSize = 500) {}

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
    this.page = this.last === undefined
      ? await this.db.query<Row>(`SELECT * FROM ${table} ORDER BY ${key} LIMIT ?`, [this.pageSize])
      : await this.db.query<Row>(`SELECT * FROM ${table} WHERE ${key} > ? ORDER BY ${key} LIMIT ?`, [this.last, this.pageSize]);
    this.index = 0;
    if (this.page.length < this.pageSize) this.done = true;
    if (this.page.length > 0) this.last = this.page[this.page.length - 1][key] as SqlValue;
  }
}
