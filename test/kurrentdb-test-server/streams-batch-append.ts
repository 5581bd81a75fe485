import { ServerDuplexStream } from '@grpc/grpc-js';
import { AppendOutcome, ExpectedState, ProposedEvent } from './in-memory-log';
import { streamIdentifier, streamNameOf, uuidToString } from './message-codec';
import {
  AllStreamPosition,
  Any,
  BatchAppendReq,
  BatchAppendResp,
  Code,
  ProtobufEmpty,
  Status,
  UUID,
  WrongExpectedVersion,
} from './proto-loader';
import { EndMode, ServerContext, unavailable } from './server-context';
import { proposedEvent } from './streams-append';

type BatchAppendCall = ServerDuplexStream<BatchAppendReq, BatchAppendResp>;

interface PendingBatch {
  readonly correlationId: UUID;
  options: BatchAppendReq.Options | undefined;
  readonly events: ProposedEvent[];
}

/** The type name the client unpacks the error details with (`Any.getTypeName()`). */
const WRONG_EXPECTED_VERSION_TYPE = 'event_store.client.WrongExpectedVersion';

/**
 * `Streams.BatchAppend` (bidirectional): one long-lived call carries many appends, each keyed by
 * a correlation id. An append may span several requests (options on the first); the one with
 * `is_final` triggers the write and one response for that correlation id.
 */
export function handleBatchAppend(context: ServerContext, call: BatchAppendCall): void {
  const pending = new Map<string, PendingBatch>();
  let ended = false;
  const end = (mode: EndMode, reason: string) => {
    if (ended) return;
    ended = true;
    forget();
    if (call.cancelled) return;
    if (mode === 'error') call.emit('error', unavailable(reason));
    else if (mode === 'silent') call.end();
  };
  const forget = context.track({ kind: 'batch-append', end });

  call.on('data', (request: BatchAppendReq) => {
    if (ended) return;
    const correlationId = request.getCorrelationId() ?? new UUID();
    const key = uuidToString(correlationId);
    const batch = pending.get(key) ?? { correlationId, options: undefined, events: [] };
    pending.set(key, batch);
    if (request.hasOptions()) batch.options = request.getOptions();
    for (const message of request.getProposedMessagesList()) batch.events.push(proposedEvent(message));
    if (!request.getIsFinal()) return;
    pending.delete(key);
    call.write(commit(context, batch));
  });
  call.on('end', () => end('silent', 'client closed the batch-append session'));
  call.on('cancelled', () => {
    ended = true;
    forget();
  });
  call.on('error', () => undefined);
}

function commit(context: ServerContext, batch: PendingBatch): BatchAppendResp {
  const response = new BatchAppendResp().setCorrelationId(batch.correlationId);
  const options = batch.options;
  if (!options) {
    const status = new Status().setCode(Code.INVALID_ARGUMENT).setMessage('batch append without options');
    return response.setError(status);
  }
  const streamId = streamNameOf(options.getStreamIdentifier());
  const expected = expectedOf(options);
  response.setStreamIdentifier(streamIdentifier(streamId));
  if (typeof expected === 'bigint') response.setStreamPosition(expected.toString());
  else if (expected === 'no_stream') response.setNoStream(new ProtobufEmpty());
  else if (expected === 'stream_exists') response.setStreamExists(new ProtobufEmpty());
  else response.setAny(new ProtobufEmpty());
  const outcome = context.log.append(streamId, expected, batch.events);
  if (outcome.ok) context.appended(streamId, batch.events); // heard after the caller wrote this answer
  return outcome.ok ? response.setSuccess(success(outcome)) : response.setError(wrongExpectedVersion(outcome, expected));
}

function expectedOf(options: BatchAppendReq.Options): ExpectedState {
  if (options.hasStreamPosition()) return BigInt(options.getStreamPosition());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
}

function success(outcome: AppendOutcome & { ok: true }): BatchAppendResp.Success {
  const result = new BatchAppendResp.Success();
  if (outcome.currentRevision === undefined) result.setNoStream(new ProtobufEmpty());
  else result.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === undefined) return result.setNoPosition(new ProtobufEmpty());
  const position = new AllStreamPosition()
    .setCommitPosition(outcome.position.commit.toString())
    .setPreparePosition(outcome.position.prepare.toString());
  return result.setPosition(position);
}

/** The error status a real server sends: the details pack a `WrongExpectedVersion`. */
function wrongExpectedVersion(outcome: AppendOutcome, expected: ExpectedState): Status {
  const details = new WrongExpectedVersion();
  if (outcome.currentRevision === undefined) details.setCurrentNoStream(new ProtobufEmpty());
  else details.setCurrentStreamRevision(outcome.currentRevision.toString());
  if (typeof expected === 'bigint') details.setExpectedStreamPosition(expected.toString());
  else if (expected === 'no_stream') details.setExpectedNoStream(new ProtobufEmpty());
  else if (expected === 'stream_exists') details.setExpectedStreamExists(new ProtobufEmpty());
  else details.setExpectedAny(new ProtobufEmpty());
  const packed = new Any();
  packed.pack(details.serializeBinary(), WRONG_EXPECTED_VERSION_TYPE);
  return new Status().setCode(Code.FAILED_PRECONDITION).setMessage('WrongExpectedVersion').setDetails(packed);
}
