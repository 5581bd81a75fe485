import { createHash } from 'node:crypto';
import { compareStreamIds, headLeafHash, MerkleRootBuilder } from './heads-merkle-root';

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const node = (left: Buffer, right: Buffer) => sha256(Buffer.of(1), left, right);

/** RFC 6962's definition, recursively: what the streaming builder must equal. */
function rfc6962Root(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0] as Buffer;
  let split = 1;
  while (split * 2 < leaves.length) split *= 2;
  return node(rfc6962Root(leaves.slice(0, split)), rfc6962Root(leaves.slice(split)));
}

describe('the Merkle root of the stream heads', () => {
  const leaves = Array.from({ length: 40 }, (_, i) => headLeafHash(`account-${i}`, BigInt(i), 'ab'.repeat(32)));

  it('hashes a head as 0x00 and its canonical JSON', () => {
    const json = '{"hash":"' + 'ab'.repeat(32) + '","revision":"7","stream":"account-é"}';
    expect(headLeafHash('account-é', 7n, 'ab'.repeat(32))).toEqual(sha256(Buffer.of(0), Buffer.from(json, 'utf8')));
  });

  it("equals RFC 6962's tree for every count from 0 to 40, keeping log2(n) hashes", () => {
    for (let n = 0; n <= leaves.length; n += 1) {
      const builder = new MerkleRootBuilder();
      for (const leaf of leaves.slice(0, n)) builder.add(leaf);
      expect(builder.root()).toBe(rfc6962Root(leaves.slice(0, n)).toString('hex'));
      expect(builder.leaves).toBe(n);
    }
  });

  it('changes when one head changes, is added, is removed or two swap', () => {
    const rootOf = (list: Buffer[]) => {
      const builder = new MerkleRootBuilder();
      for (const leaf of list) builder.add(leaf);
      return builder.root();
    };
    const intact = rootOf(leaves);
    const changed = [...leaves];
    changed[17] = headLeafHash('account-17', 16n, 'ab'.repeat(32));
    const swapped = [...leaves];
    [swapped[3], swapped[4]] = [leaves[4] as Buffer, leaves[3] as Buffer];
    for (const other of [changed, leaves.slice(0, -1), [...leaves, leaves[0] as Buffer], swapped]) expect(rootOf(other)).not.toBe(intact);
  });

  it('orders stream ids by their UTF-8 bytes, as SQLite does', () => {
    const ids = ['b', 'a\u{1F600}', 'a\uFFFD', 'a', 'ab', 'A'];
    const byBytes = [...ids].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...ids].sort(compareStreamIds)).toEqual(byBytes);
    expect(byBytes).toEqual(['A', 'a', 'ab', 'a\uFFFD', 'a\u{1F600}', 'b']);
  });
});
