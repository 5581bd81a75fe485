import { EventStoreUnavailableError } from '../errors';
import { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port';
import { GroupOutcome, PendingAppend } from './sqlite-event-statements';

interface QueuedAppend extends PendingAppend {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** Where the queue writes its groups: the store's own connection, or its writer thread. */
export interface AppendGroupWriter {
  /** Whether groups go to the writer thread (it is running). */
  threaded(): boolean;
  /** Writes one group in one transaction on this thread; throws when the transaction fails as a whole. */
  writeHere(group: readonly PendingAppend[]): GroupOutcome[];
  /** The same on the writer thread. */
  writeOnThread(group: readonly PendingAppend[]): Promise<GroupOutcome[]>;
  /** The error an append is refused with, from what the write threw or answered for it. */
  refusal(error: unknown, append: PendingAppend): unknown;
  /** A group was committed; `anyAppended` when at least one of its appends was. */
  committed(anyAppended: boolean): void;
  /** The store is closed: a group still queued is refused. */
  closed(): boolean;
}

/**
 * Group commit for the SQLite store: appends that arrive while the event loop is busy are queued and
 * written together at the next turn, up to `maxGroupSize` per transaction and so one fsync. On the
 * writer thread the groups go one at a time: appends that arrive while one is written form the next.
 * Each append is settled from its own outcome, after the COMMIT returned.
 */
export class SqliteAppendQueue {
  private queue: QueuedAppend[] = [];
  private flushScheduled = false;
  /** The group the writer thread is writing now, and the groups queued behind it. */
  private writing: Promise<void> | null = null;

  constructor(
    private readonly writer: AppendGroupWriter,
    private readonly maxGroupSize: number,
  ) {}

  enqueue(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes every append accepted so far (through the writer thread while it runs, then here). */
  async drain(): Promise<void> {
    if (this.writer.threaded()) {
      this.flushScheduled = false;
      while (this.queue.length > 0 || this.writing) await (this.writing ?? this.writeThroughThread());
    }
    this.flush();
  }

  /** Writes the queued appends, up to `maxGroupSize` per transaction, then settles each one. */
  private flush(): void {
    this.flushScheduled = false;
    if (this.writer.threaded()) {
      void this.writeThroughThread();
      return;
    }
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroupSize);
      if (this.writer.closed()) {
        for (const pending of group) pending.reject(new EventStoreUnavailableError('the SQLite event store is closed'));
        continue;
      }
      let outcomes: GroupOutcome[];
      try {
        outcomes = this.writer.writeHere(group);
      } catch (error) {
        for (const pending of group) pending.reject(this.writer.refusal(error, pending));
        continue;
      }
      this.settle(group, outcomes);
    }
  }

  /** Sends the queued groups to the writer thread one after another; the one promise while any is on its way. */
  private writeThroughThread(): Promise<void> {
    this.writing ??= this.writeQueued().finally(() => (this.writing = null));
    return this.writing;
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroupSize);
      let outcomes: GroupOutcome[];
      try {
        outcomes = await this.writer.writeOnThread(group);
      } catch (error) {
        for (const pending of group) pending.reject(this.writer.refusal(error, pending));
        continue;
      }
      this.settle(group, outcomes);
    }
  }

  /** Answers each append of a committed group, then tells the writer. */
  private settle(group: readonly QueuedAppend[], outcomes: readonly GroupOutcome[]): void {
    outcomes.forEach((outcome, i) => {
      const pending = group[i];
      if (!pending) throw new Error(`no pending append for outcome ${i} of the group`);
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(this.writer.refusal(outcome.error, pending));
    });
    this.writer.committed(outcomes.some((outcome) => outcome.ok));
  }
}
