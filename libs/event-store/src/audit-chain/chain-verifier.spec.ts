import { generateKeyPairSync } from 'node:crypto';
import { CommandContext, handleCommand } from '../command-handling/handle-command';
import { JsonObject, RecordedEvent } from '../event-store.port';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { auditKeyId, AuditSigningKey } from './audit-digest';
import { AuditMismatch } from './audit-mismatch';
import { ChainVerifier } from './chain-verifier';
import { computeEventHash } from './event-hash';
import { StreamHeadsTracker } from './stream-heads';
import { TamperedEventStore } from './testing/tampered-event-store';
import { version1DigestOf } from './testing/version-1-digest';
import { appendAuditDigest, writeAuditDigest } from '../command-handling/write-audit-digest';
import { defined } from '@identity/testing';

const context: CommandContext = { correlationId: 'c', causationId: null, actor: 'tests', ip: null, userAgent: null };
const noter = {
  initialState: () => 0,
  evolve: (count: number) => count + 1,
  decide: (n: number) => [{ type: 'Noted', data: { n, secret: `s${n}` } }],
  decode: (type: string, data: JsonObject) => ({ type, data: data as { n: number; secret: string } }),
};

function newKey(): AuditSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: auditKeyId(publicKey) };
}

describe('ChainVerifier', () => {
  const key = newKey();
  let store: TamperedEventStore;
  const note = (streamId: string, n: number) => handleCommand(store, streamId, noter, () => n, context);
  const digest = async () => {
    const tracker = new StreamHeadsTracker();
    try {
      await tracker.catchUp(store);
      return await writeAuditDigest(store, tracker, key, 'tests');
    } finally {
      tracker.close();
    }
  };
  const digestEvent = async () => defined((await store.readStream(`auditdigest-${new Date().toISOString().slice(0, 10)}`))[0], 'digest');
  const rootMismatch = async () => `digest-root ${(await digestEvent()).streamId}@0 ${(await digestEvent()).id}`;
  const verify = async (publicKey = key.publicKey) => {
    const found: AuditMismatch[] = [];
    const verifier = new ChainVerifier(store, publicKey, (m) => found.push(m));
    for await (const event of store.readAll()) await verifier.check(event);
    return { found, summary: verifier.summary() };
  };
  const named = (found: AuditMismatch[]) => found.map((m) => `${m.kind} ${m.streamId}@${m.revision} ${m.eventId ?? '-'}`);
  const rewrite = (target: (e: RecordedEvent) => boolean, change: (e: RecordedEvent) => RecordedEvent) => {
    store.tamper = (events) => events.map((e) => (target(e) ? change(e) : e));
  };
  const at = (streamId: string, revision: bigint) => (e: RecordedEvent) => e.streamId === streamId && e.revision === revision;

  beforeEach(async () => {
    store = new TamperedEventStore(new InMemoryEventStore());
    for (let n = 0; n < 3; n += 1) {
      await note('account-a', n);
      await note('account-b', n);
    }
    await digest();
    await note('account-a', 3);
  });
  afterEach(() => store.close());

  it('finds nothing wrong in an intact store and counts what it checked', async () => {
    const { found, summary } = await verify();
    expect(found).toEqual([]);
    expect(summary).toMatchObject({ events: 8, streams: 3, digests: 1, eventsAfterLastDigest: 1 });
  });

  it('names the one event whose data was changed', async () => {
    const victim = defined((await store.readStream('account-b'))[1], 'account-b@1');
    rewrite(at('account-b', 1n), (e) => ({ ...e, data: { ...e.data, n: 7 } }));
    const { found } = await verify();
    expect(named(found)).toEqual([`hash account-b@1 ${victim.id}`]);
  });

  it('catches a changed event whose hash was recomputed, at the next event of its stream', async () => {
    rewrite(at('account-a', 1n), (e) => {
      const metadata = { ...e.metadata, ip: '198.51.100.1' };
      return { ...e, metadata: { ...metadata, hash: computeEventHash({ ...e, metadata }) } };
    });
    const { found } = await verify();
    expect(named(found)).toEqual([`chain account-a@2 ${(await store.readStream('account-a'))[2]?.id}`]);
  });

  it('catches the deleted last event of a stream when a digest recorded it', async () => {
    store.tamper = (events) => events.filter((e) => !at('account-b', 2n)(e));
    const { found } = await verify();
    expect(named(found)).toEqual([await rootMismatch()]);
    expect(found[0]?.detail).toMatch(
      /^the heads at position \d+ \(2 streams\) do not give the signed Merkle root \(2 streams\): a stream the digest covered was truncated/,
    );
  });

  it('catches a rewritten last event (new content, recomputed hash) against the digest', async () => {
    rewrite(at('account-b', 2n), (e) => {
      const data = { ...e.data, n: 9 };
      return { ...e, data, metadata: { ...e.metadata, hash: computeEventHash({ ...e, data }) } };
    });
    expect(named((await verify()).found)).toEqual([await rootMismatch()]);
  });

  it('catches a removed stream and a stream added before the digest', async () => {
    store.tamper = (events) => events.filter((e) => e.streamId !== 'account-b');
    expect((await verify()).found.map((m) => m.detail)).toEqual([expect.stringMatching(/\(1 streams\) do not give .* \(2 streams\)/)]);
    store.tamper = (events) => [
      { ...defined(events[0], 'first'), streamId: 'account-c', position: { commit: -5n, prepare: -5n } },
      ...events,
    ];
    expect(named((await verify()).found)).toEqual([expect.stringMatching(/^hash account-c@0 /), await rootMismatch()]);
  });

  it('cannot see a deleted last event that no digest recorded yet (why digests are written)', async () => {
    store.tamper = (events) => events.filter((e) => !at('account-a', 3n)(e));
    expect((await verify()).found).toEqual([]);
  });

  it('catches a missing event in the middle and events out of order', async () => {
    store.tamper = (events) => events.filter((e) => !at('account-a', 1n)(e));
    expect(named((await verify()).found)).toEqual([expect.stringMatching(/^revision account-a@2 /)]);

    store.tamper = (events) => {
      const i = events.findIndex(at('account-b', 0n));
      const j = events.findIndex(at('account-b', 1n));
      const [first, second] = [defined(events[i], 'account-b@0'), defined(events[j], 'account-b@1')];
      const swapped = [...events];
      [swapped[i], swapped[j]] = [
        { ...second, position: first.position },
        { ...first, position: second.position },
      ];
      return swapped;
    };
    const kinds = (await verify()).found.map((m) => `${m.kind} ${m.streamId}@${m.revision}`);
    expect(kinds).toEqual(expect.arrayContaining(['revision account-b@1', 'revision account-b@0']));
  });

  it('reports a digest signed by another key, or with no key to check it', async () => {
    expect(named((await verify(newKey().publicKey)).found)).toEqual([
      expect.stringMatching(/^digest-signature auditdigest-\d{4}-\d\d-\d\d@0 /),
    ]);
    const found: AuditMismatch[] = [];
    const verifier = new ChainVerifier(store, null, (m) => found.push(m));
    for await (const event of store.readAll()) await verifier.check(event);
    expect(found.map((m) => m.detail)).toEqual(['no audit public key to check the signature with']);
  });

  it('reports events written without a hash', async () => {
    await store.appendToStream('account-a', [{ id: 'raw', type: 'Raw', data: {}, metadata: { ...context } }], 3n);
    expect(named((await verify()).found)).toEqual(['unchained account-a@4 raw']);
  });

  it('accepts a digest whose streams moved on between reading the heads and appending it', async () => {
    const tracker = new StreamHeadsTracker();
    await tracker.catchUp(store);
    await note('account-b', 3);
    await note('account-d', 0);
    await writeAuditDigest(store, tracker, key, 'tests');
    tracker.close();
    expect((await verify()).found).toEqual([]);
    rewrite(at('account-b', 2n), (e) => ({ ...e, metadata: { ...e.metadata, hash: 'f'.repeat(64) } }));
    expect(named((await verify()).found)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^hash account-b@2 /),
        expect.stringMatching(/^chain account-b@3 /),
        expect.stringMatching(/^digest-root auditdigest-\S+@1 /),
      ]),
    );
  });
});

/** Digests written before version 2 list every head: they stay in stores and must still verify. */
describe('ChainVerifier on a version-1 digest', () => {
  const key = newKey();
  let store: TamperedEventStore;
  const note = (streamId: string, n: number) => handleCommand(store, streamId, noter, () => n, context);
  const verify = async () => {
    const found: AuditMismatch[] = [];
    const verifier = new ChainVerifier(store, key.publicKey, (m) => found.push(m));
    for await (const event of store.readAll()) await verifier.check(event);
    return found.map((m) => `${m.kind} ${m.streamId}@${m.revision} ${m.eventId ?? '-'}`);
  };
  const at = (streamId: string, revision: bigint) => (e: RecordedEvent) => e.streamId === streamId && e.revision === revision;

  beforeEach(async () => {
    store = new TamperedEventStore(new InMemoryEventStore());
    for (let n = 0; n < 3; n += 1) await note('account-b', n);
    await note('account-a', 0);
    await appendAuditDigest(store, await version1DigestOf(store, key), 'tests', new Date());
    await note('account-b', 3);
  });
  afterEach(() => store.close());

  it('accepts it in an intact store, also with a version-2 digest after it', async () => {
    expect(await verify()).toEqual([]);
    const tracker = new StreamHeadsTracker();
    await tracker.catchUp(store);
    await writeAuditDigest(store, tracker, key, 'tests');
    tracker.close();
    expect(await verify()).toEqual([]);
  });

  it('names the truncated stream and the rewritten head it recorded', async () => {
    store.tamper = (events) => events.filter((e) => !at('account-a', 0n)(e));
    expect(await verify()).toEqual(['truncated account-a@0 -']);
    store.tamper = (events) =>
      events.map((e) =>
        at('account-b', 2n)(e) ? { ...e, metadata: { ...e.metadata, hash: computeEventHash({ ...e, data: { n: 9 } }) } } : e,
      );
    expect(await verify()).toEqual(expect.arrayContaining([expect.stringMatching(/^hash account-b@2 /), 'digest-head account-b@2 -']));
  });
});
