import { randomUUID } from 'node:crypto';
import { handleCommand } from './handle-command';
import { EventStore, JsonObject } from '../event-store.port';
import { AUDIT_DIGEST_EVENT_TYPE, AuditSigningKey, auditDigestStream, signAuditDigest } from '../audit-chain/audit-digest';
import { StreamHeadsTracker } from '../audit-chain/stream-heads';

type DigestEvent = { type: typeof AUDIT_DIGEST_EVENT_TYPE; data: JsonObject };
const digestDecider = {
  initialState: (): null => null,
  evolve: (state: null): null => state,
  decode: (type: string, data: JsonObject): DigestEvent => {
    if (type !== AUDIT_DIGEST_EVENT_TYPE) throw new Error(`digest stream: unexpected event type ${type}`);
    return { type, data };
  },
  decide: (data: JsonObject): DigestEvent[] => [{ type: AUDIT_DIGEST_EVENT_TYPE, data }],
};

export interface WrittenDigest {
  streamId: string;
  revision: bigint;
  streamCount: number;
  coversPosition: string | null;
}

/**
 * Signs the Merkle root of the heads `tracker` holds (call `catchUp` first) and appends it as
 * `AuditDigestSigned` to the day's digest stream, through `handleCommand`, so the digest is itself chained.
 */
export async function writeAuditDigest(
  store: EventStore,
  tracker: StreamHeadsTracker,
  key: AuditSigningKey,
  actor: string,
  now: () => Date = () => new Date(),
): Promise<WrittenDigest> {
  const at = now();
  const data = signAuditDigest(tracker.headsRoot(), tracker.coveredPosition(), at, key);
  const written = await appendAuditDigest(store, data, actor, at);
  return { ...written, streamCount: data.streamCount, coversPosition: data.coversPosition };
}

/** Appends signed digest data (of any version) to the digest stream of the day of `at`. */
export async function appendAuditDigest(
  store: EventStore,
  data: JsonObject,
  actor: string,
  at: Date,
): Promise<{ streamId: string; revision: bigint }> {
  const streamId = auditDigestStream(at);
  const result = await handleCommand(
    store,
    streamId,
    digestDecider,
    () => data,
    { correlationId: randomUUID(), causationId: null, actor, ip: null, userAgent: null },
    { now: () => at },
  );
  return { streamId, revision: result.nextRevision ?? 0n };
}
