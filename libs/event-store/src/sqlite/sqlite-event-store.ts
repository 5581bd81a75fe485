import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../errors';
import {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  RecordedEvent,
  StoreHealth,
  StreamTip,
  SubscribeOptions,
} from '../event-store.port';
import { assertSomethingToAppend } from '../expected-revision';
import { EventPage, readAllInPages } from '../reading/event-page';
import { LocalSubscriptions } from '../subscription/local-subscriptions';
import { openEventDatabase, rowToRecordedEvent } from './sqlite-event-schema';
import { readSqlitePage } from './sqlite-event-page';
import { appendRefusal } from './sqlite-append-refusal';
import { AppendGroupWriter, SqliteAppendQueue } from './sqlite-append-queue';
import { SqliteEventStatements } from './sqlite-event-statements';
import { WriteFailureTracker } from './sqlite-write-failure';
import { repairJournalModes, WritableReopener } from './sqlite-journal-modes';
import { SqliteWriterThread } from './sqlite-writer-thread';

export interface SqliteEventStoreOptions {
  /** The database file (created with its folder when missing), or `:memory:` (one process only). */
  readonly filePath: string;
  /** How often a subscription looks for events appended by other processes. Default 250 ms. */
  readonly pollIntervalMs?: number;
  /** How long a write waits for another process's write lock before failing. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Rows per query when reading `$all`. Default 500. */
  readonly pageSize?: number;
  /** At most this many appends share one transaction (group commit). Default 256; 1 turns grouping off. */
  readonly maxGroupSize?: number;
  /**
   * Write on a thread of its own (`SqliteWriterThread`), so that the COMMIT's fsync does not block the
   * event loop. Default false; ignored for `:memory:` and where the worker script is not built.
   */
  readonly writerThread?: boolean;
  /** The writer thread's built script (specs of the TypeScript sources); default: beside this module. */
  readonly writerScript?: string;
}

/**
 * The event store on one SQLite file (better-sqlite3, synchronous, WAL). Several processes may
 * share the file: appends take the write lock (BEGIN IMMEDIATE) and check the expected revision
 * inside it; positions are the AUTOINCREMENT rowid, so they become visible in order.
 *
 * Group commit (`SqliteAppendQueue`): appends that arrive while the event loop is busy are written
 * together, in one transaction and so one fsync (synchronous=FULL stays on). Each append still
 * checks its own expected revision in its own savepoint: a conflicting one fails alone, the others
 * commit. An append is acknowledged (its promise resolves) only after the COMMIT returned. With
 * `writerThread`, the groups are written by a worker thread, and the event loop never waits for the fsync.
 *
 * Subscriptions are woken at once by appends through this instance and poll the file every
 * `pollIntervalMs` for appends by other processes. `close()` first ends every open subscription
 * silently (a pending `next()` resolves done), then closes the file; calls after that throw
 * `EventStoreUnavailableError`. A read error during a subscription makes its iteration throw.
 */
export class SqliteEventStore implements EventStore {
  private db: Database.Database;
  private readonly journalMode: string;
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly live: LocalSubscriptions;
  private statements: SqliteEventStatements;
  private readonly appends: SqliteAppendQueue;
  private readonly writeFailure: WriteFailureTracker;
  private closed = false;
  private closing: Promise<void> | null = null;
  private readonly writer: SqliteWriterThread | null;
  /** The main connection was reopened (the file is writable again): the writer's must be too. */
  private writerStale = false;
  /** The database file (`:memory:` for none): `audit verify`'s hashing worker reads it on its own. */
  readonly filePath: string;
  private readonly reopener: WritableReopener;

  constructor(options: SqliteEventStoreOptions) {
    this.filePath = options.filePath;
    if (options.filePath !== ':memory:') {
      mkdirSync(dirname(options.filePath), { recursive: true });
      repairJournalModes(options.filePath);
    }
    this.reopener = new WritableReopener(options.filePath, () => openEventDatabase(options.filePath, options.busyTimeoutMs ?? 5000).db);
    const opened = openEventDatabase(options.filePath, options.busyTimeoutMs ?? 5000);
    this.db = opened.db;
    this.journalMode = opened.journalMode;
    this.statements = new SqliteEventStatements(this.db);
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.pageSize = options.pageSize ?? 500;
    this.writeFailure = new WriteFailureTracker(options.filePath);
    this.live = new LocalSubscriptions({ pageSize: this.pageSize, pollIntervalMs: this.pollIntervalMs });
    this.writer = options.writerThread
      ? SqliteWriterThread.start(options.filePath, options.busyTimeoutMs ?? 5000, options.writerScript)
      : null;
    this.appends = new SqliteAppendQueue(this.groupWriter(), Math.max(1, options.maxGroupSize ?? 256));
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    if (this.closing) throw new EventStoreUnavailableError('the SQLite event store is closing');
    assertSomethingToAppend(streamId, events.length);
    return this.appends.enqueue(streamId, events, expected);
  }

  /** How the append queue writes: here, or on the writer thread while it runs; and what follows a commit. */
  private groupWriter(): AppendGroupWriter {
    return {
      threaded: () => this.writer?.alive === true,
      writeHere: (group) => {
        this.reopenIfWritableAgain();
        return this.statements.appendGroup.immediate(group);
      },
      writeOnThread: (group) => {
        this.reopenIfWritableAgain();
        const reopen = this.writerStale;
        this.writerStale = false;
        if (!this.writer) throw new Error('no writer thread');
        return this.writer.write(group, reopen);
      },
      refusal: (error, append) => appendRefusal(error, append, this.statements, this.writeFailure),
      committed: (anyAppended) => {
        this.writeFailure.succeeded();
        // After the appenders' continuations (their answers) have run, not in the same microtask
        // drain: there the projections read and applied the whole group before any answer left.
        if (anyAppended) setImmediate(() => this.live.appended());
      },
      closed: () => this.closed,
    };
  }

  async readStream(streamId: string, fromRevision = 0n): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.statements.selectStream.all(streamId, fromRevision).map(rowToRecordedEvent);
  }

  async streamTip(streamId: string): Promise<StreamTip | null> {
    this.assertOpen();
    const head = this.statements.selectStreamTip.get(streamId);
    return head ? { revision: head.revision, hash: typeof head.hash === 'string' ? head.hash : null } : null;
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const prefixes = options.streamPrefixes;
    return readAllInPages((after, limit) => this.readPage(after, limit, prefixes), {
      after: options.after,
      maxCount: options.maxCount,
      pageSize: this.pageSize,
    });
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    this.assertOpen();
    const prefixes = options.streamPrefixes;
    return this.live.subscribe((after, limit) => this.readPage(after, limit, prefixes), options.after);
  }

  /** The position of the last event (about the number of events: positions are a sequence), null when empty. */
  lastPosition(): bigint | null {
    this.assertOpen();
    return this.statements.selectLastPosition.get()?.last ?? null;
  }

  async health(): Promise<StoreHealth> {
    if (this.closed) return { name: 'sqlite', up: false, detail: 'closed' };
    this.reopenIfWritableAgain();
    const failure = this.writeFailure.current();
    if (failure) return { name: 'sqlite', up: false, detail: `writes refused since ${failure.since.toISOString()}: ${failure.reason}` };
    try {
      const last = this.statements.selectLastPosition.get()?.last ?? null;
      return { name: 'sqlite', up: true, detail: `journal_mode=${this.journalMode}, last position ${last ?? 'none'}` };
    } catch (error) {
      return { name: 'sqlite', up: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closing ??= this.closeNow();
    return this.closing;
  }

  private async closeNow(): Promise<void> {
    // Appends already accepted are written before the file closes.
    const threaded = this.writer?.alive === true;
    await this.appends.drain();
    if (threaded) await this.writer?.close();
    this.closed = true;
    await this.live.closeAll();
    this.db.close();
  }

  /**
   * A connection opened on a read-only file stays so: once the file can be written again, a new one
   * takes over. The old one is closed first: SQLite shares one mapping of `-shm` among a process's
   * connections to a file, and the old one mapped it read-only.
   */
  private reopenIfWritableAgain(): void {
    if (this.writeFailure.current()?.reason !== 'read-only' || !this.reopener.due()) return;
    this.db.close();
    this.db = this.reopener.open();
    this.statements = new SqliteEventStatements(this.db);
    this.writerStale = true;
    this.writeFailure.succeeded();
  }

  private readPage(after: Position | undefined, limit: number, prefixes: readonly string[] | undefined): EventPage {
    this.assertOpen();
    return readSqlitePage(this.statements, after, limit, prefixes);
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the SQLite event store is closed');
  }
}
