import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/** No Exitdesk request nests deeper than this; anything deeper is refused before any walk could overflow. */
export const MAX_INPUT_DEPTH = 32;

type Found = { kind: 'nul'; path: string[] } | { kind: 'too_deep'; path: string[] } | null;

/**
 * Where the first NUL character sits in a parsed input (in a value or a key), or
 * that the input nests too deeply. Iterative, so hostile nesting cannot exhaust
 * the stack; the path is built only for the answer.
 */
export function scanInput(value: unknown): Found {
  type Frame = { v: unknown; key: string; parent: number; depth: number };
  const frames: Frame[] = [{ v: value, key: '', parent: -1, depth: 0 }];
  const pathOf = (i: number, last?: string) => {
    const out: string[] = last === undefined ? [] : [last];
    for (let at = i; at > 0; at = frames[at]!.parent) out.unshift(frames[at]!.key);
    return out;
  };
  for (let i = 0; i < frames.length; i++) {
    const { v, depth } = frames[i]!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { kind: 'nul', path: pathOf(i) };
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { kind: 'too_deep', path: pathOf(i) };
    if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) frames.push({ v: v[k], key: String(k), parent: i, depth: depth + 1 });
    } else {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return { kind: 'nul', path: pathOf(i, k.replaceAll('\u0000', '')) };
        frames.push({ v: child, key: k, parent: i, depth: depth + 1 });
      }
    }
  }
  return null;
}

/**
 * PostgreSQL text cannot hold the NUL character; a string carrying one would
 * reach the driver and fail as a 500. No human types it, so every request part
 * is checked once here, for every route, before its own validation.
 */
export function installTextInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [['params', request.params], ['query', request.query], ['body', request.body]] as const) {
      const found = scanInput(value);
      if (!found) continue;
      const path = found.path.join('.') || part;
      throw new AppError(400, 'validation_failed', 'Some fields need attention', [found.kind === 'nul'
        ? { path, code: 'invalid_characters', message: 'Contains a character that cannot be stored (NUL)' }
        : { path, code: 'too_deep', message: `Nested more than ${MAX_INPUT_DEPTH} levels deep` }]);
    }
  });
}
