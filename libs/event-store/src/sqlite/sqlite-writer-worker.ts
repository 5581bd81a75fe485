/**
 * Worker thread of `SqliteWriterThread`: owns a write connection to the event store file and writes
 * each group it is sent as `SqliteEventStatements.appendGroup` does on the main thread (one
 * transaction, a savepoint per append, one COMMIT and so one fsync with synchronous=FULL), then
 * answers with each append's outcome. Groups are written one at a time, in the order sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openEventDatabase } from './sqlite-event-schema';
import { SqliteEventStatements } from './sqlite-event-statements';
import { writeFailureReason } from './sqlite-write-failure';
import { GroupReply, GroupRequest, outcomesToWire, toWire } from './sqlite-writer-wire';

const { filePath, busyTimeoutMs } = workerData as { filePath: string; busyTimeoutMs: number };
const port = parentPort;
if (!port) throw new Error('sqlite-writer-worker runs as a worker thread only');
let db: Database.Database | null = null;
let statements: SqliteEventStatements | null = null;

function closeConnection(): void {
  db?.close();
  db = null;
  statements = null;
}

function connection(reopen: boolean): SqliteEventStatements {
  if (reopen) closeConnection();
  if (!db || !statements) {
    db = openEventDatabase(filePath, busyTimeoutMs).db;
    statements = new SqliteEventStatements(db);
  }
  return statements;
}

port.on('message', (message: GroupRequest | 'close') => {
  if (message === 'close') {
    closeConnection();
    port.close();
    return;
  }
  let reply: GroupReply;
  try {
    reply = { id: message.id, outcomes: outcomesToWire(connection(message.reopen).appendGroup.immediate(message.group)) };
  } catch (error) {
    // A connection opened on a read-only file keeps SQLite's one mapping of `-shm` for this process
    // read-only: closed now, so that the main thread's reopen (once the file is writable) maps it anew.
    if (writeFailureReason(error) === 'read-only') closeConnection();
    reply = { id: message.id, error: toWire(error) };
  }
  port.postMessage(reply);
});
