import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Position, positionFromString } from '@identity/event-store';

/** The read-model database of DATA_DIR opened read-only, when there is one. */
export function openReadModelsReadOnly(dataDir: string): Database.Database | null {
  const file = join(dataDir, 'read-models.db');
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

export function hasTable(db: Database.Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

/** The position a projection has applied up to (undefined: none, or no checkpoint table). */
export function projectionCheckpoint(db: Database.Database, projection: string): Position | undefined {
  if (!hasTable(db, 'projection_checkpoints')) return undefined;
  const row = db.prepare('SELECT position FROM projection_checkpoints WHERE projection = ?').get(projection) as { position: string } | undefined;
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

/** Reads a table in key order, a page at a time (keyset paging): flat memory for any table size. */
export class PagedRows {
  private page: Row[] = [];
  private index = 0;
  private last: unknown = undefined;
  private done = false;
  private readonly first: Database.Statement;
  private readonly next: Database.Statement;

  constructor(db: Database.Database, table: string, private readonly key: string, private readonly pageSize = 500) {
    this.first = db.prepare(`SELECT * FROM ${table} ORDER BY ${key} LIMIT ?`);
    this.next = db.prepare(`SELECT * FROM ${table} WHERE ${key} > ? ORDER BY ${key} LIMIT ?`);
  }

  peek(): Row | undefined {
    if (this.index >= this.page.length && !this.done) this.load();
    return this.page[this.index];
  }

  take(): Row | undefined {
    const row = this.peek();
    if (row) this.index += 1;
    return row;
  }

  private load(): void {
    this.page = (this.last === undefined ? this.first.all(this.pageSize) : this.next.all(this.last, this.pageSize)) as Row[];
    this.index = 0;
    if (this.page.length < this.pageSize) this.done = true;
    if (this.page.length > 0) this.last = this.page[this.page.length - 1][this.key];
  }
}
