import type Database from 'better-sqlite3';
import { Position, positionFromString, positionToString } from '@identity/event-store';

/** The position each projection has applied up to, kept in the read-model database itself. */
export class CheckpointStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      projection TEXT PRIMARY KEY, position TEXT NOT NULL, updated_at TEXT NOT NULL)`);
  }

  load(projection: string): Position | undefined {
    const row = this.db.prepare('SELECT position FROM projection_checkpoints WHERE projection = ?').get(projection) as
      | { position: string } | undefined;
    return row ? positionFromString(row.position) : undefined;
  }

  save(projection: string, position: Position): void {
    this.db.prepare(`INSERT INTO projection_checkpoints (projection, position, updated_at) VALUES (?, ?, ?)
      ON CONFLICT(projection) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`)
      .run(projection, positionToString(position), new Date().toISOString());
  }

  clear(projection: string): void {
    this.db.prepare('DELETE FROM projection_checkpoints WHERE projection = ?').run(projection);
  }
}
