import { positionToString, Position } from '@identity/event-store';
import { columnTypes, ReadModelSql } from '../db/read-model-db.port';

/**
 * One row per projection being rebuilt (`projections rebuild`): which run owns the rebuilt tables,
 * how far it got, since when. A row that stays is a rebuild that was killed or failed: the live
 * tables still serve, and the next rebuild starts again from the first event.
 */
export const REBUILD_TABLE = 'projection_rebuilds';

export async function setUpRebuildClaims(db: ReadModelSql): Promise<void> {
  const { text } = columnTypes(db.dialect);
  await db.execute(`CREATE TABLE IF NOT EXISTS ${REBUILD_TABLE} (
    projection ${text} PRIMARY KEY, rebuild_id TEXT NOT NULL, events INTEGER NOT NULL, position TEXT,
    started_at TEXT NOT NULL, updated_at TEXT NOT NULL)`);
}

/** Makes `rebuildId` the owner of the projection's rebuilt tables; a rebuild that owned them before stops at its next batch. */
export async function claimRebuild(db: ReadModelSql, projection: string, rebuildId: string): Promise<void> {
  const now = new Date().toISOString();
  await db.execute(
    `INSERT INTO ${REBUILD_TABLE} (projection, rebuild_id, events, position, started_at, updated_at) VALUES (?, ?, 0, NULL, ?, ?)
    ON CONFLICT (projection) DO UPDATE SET rebuild_id = excluded.rebuild_id, events = 0, position = NULL,
    started_at = excluded.started_at, updated_at = excluded.updated_at`,
    [projection, rebuildId, now, now],
  );
}

/** Another `projections rebuild` of the same projection started after this one: this one stops, the other goes on. */
export class RebuildSupersededError extends Error {
  constructor(readonly projection: string) {
    super(`another projections rebuild of ${projection} started after this one; this one stopped and left the tables to it`);
    this.name = 'RebuildSupersededError';
  }
}

/** Throws RebuildSupersededError unless `rebuildId` still owns the rebuild (checked in each of its transactions). */
export async function assertRebuildOwned(db: ReadModelSql, projection: string, rebuildId: string): Promise<void> {
  const [row] = await db.query<{ rebuild_id: string }>(`SELECT rebuild_id FROM ${REBUILD_TABLE} WHERE projection = ?`, [projection]);
  if (row?.rebuild_id !== rebuildId) throw new RebuildSupersededError(projection);
}

export async function recordRebuildProgress(db: ReadModelSql, projection: string, events: number, position: Position): Promise<void> {
  await db.execute(`UPDATE ${REBUILD_TABLE} SET events = ?, position = ?, updated_at = ? WHERE projection = ?`, [
    events,
    positionToString(position),
    new Date().toISOString(),
    projection,
  ]);
}

export async function endRebuild(db: ReadModelSql, projection: string): Promise<void> {
  await db.execute(`DELETE FROM ${REBUILD_TABLE} WHERE projection = ?`, [projection]);
}
