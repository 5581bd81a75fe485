export { canonicalJson } from './canonical-json';
export { GENESIS_HASH, computeEventHash, eventHashInput, linkHashOf, storedEventHash } from './event-hash';
export type { ChainedMetadata, HashedEvent } from './event-hash';
export { chainNewEvents, chainNewEventsAfter } from './chain-new-events';
export type { ChainLink } from './chain-new-events';
export {
  AUDIT_DIGEST_ALGORITHM,
  AUDIT_DIGEST_CATEGORY,
  AUDIT_DIGEST_EVENT_TYPE,
  AUDIT_DIGEST_STREAM_PREFIX,
  AUDIT_DIGEST_VERSION,
  auditDigestProblem,
  auditDigestStream,
  auditKeyId,
  digestClaim,
  digestHeads,
  digestSigningInput,
  isAuditDigestStream,
  signAuditDigest,
} from './audit-digest';
export type { AuditDigestData, AuditSigningKey, DigestClaim, StreamHead } from './audit-digest';
export { compareStreamIds, headLeafHash, MerkleRootBuilder } from './heads-merkle-root';
export { StreamHeadsTracker } from './stream-heads';
export { ChainVerifier } from './chain-verifier';
export { assertStreamChain, StreamIntegrityError } from './stream-chain-check';
export type { ChainStart, StreamDamageKind } from './stream-chain-check';
export type { ChainSummary } from './chain-verifier';
export { formatMismatch } from './audit-mismatch';
export type { AuditMismatch } from './audit-mismatch';
export { readAllTolerant } from './read-all-tolerant';
export { WorkerEventHashes } from './worker-event-hashes';
export type { EventHashSource } from './worker-event-hashes';
