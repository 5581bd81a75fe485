import { EventStore, Position, RecordedEvent } from '../event-store.port';
import { comparePositions } from '../position';
import { UnreadableEventError } from '../reading/unreadable-event.error';

/**
 * `readAll` that goes on past events the store cannot read: each is passed to `onUnreadable`. After
 * such an error, reading resumes one event at a time from the last event handed out, up to the
 * damaged one, so that no readable event of the failed page is lost; then pages again.
 */
export async function* readAllTolerant(
  store: EventStore,
  onUnreadable: (error: UnreadableEventError) => void,
  options: { streamPrefixes?: readonly string[] } = {},
): AsyncGenerator<RecordedEvent> {
  let after: Position | undefined;
  let stepUntil: Position | undefined;
  const reached = (target: Position | undefined) => target !== undefined && after !== undefined && comparePositions(after, target) >= 0;
  for (;;) {
    const stepping = stepUntil !== undefined;
    let read = 0;
    try {
      for await (const event of store.readAll({ after, streamPrefixes: options.streamPrefixes, maxCount: stepping ? 1 : undefined })) {
        read += 1;
        after = event.position;
        if (reached(stepUntil)) stepUntil = undefined;
        yield event;
      }
      if (!stepping || read === 0) return;
    } catch (error) {
      if (!(error instanceof UnreadableEventError)) throw error;
      if (!stepping) {
        stepUntil = error.position;
        continue;
      }
      // One event per read: the error is about the event right after `after`.
      onUnreadable(error);
      after = error.position;
      if (reached(stepUntil)) stepUntil = undefined;
    }
  }
}
