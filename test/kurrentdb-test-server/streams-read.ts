import { ServerWritableStream, status as GrpcStatus } from '@grpc/grpc-js';
import { comparePositions, InMemoryLog, StoredEvent } from './in-memory-log';
import { eventResponse, streamNotFoundResponse } from './message-codec';
import { ReadReq, ReadResp } from './proto-loader';
import { BadReadRequest, parseReadRequest, passesFilter, ReadPlan } from './read-request';
import { ServerContext } from './server-context';
import { startSubscription } from './subscriptions';

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/** `Streams.Read`: a bounded read of a stream or `$all`, or a subscription to either. */
export function handleRead(context: ServerContext, call: ReadCall): void {
  let plan: ReadPlan;
  try {
    plan = parseReadRequest(call.request);
  } catch (error) {
    if (!(error instanceof BadReadRequest)) throw error;
    call.emit('error', { code: GrpcStatus.INVALID_ARGUMENT, details: error.message });
    return;
  }
  if (plan.count === undefined) {
    startSubscription(context, call, plan);
    return;
  }
  if (plan.target.kind === 'stream' && context.log.streamEvents(plan.target.streamId) === undefined) {
    call.write(streamNotFoundResponse(plan.target.streamId));
    call.end();
    return;
  }
  let sent = 0n;
  for (const event of selectEvents(context.log, plan)) {
    if (sent >= plan.count) break;
    call.write(eventResponse(event, plan.structuredIds));
    sent += 1n;
  }
  call.end();
}

/** The events a bounded read returns, in the order it returns them (before the count limit). */
export function selectEvents(log: InMemoryLog, plan: ReadPlan): StoredEvent[] {
  const { target, backwards } = plan;
  if (target.kind === 'stream') {
    const events = log.streamEvents(target.streamId) ?? [];
    if (!backwards) {
      if (target.from === 'end') return [];
      // A stream's revisions are its indexes (0, 1, 2 …): slicing reads only what is asked for.
      const from = target.from === 'start' ? 0n : target.from;
      return from >= BigInt(events.length) ? [] : events.slice(Number(from));
    }
    if (target.from === 'start') return events.slice(0, 1);
    const upTo = target.from === 'end' ? events.length : Math.min(events.length, Number(target.from) + 1);
    return events.slice(0, upTo).reverse();
  }
  const all = log.allEvents().filter((event) => passesFilter(plan.filter, event));
  const from = target.from;
  if (!backwards) {
    if (from === 'end') return [];
    return from === 'start' ? all : all.filter((event) => comparePositions(event.position, from) >= 0);
  }
  if (from === 'start') return [];
  // Backwards from a position yields what lies strictly before it, newest first.
  const before = from === 'end' ? all : all.filter((event) => comparePositions(event.position, from) < 0);
  return before.reverse();
}
