import { describe, expect, it } from 'vitest';
import { findNulPath } from './text-input.ts';

describe('findNulPath', () => {
  it('finds a NUL in a nested value or key and names where', () => {
    expect(findNulPath({ a: 'x', b: [{ c: 'ok' }, { d: 'bad\u0000' }] })).toEqual(['b', '1', 'd']);
    expect(findNulPath({ ['k\u0000ey']: 1 })).toEqual(['key']);
    expect(findNulPath('\u0000')).toEqual([]);
  });
  it('passes ordinary text, including other control characters and emoji', () => {
    expect(findNulPath({ q: 'Ünïcødé 🙂 \t\n\u0001', n: 3, b: true, z: null })).toBeNull();
    expect(findNulPath(undefined)).toBeNull();
  });
});
