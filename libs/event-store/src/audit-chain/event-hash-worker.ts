/**
 * Worker thread of `WorkerEventHashes`: reads the SQLite event store file (read-only) in position
 * order and computes each event's hash (canonical JSON and SHA-256, as `computeEventHash`), a page
 * at a time, at most `ahead` pages before what the main thread took. A row that does not parse gets
 * no hash (null): the main thread reports it as unreadable itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { computeEventHash } from './event-hash';
import type { EventHashPage, EventHashWorkerData } from './worker-event-hashes';

interface Row {
  position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

const { file, pageSize, ahead } = workerData as EventHashWorkerData;
const port = parentPort;
if (!port) throw new Error('event-hash-worker runs as a worker thread only');
const db = new Database(file, { readonly: true, fileMustExist: true });
db.defaultSafeIntegers(true);
const page = db.prepare<[bigint, number], Row>(
  'SELECT position, stream_id, revision, event_id, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
);
let after = -1n;
let credits = ahead;
let done = false;

function hashOf(row: Row): string | null {
  try {
    return computeEventHash({
      id: row.event_id,
      streamId: row.stream_id,
      revision: row.revision,
      type: row.type,
      data: JSON.parse(row.data),
      metadata: JSON.parse(row.metadata),
    });
  } catch {
    return null;
  }
}

function pump(): void {
  while (credits > 0 && !done) {
    const rows = page.all(after, pageSize);
    const positions = new BigInt64Array(rows.length);
    const hashes = rows.map((row, i) => {
      positions[i] = row.position;
      return hashOf(row);
    });
    after = rows.at(-1)?.position ?? after;
    done = rows.length < pageSize;
    credits -= 1;
    const message: EventHashPage = { positions, hashes, done };
    port?.postMessage(message, [positions.buffer]);
  }
  if (done) db.close();
}

port.on('message', () => {
  credits += 1;
  pump();
});
pump();
