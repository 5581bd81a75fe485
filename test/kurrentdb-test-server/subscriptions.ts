import { randomUUID } from 'node:crypto';
import { ServerWritableStream } from '@grpc/grpc-js';
import { comparePositions, InMemoryLog, StoredEvent } from './in-memory-log';
import { caughtUpResponse, checkpointResponse, confirmationResponse, eventResponse } from './message-codec';
import { ReadReq, ReadResp } from './proto-loader';
import { passesFilter, ReadPlan, ReadTarget } from './read-request';
import { EndMode, ServerContext, unavailable } from './server-context';

/**
 * A catch-up subscription to a stream or to `$all`, in the order a real server sends it:
 * the confirmation, the stored events after the start point, `caught_up`, then live events.
 * Filtered `$all` subscriptions also get a checkpoint after every `checkpointEvery` events the
 * server looked at (matching or not), carrying the position of the last one looked at.
 * Catch-up and the switch to live happen in one synchronous step, so no append slips between.
 */
export function startSubscription(context: ServerContext, call: ServerWritableStream<ReadReq, ReadResp>, plan: ReadPlan): void {
  const { log } = context;
  const { target, filter } = plan;
  let ended = false;
  let lookedAt = 0;
  const send = (response: ReadResp) => {
    if (!ended && !call.cancelled) call.write(response);
  };
  const offer = (event: StoredEvent) => {
    const wanted = target.kind === 'stream' ? event.streamId === target.streamId : passesFilter(filter, event);
    if (wanted) send(eventResponse(event, plan.structuredIds));
    if (target.kind === 'all' && filter) {
      lookedAt += 1;
      if (lookedAt >= filter.checkpointEvery) {
        lookedAt = 0;
        send(checkpointResponse(event.position));
      }
    }
  };

  send(confirmationResponse(randomUUID()));
  for (const event of catchUpEvents(log, target)) offer(event);
  send(
    target.kind === 'stream'
      ? caughtUpResponse({ revision: log.lastRevision(target.streamId) })
      : caughtUpResponse({ position: log.lastPosition() }),
  );
  const unsubscribe = log.onAppended(offer);

  const stop = () => {
    ended = true;
    unsubscribe();
    forget();
  };
  const end = (mode: EndMode, reason: string) => {
    if (ended) return;
    stop();
    if (call.cancelled) return;
    if (mode === 'error') call.emit('error', unavailable(reason));
    else if (mode === 'silent') call.end();
  };
  const forget = context.track({ kind: 'subscription', end });
  call.on('cancelled', stop);
  call.on('close', stop);
}

/** Stored events after the subscription's start point (exclusive), in log order. */
function catchUpEvents(log: InMemoryLog, target: ReadTarget): readonly StoredEvent[] {
  if (target.from === 'end') return [];
  if (target.kind === 'stream') {
    const events = log.streamEvents(target.streamId) ?? [];
    const from = target.from;
    return from === 'start' ? events : events.filter((event) => event.revision > from);
  }
  const from = target.from;
  const all = log.allEvents();
  return from === 'start' ? all : all.filter((event) => comparePositions(event.position, from) > 0);
}
