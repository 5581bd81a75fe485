/**
 * Worker thread of `WalCheckpointThread`: its own connection to the read-model file runs SQLite's
 * PASSIVE checkpoint (WAL frames copied into the database, then its fsync) every `intervalMs`, and
 * at once when asked, so that no COMMIT of the serving process's connection runs one on the event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { filePath, intervalMs } = workerData as { filePath: string; intervalMs: number };
const port = parentPort;
if (!port) throw new Error('wal-checkpoint-worker runs as a worker thread only');
const db = new Database(filePath, { fileMustExist: true });
db.pragma('busy_timeout = 0');

/** SQLite's answer: whether it was blocked, the WAL's frames, and how many of them are in the database now. */
function checkpoint(): { busy: number; log: number; checkpointed: number } {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  return row ?? { busy: 1, log: -1, checkpointed: -1 };
}

const timer = setInterval(checkpoint, intervalMs);
port.on('message', (message: { id: number } | 'close') => {
  if (message === 'close') {
    clearInterval(timer);
    db.close();
    port.close();
    return;
  }
  port.postMessage({ id: message.id, ...checkpoint() });
});
