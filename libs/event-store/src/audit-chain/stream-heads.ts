import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, Position, RecordedEvent } from '../event-store.port';
import { comparePositions, positionToString } from '../position';
import { isAuditDigestStream } from './audit-digest';
import { linkHashOf } from './event-hash';
import { headLeafHash, MerkleRootBuilder } from './heads-merkle-root';

const COMMIT_EVERY = 10_000;

/**
 * The head of every stream but the digest streams, kept up to date by reading `$all` from where it
 * left off. The heads live in a scratch SQLite file in the temporary folder (not in the heap), keyed
 * by stream id, so that memory does not grow with the number of streams and the Merkle root is
 * computed in one ordered scan. Also tells whether any such stream changed after the last digest
 * it saw. `close()` removes the file.
 */
export class StreamHeadsTracker {
  private scratch: { dir: string; db: Database.Database; upsert: Database.Statement } | null = null;
  private position: Position | undefined;
  private lastChange: Position | undefined;
  private lastDigest: Position | undefined;

  /** `scratchParent`: where the scratch folder is made (the temporary folder unless given). */
  constructor(private readonly scratchParent: string = tmpdir()) {}

  async catchUp(store: EventStore, onProgress?: (events: number) => void): Promise<number> {
    const { db } = this.open();
    let count = 0;
    db.exec('BEGIN');
    try {
      for await (const event of store.readAll({ after: this.position })) {
        this.observe(event);
        if (++count % COMMIT_EVERY === 0) {
          db.exec('COMMIT; BEGIN');
          onProgress?.(count);
        }
      }
    } finally {
      db.exec('COMMIT');
    }
    return count;
  }

  /** The Merkle root of the heads read so far (heads-merkle-root.ts) and how many streams it covers. */
  headsRoot(): { root: string; streamCount: number } {
    const { db } = this.open();
    const builder = new MerkleRootBuilder();
    const rows = db.prepare('SELECT stream_id, revision, hash FROM heads ORDER BY stream_id').safeIntegers(true);
    for (const row of rows.iterate() as IterableIterator<{ stream_id: string; revision: bigint; hash: string }>) {
      builder.add(headLeafHash(row.stream_id, row.revision, row.hash));
    }
    return { root: builder.root(), streamCount: builder.leaves };
  }

  /** The last position read, in text form (null before any event). */
  coveredPosition(): string | null {
    return this.position === undefined ? null : positionToString(this.position);
  }

  changedSinceLastDigest(): boolean {
    if (this.lastChange === undefined) return false;
    return this.lastDigest === undefined || comparePositions(this.lastChange, this.lastDigest) > 0;
  }

  close(): void {
    if (!this.scratch) return;
    this.scratch.db.close();
    rmSync(this.scratch.dir, { recursive: true, force: true });
    this.scratch = null;
    this.position = undefined;
  }

  private observe(event: RecordedEvent): void {
    this.position = event.position;
    if (isAuditDigestStream(event.streamId)) {
      this.lastDigest = event.position;
      return;
    }
    this.lastChange = event.position;
    this.open().upsert.run(event.streamId, event.revision, linkHashOf(event));
  }

  private open(): { db: Database.Database; upsert: Database.Statement } {
    if (this.scratch) return this.scratch;
    const dir = mkdtempSync(join(this.scratchParent, 'identity-stream-heads-'));
    const db = new Database(join(dir, 'heads.db'));
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -16000');
    db.exec('CREATE TABLE heads (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID');
    const upsert = db.prepare(
      'INSERT INTO heads (stream_id, revision, hash) VALUES (?, ?, ?) ' +
        'ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash',
    );
    this.scratch = { dir, db, upsert };
    return this.scratch;
  }
}
