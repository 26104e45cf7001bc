import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FieldError } from '../../../contracts/errors.ts';
import { isDatabaseUnavailable } from '../db/client.ts';

/** A client error with a stable code the web app translates. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[] | undefined;
  constructor(status: number, code: string, message: string, fields?: FieldError[]) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** Out of scope and nonexistent are deliberately indistinguishable. */
export const notFound = () => new AppError(404, 'not_found', 'Not found');
export const forbidden = () => new AppError(403, 'forbidden', 'You are not allowed to do this');
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'Please sign in');
export const fieldError = (status: number, path: string, code: string, message: string) =>
  new AppError(status, code, message, [{ path, code, message }]);

type ValidationItem = { keyword?: string; instancePath?: string; message?: string; params?: Record<string, unknown> };

/** One field error per zod issue; the code is zod's (too_small, invalid_type, unrecognized_keys…), for translation. */
function toFieldErrors(v: ValidationItem, part: string): FieldError[] {
  const params: Record<string, string | number | boolean> = {};
  for (const k of ['minimum', 'maximum', 'expected', 'format', 'origin'] as const) {
    const val = v.params?.[k];
    if (typeof val === 'number' || typeof val === 'string' || typeof val === 'boolean') params[k] = val;
    if (typeof val === 'bigint') params[k] = Number(val);
  }
  const base = (v.instancePath ?? '').split('/').filter(Boolean).join('.');
  const code = v.keyword ?? 'invalid';
  // Zod's messages never echo the input value, so they are safe to return.
  const message = v.message ?? 'Invalid value';
  const keys = v.params?.keys;
  if (code === 'unrecognized_keys' && Array.isArray(keys)) {
    return keys.map((k) => ({ path: base ? `${base}.${String(k)}` : String(k), code, message: `Unknown field "${String(k)}"` }));
  }
  return [{ path: base || part, code, message, ...(Object.keys(params).length ? { params } : {}) }];
}

/**
 * What may be logged about an unexpected error: its type, the SQLSTATE and the
 * stack frames. Never the message or cause: driver and ORM messages quote SQL
 * parameters (e-mails, names, ciphertexts).
 */
export function safeErrorFields(err: unknown): { errType: string; sqlState?: string; frames: string } {
  const e = err as { name?: string; code?: unknown; cause?: { code?: unknown }; stack?: string };
  const code = typeof e?.cause?.code === 'string' ? e.cause.code : typeof e?.code === 'string' ? e.code : undefined;
  const frames = (e?.stack ?? '').split('\n').filter((l) => l.startsWith('    at ')).slice(0, 8).join('\n');
  return { errType: e?.name ?? typeof err, ...(code ? { sqlState: code } : {}), frames };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    const correlationId = request.id;
    if (err instanceof AppError) {
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) }, correlationId });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const part = (err as { validationContext?: string }).validationContext ?? 'body';
      const fields = err.validation.flatMap((v) => toFieldErrors(v as ValidationItem, part));
      return reply.code(400).send({ error: { code: 'validation_failed', message: 'Some fields need attention', fields }, correlationId });
    }
    const status = (err as FastifyError).statusCode;
    if (status === 413) return reply.code(413).send({ error: { code: 'body_too_large', message: 'The request is too large' }, correlationId });
    if (status === 415) return reply.code(415).send({ error: { code: 'unsupported_media_type', message: 'Send JSON (Content-Type: application/json)' }, correlationId });
    if (status && status >= 400 && status < 500) {
      // Fastify's own 4xx (malformed JSON, bad content length…): say what, without echoing input.
      const code = (err as FastifyError).code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'empty_body' : 'bad_request';
      return reply.code(status).send({ error: { code, message: code === 'empty_body' ? 'The request body is empty' : 'The request could not be read' }, correlationId });
    }
    if (isDatabaseUnavailable(err)) {
      request.log.error(safeErrorFields(err), 'database unavailable');
      return reply.code(503).send({ error: { code: 'database_unavailable', message: 'The database is not reachable right now. Please try again in a moment.' }, correlationId });
    }
    request.log.error(safeErrorFields(err), 'unexpected error');
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong' }, correlationId });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: { code: 'not_found', message: 'Not found' }, correlationId: request.id });
  });
}
