import { randomUUID } from 'node:crypto';
import { AllSubscription, EventMetadata, JsonObject, NewEvent, RecordedEvent } from '../event-store.port';

/** A prefix no other test (or run, on a shared server) uses: `c<uuid-without-dashes>-`. */
export function uniquePrefix(): string {
  return `c${randomUUID().replace(/-/g, '')}-`;
}

export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return { correlationId: randomUUID(), causationId: null, actor: null, ip: null, userAgent: null, ...overrides };
}

export function newEvent(type = 'Something', data: JsonObject = { n: 1 }, meta: EventMetadata = metadata()): NewEvent {
  return { id: randomUUID(), type, data, metadata: meta };
}

export async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

export function ids(events: readonly { id: string }[]): string[] {
  return events.map((event) => event.id);
}

/** Takes the next `count` events of an iterator, failing if it ends first. */
export async function nextEvents(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  while (taken.length < count) {
    const result = await iterator.next();
    if (result.done) throw new Error(`subscription ended after ${taken.length} of ${count} events`);
    taken.push(result.value);
  }
  return taken;
}

/** Iterates until the event with `lastId` arrives (included), failing if the iteration ends first. */
export async function eventsUntil(subscription: AllSubscription, lastId: string): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  for await (const event of subscription) {
    taken.push(event);
    if (event.id === lastId) return taken;
  }
  throw new Error(`subscription ended before event ${lastId}`);
}

/** Lets pending I/O callbacks and microtasks run, so that a subscription waiting for events is idle. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The value, or a thrown error naming what the contract expected to find. */
export function defined<T>(value: T | undefined, what = 'the value'): T {
  if (value === undefined) throw new Error(`expected ${what} to be defined`);
  return value;
}
