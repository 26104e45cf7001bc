import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendLeaf, appendSubtree, emptyFrontier, EMPTY_ROOT, leafHash, leafHashOfText, merkleTreeHash, nodeHash, perfectLevels, prefixSubtrees, rootOf, rootOfLevels, type Frontier } from './merkle.ts';

describe('RFC 9162 Merkle tree', () => {
  it('hashes leaves and nodes with distinct prefixes', () => {
    const leaf = leafHash(Buffer.from('a'));
    expect(leaf.equals(createHash('sha256').update(Buffer.from([0, 0x61])).digest())).toBe(true);
    expect(nodeHash(leaf, leaf).equals(createHash('sha256').update(Buffer.concat([Buffer.of(1), leaf, leaf])).digest())).toBe(true);
    expect(rootOf(emptyFrontier()).equals(EMPTY_ROOT)).toBe(true);
    // Fixed values (RFC 6962/9162 test vectors): leaves sealed by any earlier version must still verify.
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('incremental frontier gives the same root as the recursive definition, for every size', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 8 }), { minLength: 1, maxLength: 70 }), (items) => {
      const leaves = items.map((d) => leafHash(Buffer.from(d)));
      let f = emptyFrontier();
      for (const [i, l] of leaves.entries()) {
        f = appendLeaf(f, l);
        expect(rootOf(f).toString('hex')).toBe(merkleTreeHash(leaves.slice(0, i + 1)).toString('hex'));
      }
    }), { numRuns: 50 });
  });

  it('changes the root when any leaf changes or two leaves swap', () => {
    const leaves = [0, 1, 2, 3, 4].map((i) => leafHash(Buffer.from([i])));
    const root = merkleTreeHash(leaves);
    const swapped = [leaves[0]!, leaves[2]!, leaves[1]!, leaves[3]!, leaves[4]!];
    expect(merkleTreeHash(swapped).equals(root)).toBe(false);
    const edited = [...leaves];
    edited[4] = leafHash(Buffer.from([9]));
    expect(merkleTreeHash(edited).equals(root)).toBe(false);
  });

  it('hashes a text like its UTF-8 bytes, whatever the characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const json = JSON.stringify([text]);
      expect(leafHashOfText(json).equals(leafHash(Buffer.from(json, 'utf8')))).toBe(true);
    }), { numRuns: 300 });
  });

  it('appends whole pages as perfect subtrees with the same roots as leaf by leaf', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 6 }), (level, pages) => {
      const width = 2 ** level;
      let byLeaf: Frontier = emptyFrontier();
      let byPage: Frontier = emptyFrontier();
      let n = 0;
      // Pages of 2^level leaves, so every size is a multiple of the width, as in verify.
      for (const count of pages) {
        for (let p = 0; p < count; p++) {
          const leaves = Buffer.concat(Array.from({ length: width }, () => leafHash(Buffer.from(String(n++)))));
          const levels = perfectLevels(leaves, width);
          // Every prefix of the page, placed after the frontier so far, is the frontier leaf by leaf would have there.
          let partial = byLeaf;
          for (let m = 1; m < width; m++) {
            partial = appendLeaf(partial, leaves.subarray((m - 1) * 32, m * 32));
            const viaPrefix = { size: byPage.size + m, hashes: [...byPage.hashes, ...prefixSubtrees(levels, m)] };
            expect(rootOf(viaPrefix).equals(rootOf(partial))).toBe(true);
          }
          for (let i = 0; i < width; i++) byLeaf = appendLeaf(byLeaf, leaves.subarray(i * 32, i * 32 + 32));
          byPage = appendSubtree(byPage, rootOfLevels(levels), level);
          expect(byPage.size).toBe(byLeaf.size);
          expect(rootOf(byPage).equals(rootOf(byLeaf))).toBe(true);
          expect(byPage.hashes.map((h) => h.toString('hex'))).toEqual(byLeaf.hashes.map((h) => h.toString('hex')));
        }
      }
    }), { numRuns: 60 });
    expect(() => appendSubtree(appendLeaf(emptyFrontier(), EMPTY_ROOT), EMPTY_ROOT, 1)).toThrow(/cannot follow/);
  });
});
