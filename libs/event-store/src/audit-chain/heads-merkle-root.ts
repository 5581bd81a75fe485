import { hash as oneShotHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * The Merkle tree a version-2 digest signs the root of (docs/audit.md): one leaf per stream head,
 * in the order of the stream ids' UTF-8 bytes, shaped as RFC 6962 (Certificate Transparency) shapes
 * its trees, so that one head's inclusion can be proved with log2(n) hashes:
 * - leaf = SHA-256(0x00 ‖ UTF-8 of canonical JSON `{"hash":…,"revision":"<decimal>","stream":…}`);
 * - node = SHA-256(0x01 ‖ left ‖ right), over the 32-byte digests;
 * - a tree of n > 1 leaves splits after the largest power of two below n; no leaves: SHA-256 of nothing.
 */
export function headLeafHash(streamId: string, revision: bigint, hash: string): Buffer {
  const leaf = canonicalJson({ hash, revision: revision.toString(), stream: streamId });
  return sha256(Buffer.concat([LEAF_PREFIX, Buffer.from(leaf, 'utf8')]));
}

const LEAF_PREFIX = Buffer.of(0);
const NODE_PREFIX = Buffer.of(1);
const sha256 = (bytes: Buffer): Buffer => oneShotHash('sha256', bytes, 'buffer');
const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.concat([NODE_PREFIX, left, right], 65));

/**
 * Builds the root from leaves given in order, keeping one hash per level (log2(n) hashes): the
 * complete subtrees so far, largest first, merged as soon as two of one size meet. At the end the
 * rest fold from the right, which is RFC 6962's split at the largest power of two.
 */
export class MerkleRootBuilder {
  private readonly subtrees: { leaves: number; hash: Buffer }[] = [];
  private added = 0;

  add(leaf: Buffer): void {
    this.added += 1;
    let top = { leaves: 1, hash: leaf };
    for (let last = this.subtrees.at(-1); last !== undefined && last.leaves === top.leaves; last = this.subtrees.at(-1)) {
      this.subtrees.pop();
      top = { leaves: last.leaves * 2, hash: nodeHash(last.hash, top.hash) };
    }
    this.subtrees.push(top);
  }

  get leaves(): number {
    return this.added;
  }

  /** Lower-case hex of the root. */
  root(): string {
    let root: Buffer | undefined;
    for (let i = this.subtrees.length - 1; i >= 0; i -= 1) {
      const subtree = this.subtrees[i]?.hash;
      if (subtree) root = root === undefined ? subtree : nodeHash(subtree, root);
    }
    return (root ?? sha256(Buffer.alloc(0))).toString('hex');
  }
}

/**
 * The leaf order: by the stream ids' UTF-8 bytes (SQLite's BINARY order), which is code point order.
 * UTF-16 units order the same but for surrogates (above U+FFFF) against U+E000–U+FFFF: shifted here.
 */
export function compareStreamIds(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const [x, y] = [a.charCodeAt(i), b.charCodeAt(i)];
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

const codePointRank = (unit: number): number => (unit < 0xd800 ? unit : unit < 0xe000 ? unit + 0x2000 : unit - 0x800);
