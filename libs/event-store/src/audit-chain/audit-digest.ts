import { createHash, KeyObject, sign, verify } from 'node:crypto';
import { JsonObject } from '../event-store.port';
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

/** The data of an `AuditDigestSigned` event. `signature` signs everything else (see docs/audit.md). */
export interface AuditDigestData extends JsonObject {
  algorithm: string;
  keyId: string;
  at: string;
  /** The last `$all` position read when the heads were taken (text form), null for an empty store. */
  coversPosition: string | null;
  streamCount: number;
  heads: { [streamId: string]: { revision: string; hash: string } };
  signature: string;
}

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
  heads: ReadonlyMap<string, StreamHead>,
  coversPosition: string | null,
  at: Date,
  key: AuditSigningKey,
): AuditDigestData {
  const entries = [...heads].map(([streamId, head]) => [streamId, { revision: head.revision.toString(), hash: head.hash }] as const);
  const unsigned = {
    algorithm: AUDIT_DIGEST_ALGORITHM,
    keyId: key.keyId,
    at: at.toISOString(),
    coversPosition,
    streamCount: entries.length,
    heads: Object.fromEntries(entries),
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

/** The heads a digest names, or `null` when its `heads` member is malformed. */
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
