import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CommandContext, handleCommand } from './handle-command';
import { writeAuditDigest } from './write-audit-digest';
import { JsonObject } from '../event-store.port';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { auditKeyId, isAuditDigestStream } from '../audit-chain/audit-digest';
import { linkHashOf } from '../audit-chain/event-hash';
import { compareStreamIds, headLeafHash, MerkleRootBuilder } from '../audit-chain/heads-merkle-root';
import { StreamHeadsTracker } from '../audit-chain/stream-heads';

const context: CommandContext = { correlationId: 'c', causationId: null, actor: 'tests', ip: null, userAgent: null };
const noter = {
  initialState: () => 0,
  evolve: (count: number) => count + 1,
  decide: (n: number) => [{ type: 'Noted', data: { n } }],
  decode: (type: string, data: JsonObject) => ({ type, data: data as { n: number } }),
};
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const key = { privateKey, publicKey, keyId: auditKeyId(publicKey) };

describe('StreamHeadsTracker', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });
  afterEach(() => store.close());

  const noteIn = async (streams: number, from = 0) => {
    for (let i = from; i < streams; i += 1) await handleCommand(store, `account-${(i * 7919) % 1000}-${i}`, noter, () => i, context);
  };

  it('signs the root of the last head of every stream, in stream id order, and removes its scratch file on close', async () => {
    await noteIn(30);
    await noteIn(10);
    const parent = mkdtempSync(join(tmpdir(), 'stream-heads-spec-'));
    const tracker = new StreamHeadsTracker(parent);
    await tracker.catchUp(store);
    expect(readdirSync(parent)).toEqual([expect.stringMatching(/^identity-stream-heads-/)]);
    await writeAuditDigest(store, tracker, key, 'tests');
    await noteIn(31, 30);
    await tracker.catchUp(store);
    expect(tracker.changedSinceLastDigest()).toBe(true);
    const heads = new Map<string, Buffer>();
    for await (const event of store.readAll())
      if (!isAuditDigestStream(event.streamId)) heads.set(event.streamId, headLeafHash(event.streamId, event.revision, linkHashOf(event)));
    const expected = new MerkleRootBuilder();
    for (const id of [...heads.keys()].sort(compareStreamIds)) expected.add(heads.get(id) as Buffer);
    expect(tracker.headsRoot()).toEqual({ root: expected.root(), streamCount: 31 });
    tracker.close();
    expect(readdirSync(parent)).toEqual([]);
    rmSync(parent, { recursive: true });
  });

  it('writes a digest whose size does not grow with the number of streams', async () => {
    const digestBytes = async () => {
      const tracker = new StreamHeadsTracker();
      try {
        await tracker.catchUp(store);
        const written = await writeAuditDigest(store, tracker, key, 'tests');
        const [digest] = await store.readStream(written.streamId, written.revision);
        return Buffer.byteLength(JSON.stringify(digest?.data));
      } finally {
        tracker.close();
      }
    };
    await noteIn(10);
    const ten = await digestBytes();
    await noteIn(99, 10);
    const ninetyNine = await digestBytes();
    await noteIn(1000, 99);
    // Only the digits of streamCount and coversPosition grow.
    expect(ninetyNine - ten).toBeLessThanOrEqual(2);
    expect((await digestBytes()) - ten).toBeLessThanOrEqual(6);
  });
});
