import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/** Where in a parsed input the first NUL character sits (in a value or a key), or null. */
export function findNulPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulPath(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return [...path, k.replaceAll('\u0000', '')];
      const found = findNulPath(v, [...path, k]);
      if (found) return found;
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
      const at = findNulPath(value);
      if (at) {
        const path = at.join('.') || part;
        throw new AppError(400, 'validation_failed', 'Some fields need attention', [
          { path, code: 'invalid_characters', message: 'Contains a character that cannot be stored (NUL)' },
        ]);
      }
    }
  });
}
