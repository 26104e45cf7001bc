import { hash } from 'node:crypto';

/*
 * RFC 9162 §2.1.1 hashes: leaves and interior nodes use distinct prefixes. The one-shot
 * crypto.hash over one buffer is ~1.6× faster than a Hash object per call for inputs this
 * small, and verify computes about two of these per entry.
 */
export function leafHash(data: Buffer): Buffer {
  const input = Buffer.allocUnsafe(data.length + 1);
  input[0] = 0;
  data.copy(input, 1);
  return hash('sha256', input, 'buffer');
}

/** The leaf hash of a text's UTF-8 bytes without building them first: U+0000 is the one byte 0x00 in UTF-8. */
export function leafHashOfText(text: string): Buffer {
  return hash('sha256', '\0' + text, 'buffer');
}

// verify hashes about a million interior nodes per million entries: one scratch input instead of a
// buffer each (hash() is synchronous, so nothing else can write it in between).
const nodeInput = Buffer.alloc(65);

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length === 32 && right.length === 32) {
    nodeInput[0] = 1;
    left.copy(nodeInput, 1);
    right.copy(nodeInput, 33);
    return hash('sha256', nodeInput, 'buffer');
  }
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 1;
  left.copy(input, 1);
  right.copy(input, 1 + left.length);
  return hash('sha256', input, 'buffer');
}

export const EMPTY_ROOT = hash('sha256', Buffer.alloc(0), 'buffer');

/**
 * The right edge of a Merkle tree of `size` leaves: one perfect-subtree hash per
 * set bit of size, largest first. Enough to append leaves and compute the root.
 */
export type Frontier = { size: number; hashes: Buffer[] };

export function emptyFrontier(): Frontier {
  return { size: 0, hashes: [] };
}

export function appendLeaf(f: Frontier, leaf: Buffer): Frontier {
  return appendSubtree(f, leaf, 0);
}

/**
 * Appends a perfect subtree of 2^level leaves, given its root, to a tree whose size
 * is a multiple of 2^level (with level 0 this is one leaf). Each 1-bit of the old
 * size above `level`, lowest first, is a perfect subtree that merges with its right sibling.
 */
export function appendSubtree(f: Frontier, root: Buffer, level: number): Frontier {
  const width = 2 ** level;
  if (f.size % width !== 0) throw new Error(`a subtree of ${width} leaves cannot follow ${f.size}`);
  const hashes = [...f.hashes, root];
  let carry = f.size / width;
  while (carry % 2 === 1) {
    const right = hashes.pop()!;
    const left = hashes.pop()!;
    hashes.push(nodeHash(left, right));
    carry = Math.floor(carry / 2);
  }
  return { size: f.size + width, hashes };
}

/**
 * Every level of the perfect tree over `count` (a power of two) 32-byte leaf hashes packed
 * in `leaves`, each level packed the same way: [leaves, …, root]. Node i of level k is
 * bytes [32i, 32i + 32) of levels[k].
 */
export function perfectLevels(leaves: Buffer, count: number): Buffer[] {
  const levels = [leaves.subarray(0, count * 32)];
  for (let n = count; n > 1; n /= 2) {
    const below = levels[levels.length - 1]!;
    const up = Buffer.allocUnsafe(n * 16);
    nodeInput[0] = 1;
    for (let i = 0; i < n; i += 2) {
      below.copy(nodeInput, 1, i * 32, i * 32 + 64);
      hash('sha256', nodeInput, 'buffer').copy(up, i * 16);
    }
    levels.push(up);
  }
  return levels;
}

/** The root of a perfect tree given by its levels. */
export function rootOfLevels(levels: Buffer[]): Buffer {
  return levels[levels.length - 1]!.subarray(0, 32);
}

/**
 * The perfect subtrees, largest first, that make up the first `m` leaves of a perfect
 * tree given by its levels — what a frontier of size m holds. Placed after a frontier
 * whose size is a multiple of the tree's width, they give the frontier at that size plus m.
 */
export function prefixSubtrees(levels: Buffer[], m: number): Buffer[] {
  const out: Buffer[] = [];
  let offset = 0;
  for (let k = levels.length - 1; k >= 0; k--) {
    const width = 2 ** k;
    if (m & width) {
      const i = offset / width;
      out.push(levels[k]!.subarray(i * 32, i * 32 + 32));
      offset += width;
    }
  }
  return out;
}

export function rootOf(f: Frontier): Buffer {
  if (f.size === 0) return EMPTY_ROOT;
  let acc = f.hashes[f.hashes.length - 1]!;
  for (let i = f.hashes.length - 2; i >= 0; i--) acc = nodeHash(f.hashes[i]!, acc);
  return acc;
}

/** Reference definition (RFC 9162 MTH), used by tests to check the frontier arithmetic. */
export function merkleTreeHash(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(merkleTreeHash(leaves.slice(0, k)), merkleTreeHash(leaves.slice(k)));
}
