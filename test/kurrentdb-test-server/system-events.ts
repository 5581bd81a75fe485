import { randomUUID } from 'node:crypto';
import { InMemoryLog } from './in-memory-log';

/**
 * A few of the `$`-prefixed events a fresh real server writes on its own, so `$all` readers and
 * filters (`excludeSystemEvents()`, stream-name prefixes) meet them as they would in production.
 */
const SYSTEM_EVENTS: ReadonlyArray<{ streamId: string; type: string; data: unknown }> = [
  { streamId: '$settings', type: '$metadata', data: { $userStreamAcl: { $r: '$all' } } },
  { streamId: '$scavenges', type: '$scavengeIndexInitialized', data: { maxAge: null } },
  { streamId: '$stats-127.0.0.1:2113', type: '$statsCollected', data: { 'proc-mem': 1024 } },
];

export function seedSystemEvents(log: InMemoryLog): void {
  for (const event of SYSTEM_EVENTS) {
    const data = Buffer.from(JSON.stringify(event.data), 'utf8');
    const proposed = { id: randomUUID(), type: event.type, contentType: 'application/json', data, customMetadata: Buffer.alloc(0) };
    log.append(event.streamId, 'any', [proposed]);
  }
}
