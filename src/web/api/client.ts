import type { FieldError } from '../../contracts/errors.ts';

/** A failed API call: the server's stable error code, for translation, plus its field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly correlationId: string | undefined;
  constructor(status: number, code: string, message: string, fields: FieldError[] = [], correlationId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.correlationId = correlationId;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

type Listener = () => void;
const sessionLostListeners = new Set<Listener>();

/** Called when the server says the session is gone (expired, ended elsewhere, account disabled). */
export function onSessionLost(listener: Listener): () => void {
  sessionLostListeners.add(listener);
  return () => { sessionLostListeners.delete(listener); };
}

export function notifySessionLost(): void {
  for (const l of sessionLostListeners) l();
}

function parseErrorBody(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'error' in body) {
    const b = body as { error?: { code?: unknown; message?: unknown; fields?: unknown }; correlationId?: unknown };
    const code = typeof b.error?.code === 'string' ? b.error.code : 'unknown';
    const message = typeof b.error?.message === 'string' ? b.error.message : '';
    const fields = Array.isArray(b.error?.fields) ? (b.error.fields as FieldError[]).filter((f) => f && typeof f.path === 'string' && typeof f.code === 'string') : [];
    const correlationId = typeof b.correlationId === 'string' ? b.correlationId : undefined;
    return new ApiError(status, code, message, fields, correlationId);
  }
  return new ApiError(status, status >= 500 ? 'internal' : 'unknown', '');
}

/**
 * Same-origin JSON request with the session cookie. Never logs, never caches
 * (the server sends no-store as well).
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'Exitdesk cannot be reached.');
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try { json = JSON.parse(text); } catch { json = undefined; }
  }
  if (!res.ok) throw parseErrorBody(res.status, json);
  return json as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body);
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body);

/** Builds an API path with encoded segments: `apiPath('/api/cases', id, 'notes')`. */
export function apiPath(base: string, ...segments: string[]): string {
  return [base, ...segments.map((s) => encodeURIComponent(s))].join('/');
}
