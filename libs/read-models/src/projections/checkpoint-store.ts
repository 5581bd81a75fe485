import { Position, positionFromString, positionToString } from '@identity/event-store';
import { columnTypes, ReadModelSql, tableExists } from '../db/read-model-db.port';

/** The position each projection has applied up to, kept in the read-model database itself. */
export const CHECKPOINT_TABLE = 'projection_checkpoints';

export async function setUpCheckpoints(db: ReadModelSql): Promise<void> {
  const { text } = columnTypes(db.dialect);
  await db.execute(`CREATE TABLE IF NOT EXISTS ${CHECKPOINT_TABLE} (
    projection ${text} PRIMARY KEY, position TEXT NOT NULL, updated_at TEXT NOT NULL)`);
}

export async function loadCheckpoint(db: ReadModelSql, projection: string): Promise<Position | undefined> {
  const [row] = await db.query<{ position: string }>(`SELECT position FROM ${CHECKPOINT_TABLE} WHERE projection = ?`, [projection]);
  return row ? positionFromString(row.position) : undefined;
}

/** The same, for a database that may not hold the table yet (read-only checks such as `audit verify`). */
export async function loadCheckpointIfAny(db: ReadModelSql, projection: string): Promise<Position | undefined> {
  return (await tableExists(db, CHECKPOINT_TABLE)) ? loadCheckpoint(db, projection) : undefined;
}

export async function saveCheckpoint(db: ReadModelSql, projection: string, position: Position): Promise<void> {
  await db.execute(
    `INSERT INTO ${CHECKPOINT_TABLE} (projection, position, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (projection) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    [projection, positionToString(position), new Date().toISOString()],
  );
}

export async function clearCheckpoint(db: ReadModelSql, projection: string): Promise<void> {
  await db.execute(`DELETE FROM ${CHECKPOINT_TABLE} WHERE projection = ?`, [projection]);
}
