import { sign } from 'node:crypto';
import { EventStore } from '../../event-store.port';
import { positionToString } from '../../position';
import { AUDIT_DIGEST_ALGORITHM, AuditSigningKey, digestSigningInput, isAuditDigestStream, StreamHead } from '../audit-digest';
import { linkHashOf } from '../event-hash';

/**
 * For tests: a digest as the service wrote them before version 2 (no `version`, every head listed
 * in `heads`), so that the verifier is shown to accept and check the ones already stored.
 */
export function signVersion1Digest(heads: ReadonlyMap<string, StreamHead>, coversPosition: string | null, at: Date, key: AuditSigningKey) {
  const unsigned = {
    algorithm: AUDIT_DIGEST_ALGORITHM,
    keyId: key.keyId,
    at: at.toISOString(),
    coversPosition,
    streamCount: heads.size,
    heads: Object.fromEntries([...heads].map(([streamId, head]) => [streamId, { revision: head.revision.toString(), hash: head.hash }])),
  };
  return { ...unsigned, signature: sign(null, digestSigningInput(unsigned), key.privateKey).toString('base64') };
}

/** Every head now, signed as a version-1 digest (the data; append it with `appendAuditDigest`). */
export async function version1DigestOf(store: EventStore, key: AuditSigningKey, at = new Date()) {
  const heads = new Map<string, StreamHead>();
  let covers: string | null = null;
  for await (const event of store.readAll()) {
    covers = positionToString(event.position);
    if (!isAuditDigestStream(event.streamId)) heads.set(event.streamId, { revision: event.revision, hash: linkHashOf(event) });
  }
  return signVersion1Digest(heads, covers, at, key);
}
