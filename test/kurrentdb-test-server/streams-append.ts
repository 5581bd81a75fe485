import { sendUnaryData, ServerReadableStream, status as GrpcStatus } from '@grpc/grpc-js';
import { AppendOutcome, ExpectedState, ProposedEvent } from './in-memory-log';
import { streamNameOf, uuidToString } from './message-codec';
import { AppendReq, AppendResp, Empty, UUID } from './proto-loader';
import { ServerContext } from './server-context';

/** What `Append` and `BatchAppend` proposed messages have in common. */
export interface ProposedMessageLike {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** Turns a proposed message (plain or batch) into what the log stores. */
export function proposedEvent(message: ProposedMessageLike): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: uuidToString(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: Buffer.from(message.getData_asU8()),
    customMetadata: Buffer.from(message.getCustomMetadata_asU8()),
  };
}

/**
 * `Streams.Append` (client streaming): the first message carries the options (stream and
 * expected revision), the rest one proposed event each; the answer comes once the client ends.
 */
export function handleAppend(
  context: ServerContext,
  call: ServerReadableStream<AppendReq, AppendResp>,
  callback: sendUnaryData<AppendResp>,
): void {
  let options: AppendReq.Options | undefined;
  const proposed: ProposedEvent[] = [];
  call.on('data', (request: AppendReq) => {
    if (request.hasOptions()) options = request.getOptions();
    else if (request.hasProposedMessage()) proposed.push(proposedEvent(request.getProposedMessage()!));
  });
  call.on('error', () => undefined);
  call.on('end', () => {
    if (!options) {
      callback({ code: GrpcStatus.INVALID_ARGUMENT, details: 'append without options' });
      return;
    }
    const expected = expectedOf(options);
    const streamId = streamNameOf(options.getStreamIdentifier());
    const outcome = context.log.append(streamId, expected, proposed);
    callback(null, appendResponse(outcome, expected));
    if (outcome.ok) context.appended(streamId, proposed);
  });
}

function expectedOf(options: AppendReq.Options): ExpectedState {
  if (options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
}

function appendResponse(outcome: AppendOutcome, expected: ExpectedState): AppendResp {
  if (outcome.ok) {
    const success = new AppendResp.Success();
    if (outcome.currentRevision === undefined) success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.currentRevision.toString());
    if (outcome.position === undefined) success.setNoPosition(new Empty());
    else {
      success.setPosition(
        new AppendResp.Position()
          .setCommitPosition(outcome.position.commit.toString())
          .setPreparePosition(outcome.position.prepare.toString()),
      );
    }
    return new AppendResp().setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(outcome.currentRevision.toString());
  if (typeof expected === 'bigint') wrong.setExpectedRevision(expected.toString());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedAny(new Empty());
  return new AppendResp().setWrongExpectedVersion(wrong);
}
