import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { sealPending } from './seal.ts';
import type { CheckpointSigner } from './signing.ts';

/**
 * Seals new audit events every interval. Runs in every instance; an advisory
 * lock inside sealPending makes exactly one of them do the work each round.
 */
export function startSealer(opts: { db: Db; signer: CheckpointSigner; intervalMs: number; checkpointEveryMs: number; logger: Logger }): { stop: () => Promise<void> } {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  let sealedBefore = 0;
  const tick = () => {
    if (running || stopped) return;
    running = sealPending({ db: opts.db, signer: opts.signer, checkpointEveryMs: opts.checkpointEveryMs, sealedBefore })
      .then((r) => { if (r.xmin !== null) sealedBefore = Math.max(sealedBefore, r.xmin); })
      .catch((e: Error) => opts.logger.warn({ errType: e.name, code: (e as { code?: string }).code }, 'audit sealing deferred'))
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, opts.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
      // Seal what the last requests wrote, with a checkpoint, before shutting down.
      await sealPending({ db: opts.db, signer: opts.signer, checkpointEveryMs: opts.checkpointEveryMs, force: true }).catch(() => undefined);
    },
  };
}
