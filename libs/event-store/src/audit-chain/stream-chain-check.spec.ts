import { NewEvent, RecordedEvent } from '../event-store.port';
import { chainNewEvents } from './chain-new-events';
import { assertStreamChain, StreamIntegrityError } from './stream-chain-check';

const STREAM = 'account-1';

function recorded(events: readonly NewEvent[], from = 0): RecordedEvent[] {
  return events.map((event, i) => ({
    ...event,
    streamId: STREAM,
    revision: BigInt(from + i),
    position: { commit: BigInt(from + i), prepare: BigInt(from + i) },
    recordedAt: new Date(0),
  }));
}

const plain = (n: number): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    type: 'Happened',
    data: { n: String(i) },
    metadata: { correlationId: 'c', causationId: null, actor: null, ip: null, userAgent: null },
  }));
const chained = (n: number): RecordedEvent[] => recorded(chainNewEvents(STREAM, null, plain(n), '2026-12-02T00:00:00.000Z'));

function damageOf(events: readonly RecordedEvent[]): string | null {
  try {
    assertStreamChain(STREAM, events);
    return null;
  } catch (error) {
    if (!(error instanceof StreamIntegrityError)) throw error;
    return `${error.kind}@${error.revision}`;
  }
}

describe('the chain check of the command path', () => {
  it('passes an intact stream, and one that opens with events written before chaining existed', () => {
    expect(damageOf(chained(5))).toBeNull();
    const legacy = recorded(plain(3));
    const last = legacy[2] ?? null;
    const continued = recorded(chainNewEvents(STREAM, last, plain(2), '2026-12-02T00:00:00.000Z'), 3);
    expect(damageOf([...legacy, ...continued])).toBeNull();
  });

  it('names a changed byte of an event: its content no longer matches its hash', () => {
    const events = chained(4);
    const [a, b, c, d] = events as [RecordedEvent, RecordedEvent, RecordedEvent, RecordedEvent];
    expect(damageOf([a, b, { ...c, data: { n: 'changed' } }, d])).toBe('hash@2');
  });

  it('names a missing event and one out of order', () => {
    const [a, b, c, d] = chained(4) as [RecordedEvent, RecordedEvent, RecordedEvent, RecordedEvent];
    expect(damageOf([a, b, d])).toBe('revision@3');
    expect(damageOf([a, c, b, d])).toBe('revision@2');
  });

  it('names an event that links to another predecessor, and an unchained event after chained ones', () => {
    const [a, b, c] = chained(3) as [RecordedEvent, RecordedEvent, RecordedEvent];
    const elsewhere = { ...b, metadata: { ...b.metadata, hash: 'f'.repeat(64) } };
    const relinked = recorded(chainNewEvents(STREAM, elsewhere, plain(1), '2026-12-02T00:00:00.000Z'), 2)[0] as RecordedEvent;
    expect(damageOf([a, b, relinked])).toBe('chain@2');
    const { hash: _hash, ...unhashed } = c.metadata;
    expect(damageOf([a, b, { ...c, metadata: unhashed }])).toBe('unchained@2');
  });

  it('checks a run that starts at a snapshot from its revision on', () => {
    const [, , c, d] = chained(4) as [RecordedEvent, RecordedEvent, RecordedEvent, RecordedEvent];
    expect(() => assertStreamChain(STREAM, [c, d], { revision: 2n, linkTo: null })).not.toThrow();
    expect(() => assertStreamChain(STREAM, [c, { ...d, type: 'Other' }], { revision: 2n, linkTo: null })).toThrow(
      /revision 3: the content/,
    );
  });
});
