import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** SQLite's default `wal_autocheckpoint` (pages), what the connection goes back to without the thread. */
const AUTOCHECKPOINT_PAGES = 1000;

export interface CheckpointResult {
  busy: number;
  /** Frames in the WAL, and how many of them are in the database file now. */
  log: number;
  checkpointed: number;
}

/**
 * The read models' WAL checkpoints on a thread of their own. By default SQLite checkpoints inside
 * the COMMIT that takes the WAL past 1,000 pages: the projections' transaction in the serving process
 * then copies the pages and fsyncs the database file on the event loop (tens of ms on a busy disk,
 * every request waiting). With the thread, the serving connection never checkpoints
 * (`wal_autocheckpoint = 0`); the thread checkpoints every `intervalMs` (PASSIVE: it never blocks a
 * reader or the writer). Should the thread stop, the connection checkpoints as before.
 */
export class WalCheckpointThread {
  private nextId = 0;
  private readonly pending = new Map<number, (result: CheckpointResult) => void>();
  private stopped = false;

  private constructor(
    private readonly worker: Worker,
    private readonly connection: Database.Database,
  ) {
    worker.unref();
    connection.pragma('wal_autocheckpoint = 0');
    worker.on('message', (reply: CheckpointResult & { id: number }) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
    });
    worker.on('error', () => this.fallBack());
    worker.on('exit', () => this.fallBack());
  }

  /**
   * A thread for the file `connection` writes, or null for `:memory:` or where there is no built
   * worker script (the TypeScript sources under Jest: specs name the built one, `script`).
   */
  static start(
    connection: Database.Database,
    intervalMs = 500,
    script = join(__dirname, 'wal-checkpoint-worker.js'),
  ): WalCheckpointThread | null {
    if (connection.memory || !existsSync(script)) return null;
    return new WalCheckpointThread(new Worker(script, { workerData: { filePath: connection.name, intervalMs } }), connection);
  }

  /** Whether the thread still checkpoints (else the connection does, on its COMMITs). */
  get alive(): boolean {
    return !this.stopped;
  }

  /** A checkpoint now, on the thread. */
  checkpointNow(): Promise<CheckpointResult> {
    if (this.stopped) return Promise.reject(new Error('the WAL checkpoint thread has stopped'));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.ref();
      this.worker.postMessage({ id });
    });
  }

  /** Stops the thread (the connection's own close then checkpoints what is left). */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.ref();
    this.worker.postMessage('close');
    await exited;
  }

  private fallBack(): void {
    const unexpected = !this.stopped;
    this.stopped = true;
    for (const resolve of this.pending.values()) resolve({ busy: 1, log: -1, checkpointed: -1 });
    this.pending.clear();
    if (unexpected && this.connection.open) this.connection.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }
}
