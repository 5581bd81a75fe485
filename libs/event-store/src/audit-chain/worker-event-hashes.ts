import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RecordedEvent } from '../event-store.port';

export interface EventHashWorkerData {
  file: string;
  pageSize: number;
  ahead: number;
}

/** One page of hashes from the worker, in position order (null: the row did not parse). */
export interface EventHashPage {
  positions: BigInt64Array;
  hashes: (string | null)[];
  /** The worker read a short page: it has reached the end of the file as it was then. */
  done: boolean;
}

/** Where an event's computed hash may come from before `ChainVerifier` computes it itself. */
export interface EventHashSource {
  /** The hash of this event's content, or null when this source has none for it. */
  hashOf(event: RecordedEvent): Promise<string | null>;
  close(): Promise<void>;
}

/**
 * `audit verify`'s second core: a worker thread reads the SQLite store file on its own and hashes
 * every event (canonical JSON and SHA-256, a fifth of verify's work on one thread), pages ahead of
 * the main thread, which compares. Events the worker did not reach (appended later, or after the
 * worker failed) get null, and the verifier hashes them itself, so the answer never depends on it.
 */
export class WorkerEventHashes implements EventHashSource {
  private readonly pages: EventHashPage[] = [];
  private waiting: (() => void) | null = null;
  private current: EventHashPage = { positions: new BigInt64Array(0), hashes: [], done: false };
  private index = 0;
  private finished = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (page: EventHashPage) => this.arrived(page));
    worker.on('error', () => this.end());
    worker.on('exit', () => this.end());
  }

  /** A worker over this SQLite file, or null where there is no built worker script (TypeScript sources under Jest). */
  static start(file: string, pageSize = 2000, ahead = 4): WorkerEventHashes | null {
    const script = join(__dirname, 'event-hash-worker.js');
    if (file === ':memory:' || !existsSync(script)) return null;
    const workerData: EventHashWorkerData = { file, pageSize, ahead };
    return new WorkerEventHashes(new Worker(script, { workerData }));
  }

  async hashOf(event: RecordedEvent): Promise<string | null> {
    const position = event.position.commit;
    for (;;) {
      const { positions, hashes } = this.current;
      while (this.index < positions.length) {
        const at = positions[this.index] as bigint;
        if (at > position) return null;
        this.index += 1;
        if (at === position) return hashes[this.index - 1] ?? null;
      }
      if (this.current.done || !(await this.nextPage())) return null;
    }
  }

  async close(): Promise<void> {
    this.end();
    await this.worker.terminate();
  }

  private async nextPage(): Promise<boolean> {
    while (this.pages.length === 0 && !this.finished) await new Promise<void>((resolve) => (this.waiting = resolve));
    const page = this.pages.shift();
    if (!page) return false;
    this.current = page;
    this.index = 0;
    if (!page.done) this.worker.postMessage('more');
    return true;
  }

  private arrived(page: EventHashPage): void {
    this.pages.push(page);
    this.wake();
  }

  private end(): void {
    this.finished = true;
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }
}
