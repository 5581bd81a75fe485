import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventStoreUnavailableError } from '../errors';
import { GroupOutcome, PendingAppend } from './sqlite-event-statements';
import { fromWire, GroupReply, GroupRequest, outcomesFromWire } from './sqlite-writer-wire';

/**
 * The event store's writes on a thread of their own (`sqlite-writer-worker`): the COMMIT's fsync
 * (synchronous=FULL, milliseconds on a busy disk) then blocks that thread, not the event loop, while
 * the main thread keeps serving requests and reading through its own connection (WAL). `write`
 * resolves once the group's COMMIT returned, so an acknowledged append is as durable as before.
 * The thread keeps the process alive only while a group is being written.
 */
export class SqliteWriterThread {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(outcomes: GroupOutcome[]): void; reject(error: unknown): void }>();
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (reply: GroupReply) => this.answered(reply));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => this.failAll(new Error('the SQLite writer thread stopped')));
  }

  /**
   * A writer for this file, or null for `:memory:` or where there is no built worker script (the
   * TypeScript sources under Jest: specs name the built one, `script`).
   */
  static start(filePath: string, busyTimeoutMs: number, script = join(__dirname, 'sqlite-writer-worker.js')): SqliteWriterThread | null {
    if (filePath === ':memory:' || !existsSync(script)) return null;
    return new SqliteWriterThread(new Worker(script, { workerData: { filePath, busyTimeoutMs } }));
  }

  /** Whether the thread still runs: after it failed, the store writes on the main thread. */
  get alive(): boolean {
    return this.failure === null;
  }

  /** Each append's outcome, or a rejection with the error that failed the whole group (nothing written). */
  write(group: readonly PendingAppend[], reopen: boolean): Promise<GroupOutcome[]> {
    if (this.failure) return Promise.reject(this.unavailable(this.failure));
    const id = this.nextId++;
    const request: GroupRequest = { id, group: group.map(({ streamId, events, expected }) => ({ streamId, events, expected })), reopen };
    return new Promise<GroupOutcome[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    if (this.failure) return;
    this.failure = new Error('the SQLite writer thread is closed');
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.ref();
    this.worker.postMessage('close');
    await exited;
  }

  private answered(reply: GroupReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if ('outcomes' in reply) waiting.resolve(outcomesFromWire(reply.outcomes));
    else waiting.reject(fromWire(reply.error));
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.unavailable(error));
    this.pending.clear();
  }

  private unavailable(cause: Error): EventStoreUnavailableError {
    return new EventStoreUnavailableError(`the SQLite writer thread cannot write (${cause.message})`, { cause });
  }
}
