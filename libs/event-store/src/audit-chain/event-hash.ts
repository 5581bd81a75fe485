import { createHash } from 'node:crypto';
import { EventMetadata, JsonObject } from '../event-store.port';
import { canonicalJson } from './canonical-json';

/** The `previousHash` of a stream's first event (revision 0). */
export const GENESIS_HASH = '0'.repeat(64);

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The audit fields `handleCommand` adds to every event's metadata. */
export interface ChainedMetadata extends EventMetadata {
  /** When the event was appended (ISO-8601 UTC, the writer's clock); the hashed `time`. */
  occurredAt: string;
  /** The `hash` of the stream's previous event, or `GENESIS_HASH` at revision 0. */
  previousHash: string;
  /** SHA-256 (lower-case hex) of the event's canonical hash input. */
  hash: string;
}

/** What the hash covers: everything of an event except its global position and the store's own time. */
export interface HashedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: JsonObject;
  /** The metadata as stored; a `hash` member in it is left out of the input. */
  readonly metadata: JsonObject;
}

/**
 * The document that is hashed (see docs/audit.md): `{id, stream, revision, type, time, data,
 * metadata}` with the revision as a decimal string, `time` = `metadata.occurredAt` (null when
 * absent) and `metadata` without its `hash` member, in canonical JSON (RFC 8785).
 */
export function eventHashInput(event: HashedEvent): string {
  const { hash: _hash, ...metadata } = event.metadata;
  const time = typeof metadata.occurredAt === 'string' ? metadata.occurredAt : null;
  return canonicalJson({
    id: event.id,
    stream: event.streamId,
    revision: event.revision.toString(),
    type: event.type,
    time,
    data: event.data,
    metadata,
  });
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of `eventHashInput(event)`. */
export function computeEventHash(event: HashedEvent): string {
  return createHash('sha256').update(eventHashInput(event), 'utf8').digest('hex');
}

/** The hash an event carries, when it carries a well-formed one. */
export function storedEventHash(metadata: JsonObject): string | null {
  return typeof metadata.hash === 'string' && HEX_SHA256.test(metadata.hash) ? metadata.hash : null;
}

/**
 * The hash the next event of the stream links to: the stored one, or for an event written without
 * one (before chaining existed) the hash computed over it, so that chains continue from old streams.
 */
export function linkHashOf(event: HashedEvent): string {
  return storedEventHash(event.metadata) ?? computeEventHash(event);
}
