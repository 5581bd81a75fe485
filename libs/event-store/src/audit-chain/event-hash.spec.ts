import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { chainNewEvents } from './chain-new-events';
import { computeEventHash, eventHashInput, GENESIS_HASH, HashedEvent, linkHashOf } from './event-hash';
import { defined } from '@identity/testing';

const meta = { correlationId: 'c-1', causationId: null, actor: 'account:a', ip: '203.0.113.9', userAgent: 'Tests/1.0' };

function chained(count: number, streamId = 'account-a'): HashedEvent[] {
  const fresh = Array.from({ length: count }, (_, i) => ({
    id: `id-${i}`,
    type: 'PasswordCheckFailed',
    data: { consecutiveFailures: i, at: '2025-01-01T00:00:00.000Z', note: 'ü €' },
    metadata: meta,
  }));
  return chainNewEvents(streamId, null, fresh, '2025-01-01T00:00:01.000Z').map((event, i) => ({ ...event, streamId, revision: BigInt(i) }));
}

describe('canonicalJson', () => {
  it('sorts members at every depth and writes no whitespace, whatever the insertion order', () => {
    const a = { b: [{ z: 1, a: 'x' }, null], a: { d: true, c: -0.5 } };
    const b = { a: { c: -0.5, d: true }, b: [{ a: 'x', z: 1 }, null] };
    expect(canonicalJson(a)).toBe('{"a":{"c":-0.5,"d":true},"b":[{"a":"x","z":1},null]}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('matches RFC 8785 for numbers, escapes and UTF-16 member order', () => {
    expect(canonicalJson({ n: [1e21, 1e-7, 0.1 + 0.2, -0, 1 / 3, 4.5e-320] })).toBe(
      '{"n":[1e+21,1e-7,0.30000000000000004,0,0.3333333333333333,4.5e-320]}',
    );
    expect(canonicalJson({ s: 'a\u0001\n"\\/€' })).toBe('{"s":"a\\u0001\\n\\"\\\\/€"}');
    // "\u20ac" (€) sorts before "\ud83d\ude00" (😀) by UTF-16 code units, though not by code points.
    expect(canonicalJson({ '😀': 1, '€': 2, '\r': 3, 1: 4 })).toBe('{"\\r":3,"1":4,"€":2,"😀":1}');
  });

  it('gives the same text for a value and its JSON round trip', () => {
    const value = { at: new Date(0), skipped: undefined, list: [undefined, NaN], nested: { x: Infinity } };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
    expect(canonicalJson(value)).toBe('{"at":"1970-01-01T00:00:00.000Z","list":[null,null],"nested":{"x":null}}');
  });

  it('keeps members named like array indexes or __proto__ in sorted order, at any depth', () => {
    const parsed = JSON.parse('{"z":{"b":[{"10":1,"9":2,"a":3}]},"__proto__":{"y":1,"x":2},"a":1}') as object;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":2,"y":1},"a":1,"z":{"b":[{"10":1,"9":2,"a":3}]}}');
    expect(canonicalJson({ b: { '2': 'two', '01': 'zero-one', '-1': 'minus' }, a: [new String('hi')] })).toBe(
      '{"a":[{"0":"h","1":"i"}],"b":{"-1":"minus","01":"zero-one","2":"two"}}',
    );
  });

  it('writes members in the same order whether they come sorted or not, and calls nested toJSON', () => {
    const sorted = { a: { b: 1, c: [true, { d: null, e: 'x' }] }, f: new Date(1) };
    const unsorted = { f: new Date(1), a: { c: [true, { e: 'x', d: null }], b: 1 } };
    expect(canonicalJson(unsorted)).toBe(canonicalJson(sorted));
    expect(canonicalJson(sorted)).toBe('{"a":{"b":1,"c":[true,{"d":null,"e":"x"}]},"f":"1970-01-01T00:00:00.001Z"}');
    expect(canonicalJson([() => 1, undefined, Symbol('s')])).toBe('[null,null,null]');
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('the event hash chain', () => {
  it('hashes the documented input: id, stream, revision (text), type, time, data and metadata without hash', () => {
    const first = defined(chained(1)[0]);
    const { hash, ...rest } = first.metadata;
    const expected = createHash('sha256')
      .update(
        canonicalJson({
          id: 'id-0',
          stream: 'account-a',
          revision: '0',
          type: 'PasswordCheckFailed',
          time: '2025-01-01T00:00:01.000Z',
          data: first.data,
          metadata: rest,
        }),
      )
      .digest('hex');
    expect(hash).toBe(expected);
    expect(eventHashInput(first)).toContain('"previousHash":"' + GENESIS_HASH + '"');
    expect(computeEventHash(first)).toBe(hash);
  });

  it('links each event to the one before and continues from a stored predecessor', () => {
    const events = chained(3);
    expect(events.map((e) => e.metadata.previousHash)).toEqual([GENESIS_HASH, events[0]?.metadata.hash, events[1]?.metadata.hash]);
    const third = defined(events[2]);
    const [next] = chainNewEvents('account-a', third, [{ id: 'id-3', type: 'T', data: {}, metadata: meta }], '2025-01-02T00:00:00.000Z');
    if (!next) throw new Error('chainNewEvents returned no event');
    expect(next.metadata.previousHash).toBe(third.metadata.hash);
    expect(computeEventHash({ ...next, streamId: 'account-a', revision: 3n })).toBe(next.metadata.hash);
  });

  it('links to the computed hash of a predecessor written before chaining existed', () => {
    const legacy: HashedEvent = { id: 'old', streamId: 'account-a', revision: 0n, type: 'T', data: { x: 1 }, metadata: meta };
    const next = defined(
      chainNewEvents('account-a', legacy, [{ id: 'new', type: 'T', data: {}, metadata: meta }], '2025-01-02T00:00:00.000Z')[0],
    );
    expect(next.metadata.previousHash).toBe(computeEventHash(legacy));
    expect(linkHashOf(legacy)).toBe(computeEventHash(legacy));
  });

  it('changes the hash when any single byte of the stored data or metadata changes', () => {
    const event = defined(chained(1)[0]);
    for (const part of ['data', 'metadata'] as const) {
      const text = JSON.stringify(event[part]);
      let changed = 0;
      for (let i = 0; i < text.length; i += 1) {
        const flipped = `${text.slice(0, i)}${String.fromCharCode(text.charCodeAt(i) ^ 1)}${text.slice(i + 1)}`;
        let parsed;
        try {
          parsed = JSON.parse(flipped);
        } catch {
          continue; // no longer JSON: the store reports it as unreadable instead
        }
        if (canonicalJson(parsed) === canonicalJson(event[part])) continue; // e.g. only whitespace
        changed += 1;
        const tampered = { ...event, [part]: parsed };
        // Detected when the content no longer matches the hash it carries (itself maybe the changed byte).
        expect(computeEventHash(tampered)).not.toBe(tampered.metadata.hash);
      }
      expect(changed).toBeGreaterThan(20);
    }
    for (const other of [{ id: 'id-x' }, { streamId: 'account-b' }, { revision: 1n }, { type: 'Other' }]) {
      expect(computeEventHash({ ...event, ...other })).not.toBe(event.metadata.hash);
    }
  });
});
