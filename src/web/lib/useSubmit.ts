import { useCallback, useEffect, useRef, useState } from 'react';

export type SubmitResult<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Runs one async action at a time and tracks pending/error in component state
 * only. Used instead of a TanStack mutation where the input or the answer is
 * secret (passwords, codes, protected staff details), so nothing lingers in a cache.
 */
export function useSubmit<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mounted = useRef(true);
  const busy = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => { mounted.current = false; };
  }, []);
  const run = useCallback(async (...args: A): Promise<SubmitResult<R>> => {
    if (busy.current) return { ok: false, error: new Error('busy') };
    busy.current = true;
    setPending(true);
    setError(null);
    try {
      const value = await fn(...args);
      return { ok: true, value };
    } catch (err) {
      if (mounted.current) setError(err);
      return { ok: false, error: err };
    } finally {
      busy.current = false;
      if (mounted.current) setPending(false);
    }
  }, [fn]);
  const reset = useCallback(() => setError(null), []);
  return { run, pending, error, reset };
}
