/**
 * A child process for the group-commit crash suite: appends to the SQLite store at argv[2] in waves of
 * 16 concurrent appends (one group each), and prints `ack <eventId>` for every append only after its
 * promise resolved, until it is killed.  node dist/test/support/group-commit-writer.js <events.db> [thread]
 * (`thread`: the store writes on its writer thread, as the API's does).
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@identity/event-store';

async function main(): Promise<void> {
  const store = new SqliteEventStore({ filePath: process.argv[2] ?? 'events.db', writerThread: process.argv[3] === 'thread' });
  const meta = { correlationId: 'crash', causationId: null, actor: null, ip: null, userAgent: null };
  for (let wave = 0; ; wave += 1) {
    await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const id = randomUUID();
        await store.appendToStream(`crash-${i}`, [{ id, type: 'Written', data: { wave }, metadata: meta }], 'any');
        process.stdout.write(`ack ${id}\n`);
      }),
    );
  }
}

void main();
