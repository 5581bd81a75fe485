import { join } from 'node:path';
import Database from 'better-sqlite3';
import { positionFromString } from '@identity/event-store';
import { allProjections, CHECKPOINT_TABLE, SQLITE_READ_MODEL_FILE } from '@identity/read-models';

const POLL_MS = 1;

interface Watched {
  streamId: string;
  /** When this process first saw the event committed in the store. */
  seenMs: number;
  /** The window it was appended in (null: not measured, e.g. while the read models were held). */
  window: string | null;
}

/**
 * Append → row visible, watched from outside the app: a read-only connection of this process polls
 * the app's SQLite files every millisecond, noting when each event is first committed in
 * `events.db`, and when every read model that takes its stream has its checkpoint at or past it in
 * `read-models.db` (a read model commits its rows and checkpoint together: its rows are visible
 * then). The app does no work for it. Each end of a lag is late by up to one poll.
 */
export class ProjectionWatch {
  private readonly events: Database.Database;
  private readonly readModels: Database.Database;
  private readonly projections = allProjections().map((p) => ({ name: p.name, prefixes: p.streamPrefixes }));
  private readonly pending = new Map<bigint, Watched>();
  private readonly lags = new Map<string, number[]>();
  private window: string | null = null;
  private last: bigint;
  private timer: NodeJS.Timeout | null = null;
  private readonly newEvents: Database.Statement;
  private readonly checkpoints: Database.Statement;

  constructor(dataDir: string) {
    this.events = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
    this.readModels = new Database(join(dataDir, SQLITE_READ_MODEL_FILE), { readonly: true, fileMustExist: true });
    const last = this.events.prepare('SELECT coalesce(max(position), 0) AS last FROM events').safeIntegers().get();
    this.last = (last as { last: bigint }).last;
    this.newEvents = this.events
      .prepare('SELECT position, stream_id AS streamId FROM events WHERE position > ? ORDER BY position')
      .safeIntegers();
    this.checkpoints = this.readModels.prepare(`SELECT projection, position FROM ${CHECKPOINT_TABLE}`);
    this.poll();
  }

  /** Events appended from now on count as `window`'s (null: none's). */
  measure(window: string | null): void {
    this.window = window;
  }

  /** The lags (ms) of `window`'s events that became visible. */
  lagsOf(window: string): number[] {
    return this.lags.get(window) ?? [];
  }

  /** Until every event seen so far is visible in its read models (a held read model has caught up). */
  async settled(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0) {
      if (Date.now() > deadline) throw new Error(`${this.pending.size} events not in the read models after ${timeoutMs} ms`);
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  /**
   * Holds the read models' write lock (from this process) until the answer is called: the app's
   * projections wait (on a timer, as for any other process's lock) and then catch up.
   */
  holdReadModels(): () => void {
    const writer = new Database(this.readModels.name, { fileMustExist: true });
    writer.exec('BEGIN IMMEDIATE');
    return () => {
      writer.exec('ROLLBACK');
      writer.close();
    };
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.events.close();
    this.readModels.close();
  }

  private poll(): void {
    const now = Date.now();
    for (const row of this.newEvents.all(this.last) as Array<{ position: bigint; streamId: string }>) {
      this.pending.set(row.position, { streamId: row.streamId, seenMs: now, window: this.window });
      this.last = row.position;
    }
    if (this.pending.size > 0) this.noteVisible(now);
    this.timer = setTimeout(() => this.poll(), POLL_MS);
  }

  private noteVisible(now: number): void {
    const reached = new Map<string, bigint>();
    for (const row of this.checkpoints.all() as Array<{ projection: string; position: string }>)
      reached.set(row.projection, positionFromString(row.position).commit);
    for (const [position, event] of this.pending) {
      const readers = this.projections.filter((p) => p.prefixes.some((prefix) => event.streamId.startsWith(prefix)));
      if (!readers.every((p) => (reached.get(p.name) ?? -1n) >= position)) continue;
      this.pending.delete(position);
      if (event.window === null) continue;
      const lags = this.lags.get(event.window) ?? [];
      lags.push(now - event.seenMs);
      this.lags.set(event.window, lags);
    }
  }
}
