import Database from 'better-sqlite3';

/**
 * The floor of any replay: every row of the SQLite event store in position order, read with
 * better-sqlite3 (safe integers, as the store reads) and its data and metadata parsed. Events per second.
 */
export function rawReadRate(eventsFile: string): number {
  const db = new Database(eventsFile, { readonly: true });
  try {
    db.defaultSafeIntegers(true);
    const start = process.hrtime.bigint();
    let count = 0;
    let keys = 0;
    const rows = db.prepare(
      'SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM events ORDER BY position',
    );
    for (const row of rows.iterate() as IterableIterator<{ data: string; metadata: string }>) {
      const data = JSON.parse(row.data) as object;
      const metadata = JSON.parse(row.metadata) as object;
      keys += Object.keys(data).length + Object.keys(metadata).length; // used, so not optimised away
      count += 1;
    }
    if (keys === 0 && count > 0) throw new Error('raw read parsed nothing');
    return count / (Number(process.hrtime.bigint() - start) / 1e9);
  } finally {
    db.close();
  }
}
