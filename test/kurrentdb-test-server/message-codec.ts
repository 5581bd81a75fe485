import { randomUUID } from 'node:crypto';
import { LogPosition, StoredEvent } from './in-memory-log';
import { ReadResp, StreamIdentifier, Timestamp, UUID } from './proto-loader';

/**
 * Conversions between the generated protobuf messages and the log's plain values. All 64-bit
 * protocol fields are generated with `jstype = JS_STRING`, so they cross as decimal strings.
 */

const U64 = 64;

/** A protocol UUID (string or structured form) as its canonical lowercase text. */
export function uuidToString(uuid: UUID | undefined): string {
  if (!uuid) return randomUUID();
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const hex = (value: string) => BigInt.asUintN(U64, BigInt(value)).toString(16).padStart(16, '0');
    const most = hex(structured.getMostSignificantBits());
    const least = hex(structured.getLeastSignificantBits());
    return `${most.slice(0, 8)}-${most.slice(8, 12)}-${most.slice(12)}-${least.slice(0, 4)}-${least.slice(4)}`;
  }
  return uuid.getString().toLowerCase();
}

/** A UUID message in the form the reader asked for (`uuid_option`): string or structured. */
export function uuidMessage(id: string, structured: boolean): UUID {
  const uuid = new UUID();
  if (!structured) return uuid.setString(id);
  const hex = id.replace(/-/g, '');
  const parts = new UUID.Structured()
    .setMostSignificantBits(BigInt.asIntN(U64, BigInt(`0x${hex.slice(0, 16)}`)).toString())
    .setLeastSignificantBits(BigInt.asIntN(U64, BigInt(`0x${hex.slice(16)}`)).toString());
  return uuid.setStructured(parts);
}

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';
}

export function streamIdentifier(streamId: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(streamId, 'utf8'));
}

/** A position from a request's (commit, prepare) decimal strings. */
export function positionFrom(message: { getCommitPosition(): string; getPreparePosition(): string }): LogPosition {
  return { commit: BigInt(message.getCommitPosition()), prepare: BigInt(message.getPreparePosition()) };
}

export function nowTimestamp(): Timestamp {
  return Timestamp.fromDate(new Date());
}

/** One `ReadResp` carrying the event, as both plain reads and subscriptions send it. */
export function eventResponse(event: StoredEvent, structuredIds: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, structuredIds))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString())
    .setPreparePosition(event.position.prepare.toString())
    .setCommitPosition(event.position.commit.toString())
    .setCustomMetadata(event.customMetadata)
    .setData(event.data);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', event.createdTicks.toString());
  const readEvent = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.commit.toString());
  return new ReadResp().setEvent(readEvent);
}

export function streamNotFoundResponse(streamId: string): ReadResp {
  const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamId));
  return new ReadResp().setStreamNotFound(notFound);
}

export function confirmationResponse(subscriptionId: string): ReadResp {
  return new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));
}

export function checkpointResponse(position: LogPosition): ReadResp {
  const checkpoint = new ReadResp.Checkpoint()
    .setCommitPosition(position.commit.toString())
    .setPreparePosition(position.prepare.toString())
    .setTimestamp(nowTimestamp());
  return new ReadResp().setCheckpoint(checkpoint);
}

/** `caught_up` with the last stream revision (stream subscriptions) or `$all` position. */
export function caughtUpResponse(last: { revision?: bigint; position?: LogPosition }): ReadResp {
  const caughtUp = new ReadResp.CaughtUp().setTimestamp(nowTimestamp());
  if (last.revision !== undefined) caughtUp.setStreamRevision(last.revision.toString());
  if (last.position !== undefined) {
    caughtUp.setPosition(
      new ReadResp.Position().setCommitPosition(last.position.commit.toString()).setPreparePosition(last.position.prepare.toString()),
    );
  }
  return new ReadResp().setCaughtUp(caughtUp);
}
