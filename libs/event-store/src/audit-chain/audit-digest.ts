import { createHash, KeyObject, sign, verify } from 'node:crypto';
import { JsonObject, Position } from '../event-store.port';
import { positionFromString } from '../position';
import { canonicalJson } from './canonical-json';

/** Digests live in `auditdigest-<yyyy-mm-dd>` (UTC day of writing), chained like every stream. */
export const AUDIT_DIGEST_CATEGORY = 'auditdigest';
export const AUDIT_DIGEST_STREAM_PREFIX = `${AUDIT_DIGEST_CATEGORY}-`;
export const AUDIT_DIGEST_EVENT_TYPE = 'AuditDigestSigned';
export const AUDIT_DIGEST_ALGORITHM = 'Ed25519';

export const auditDigestStream = (at: Date): string => `${AUDIT_DIGEST_STREAM_PREFIX}${at.toISOString().slice(0, 10)}`;
export const isAuditDigestStream = (streamId: string): boolean => streamId.startsWith(AUDIT_DIGEST_STREAM_PREFIX);

/** The last event of a stream: its revision and the hash the next event links to. */
export interface StreamHead {
  revision: bigint;
  hash: string;
}

export interface AuditSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

/**
 * The data of an `AuditDigestSigned` event. `signature` signs everything else (see docs/audit.md).
 * Version 2 (written now) signs the Merkle root of the heads; version 1 (no `version` member,
 * written before) listed every head in `heads`: those stay in the store and are still verified.
 */
export interface AuditDigestData extends JsonObject {
  version: typeof AUDIT_DIGEST_VERSION;
  algorithm: string;
  keyId: string;
  at: string;
  /** The last `$all` position read when the heads were taken (text form), null for an empty store. */
  coversPosition: string | null;
  streamCount: number;
  /** Hex root of the Merkle tree over the heads at `coversPosition` (heads-merkle-root.ts). */
  headsRoot: string;
  signature: string;
}

export const AUDIT_DIGEST_VERSION = 2 as const;

/** Lower-case hex SHA-256 of the public key's DER SubjectPublicKeyInfo: which key signed a digest. */
export function auditKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** The bytes that are signed: canonical JSON (RFC 8785) of the digest data without `signature`, UTF-8. */
export function digestSigningInput(data: JsonObject): Buffer {
  const { signature: _signature, ...signed } = data;
  return Buffer.from(canonicalJson(signed), 'utf8');
}

export function signAuditDigest(
  heads: { root: string; streamCount: number },
  coversPosition: string | null,
  at: Date,
  key: AuditSigningKey,
): AuditDigestData {
  const unsigned = {
    version: AUDIT_DIGEST_VERSION,
    algorithm: AUDIT_DIGEST_ALGORITHM,
    keyId: key.keyId,
    at: at.toISOString(),
    coversPosition,
    streamCount: heads.streamCount,
    headsRoot: heads.root,
  };
  const signature = sign(null, digestSigningInput(unsigned), key.privateKey).toString('base64');
  return { ...unsigned, signature };
}

/** `null` when `data` is a well-formed digest signed by `publicKey`; otherwise what is wrong. */
export function auditDigestProblem(data: JsonObject, publicKey: KeyObject): string | null {
  if (data.algorithm !== AUDIT_DIGEST_ALGORITHM) return `algorithm is ${JSON.stringify(data.algorithm)}, not ${AUDIT_DIGEST_ALGORITHM}`;
  if (data.keyId !== auditKeyId(publicKey)) return `signed with key ${String(data.keyId).slice(0, 16)}…, not the audit public key`;
  if (typeof data.signature !== 'string') return 'has no signature';
  const valid = verify(null, digestSigningInput(data), publicKey, Buffer.from(data.signature, 'base64'));
  return valid ? null : 'the signature does not match its content';
}

/**
 * What a digest's (signed) content says about the heads: version 2, the root, the count and the
 * position; version 1, every head; `null` when malformed.
 */
export function digestClaim(data: JsonObject): DigestClaim | null {
  if (data.version === undefined) {
    const heads = digestHeads(data);
    return heads && { version: 1, heads };
  }
  const { version, headsRoot, streamCount, coversPosition } = data;
  if (version !== AUDIT_DIGEST_VERSION || typeof headsRoot !== 'string' || !/^[0-9a-f]{64}$/.test(headsRoot)) return null;
  if (typeof streamCount !== 'number' || !Number.isSafeInteger(streamCount) || streamCount < 0) return null;
  if (coversPosition !== null && (typeof coversPosition !== 'string' || !/^\d{1,20}(:\d{1,20})?$/.test(coversPosition))) return null;
  return { version: 2, root: headsRoot, streamCount, coversPosition: coversPosition === null ? null : positionFromString(coversPosition) };
}

export type DigestClaim =
  { version: 1; heads: [string, StreamHead][] } | { version: 2; root: string; streamCount: number; coversPosition: Position | null };

/** A version-1 digest's heads, or `null` when its `heads` member is malformed. */
export function digestHeads(data: JsonObject): [string, StreamHead][] | null {
  const heads = data.heads;
  if (heads === null || typeof heads !== 'object' || Array.isArray(heads)) return null;
  const result: [string, StreamHead][] = [];
  for (const [streamId, head] of Object.entries(heads)) {
    if (head === null || typeof head !== 'object' || Array.isArray(head)) return null;
    if (typeof head.revision !== 'string' || !/^\d{1,20}$/.test(head.revision) || typeof head.hash !== 'string') return null;
    result.push([streamId, { revision: BigInt(head.revision), hash: head.hash }]);
  }
  return result;
}
