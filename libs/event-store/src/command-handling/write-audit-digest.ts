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
 * Signs the heads `tracker` holds (call `catchUp` first) and appends them as `AuditDigestSigned` to
 * the day's digest stream, through `handleCommand`, so the digest is itself chained.
 */
export async function writeAuditDigest(
  store: EventStore,
  tracker: StreamHeadsTracker,
  key: AuditSigningKey,
  actor: string,
  now: () => Date = () => new Date(),
): Promise<WrittenDigest> {
  const at = now();
  const data = signAuditDigest(tracker.heads, tracker.coveredPosition(), at, key);
  const streamId = auditDigestStream(at);
  const result = await handleCommand(
    store,
    streamId,
    digestDecider,
    () => data,
    { correlationId: randomUUID(), causationId: null, actor, ip: null, userAgent: null },
    { now: () => at },
  );
  return { streamId, revision: result.nextRevision ?? 0n, streamCount: data.streamCount, coversPosition: data.coversPosition };
}
