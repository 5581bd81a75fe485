import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@identity/event-store';
import { REPO_ROOT } from '../support/app-process';

const WRITER = join(REPO_ROOT, 'dist/test/support/group-commit-writer.js');

/** Issue 12: with group commit, an append acknowledged before a SIGKILL is in the store afterwards, once, without gaps. */
describe('group commit under SIGKILL', () => {
  it.each([
    [1, 'main'],
    [2, 'main'],
    [3, 'main'],
    [1, 'thread'],
    [2, 'thread'],
    [3, 'thread'],
  ] as const)('loses no acknowledged append (round %i, writing on the %s thread)', async (round, writer) => {
    const dir = mkdtempSync(join(tmpdir(), `group-commit-crash-${round}-`));
    const file = join(dir, 'events.db');
    try {
      const acknowledged = await runUntilKilled(file, 200 + round * 150, writer);
      const store = new SqliteEventStore({ filePath: file });
      try {
        const stored = new Map<string, number>();
        for (let i = 0; i < 16; i += 1) {
          const events = await store.readStream(`crash-${i}`);
          expect(events.map((e) => e.revision)).toEqual(events.map((_, n) => BigInt(n))); // no gaps
          for (const event of events) stored.set(event.id, (stored.get(event.id) ?? 0) + 1);
        }
        expect(acknowledged.length).toBeGreaterThan(0);
        expect(acknowledged.filter((id) => stored.get(id) !== 1)).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Starts the writer, SIGKILLs it once `acks` appends were acknowledged, and returns the acknowledged ids. */
function runUntilKilled(file: string, acks: number, writer: 'main' | 'thread'): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, file, writer], { stdio: ['ignore', 'pipe', 'pipe'] });
    const ids: string[] = [];
    let buffered = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) ids.push(line.slice(4));
      if (ids.length >= acks) child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(ids) : reject(new Error(`writer exited ${code}: ${errors}`))));
  });
}
