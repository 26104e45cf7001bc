import type { Db } from '../db/client.ts';
import { auditRow, type AuditContext, type AuditEntry } from './record.ts';
import { auditEvents } from './tables.ts';

type Pending = { ctx: AuditContext; entry: AuditEntry; resolve: () => void; reject: (e: unknown) => void };

export type AuditBatcher = { record: (ctx: AuditContext, entry: AuditEntry) => Promise<void> };

/**
 * Writes the audit entries of concurrent reads with one multi-row INSERT and one
 * commit. Every caller waits until its own entry is committed before it returns
 * any data, and fails if the insert fails; only the commit is shared. While one
 * batch is being written, new entries queue for the next.
 */
export function createAuditBatcher(db: Db, opts: { maxBatch?: number } = {}): AuditBatcher {
  const max = opts.maxBatch ?? 256;
  let queue: Pending[] = [];
  let flushing = false;

  const flush = async (): Promise<void> => {
    if (flushing || queue.length === 0) return;
    flushing = true;
    const batch = queue.slice(0, max);
    queue = queue.slice(batch.length);
    try {
      await db.insert(auditEvents).values(batch.map(({ ctx, entry }) => auditRow(ctx, entry)));
      for (const p of batch) p.resolve();
    } catch (e) {
      for (const p of batch) p.reject(e);
    } finally {
      flushing = false;
      if (queue.length) void flush();
    }
  };

  return {
    record(ctx, entry) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ ctx, entry, resolve, reject });
        if (!flushing) void flush();
      });
    },
  };
}
