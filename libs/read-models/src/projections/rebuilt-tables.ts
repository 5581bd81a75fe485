import { ReadModelSql } from '../db/read-model-db.port';

/** The name a rebuild builds a live table under, until it swaps it in. */
export function rebuildTableName(table: string): string {
  return `${table}__rebuild`;
}

/** Drops what a killed or failed rebuild left behind (never a live table: only names from rebuildTableName). */
export async function dropTables(db: ReadModelSql, tables: readonly string[]): Promise<void> {
  for (const table of tables) await db.execute(`DROP TABLE IF EXISTS ${table}`);
}

/**
 * Puts each rebuilt table in the place of its live one, inside the caller's transaction: readers see
 * the old table until COMMIT and the new one after, never neither. The live table is dropped, the
 * rebuilt one renamed, and its indexes (named after their table) get the live names: PostgreSQL
 * renames them; SQLite cannot rename an index, so they are created again under the live name.
 */
export async function swapInRebuiltTables(db: ReadModelSql, live: readonly string[], rebuilt: readonly string[]): Promise<void> {
  for (const [i, table] of live.entries()) {
    const from = rebuilt[i];
    if (!from) throw new Error(`no rebuilt table for ${table}`);
    await db.execute(`DROP TABLE IF EXISTS ${table}`);
    await db.execute(`ALTER TABLE ${from} RENAME TO ${table}`);
    if (db.dialect === 'postgres') await renamePostgresIndexes(db, table, from);
    else await recreateSqliteIndexes(db, table, from);
  }
}

async function renamePostgresIndexes(db: ReadModelSql, table: string, from: string): Promise<void> {
  const indexes = await db.query<{ indexname: string }>(
    'SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?',
    [table],
  );
  for (const { indexname } of indexes) {
    if (indexname.startsWith(from)) await db.execute(`ALTER INDEX ${indexname} RENAME TO ${table}${indexname.slice(from.length)}`);
  }
}

async function recreateSqliteIndexes(db: ReadModelSql, table: string, from: string): Promise<void> {
  // Indexes SQLite made itself (PRIMARY KEY, UNIQUE columns) have no SQL and need no name of ours.
  const indexes = await db.query<{ name: string; sql: string }>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
    [table],
  );
  for (const { name, sql } of indexes) {
    if (!name.startsWith(from)) continue;
    await db.execute(`DROP INDEX ${name}`);
    await db.execute(sql.replace(name, `${table}${name.slice(from.length)}`));
  }
}
