import { describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH, scanInput } from './text-input.ts';

describe('scanInput', () => {
  it('finds a NUL in a nested value or key and names where', () => {
    expect(scanInput({ a: 'x', b: [{ c: 'ok' }, { d: 'bad\u0000' }] })).toEqual({ kind: 'nul', path: ['b', '1', 'd'] });
    expect(scanInput({ outer: { ['k\u0000ey']: 1 } })).toEqual({ kind: 'nul', path: ['outer', 'key'] });
    expect(scanInput('\u0000')).toEqual({ kind: 'nul', path: [] });
  });
  it('passes ordinary text, including other control characters and emoji', () => {
    expect(scanInput({ q: 'Ünïcødé 🙂 \t\n\u0001', n: 3, b: true, z: null })).toBeNull();
    expect(scanInput(undefined)).toBeNull();
  });
  it('refuses hostile nesting without overflowing the stack (a recursive walk crashed on 400,000 levels)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 400_000; i++) deep = [deep];
    const found = scanInput(deep);
    expect(found?.kind).toBe('too_deep');
    expect(found?.path).toHaveLength(MAX_INPUT_DEPTH);
    let ok: unknown = 'fine';
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) ok = { a: ok };
    expect(scanInput(ok)).toBeNull();
  });
});
