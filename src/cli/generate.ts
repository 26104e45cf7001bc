import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createLogger } from '../server/platform/config/logger.ts';
import { loadConfig } from '../server/platform/config/config.ts';
import { generateFictionalData } from '../server/modules/demo/generate.ts';
import { openRuntime } from '../server/runtime.ts';

function bar(done: number, total: number, started: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const secs = (Date.now() - started) / 1000;
  return `\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')} / ${total.toLocaleString('en')} cases  ${secs.toFixed(1)} s`;
}

/** `exitdesk generate --cases N`: fictional bulk data for trying Exitdesk at scale and for benchmarks. */
export async function generateCommand(o: { cases: number; notes: number; assignEmail?: string | undefined; assignCount: number; alongsideRealData: boolean }): Promise<void> {
  if (!Number.isInteger(o.cases) || o.cases < 1 || o.cases > 2_000_000) throw new Error('--cases must be a whole number from 1 to 2,000,000');
  if (!Number.isInteger(o.notes) || o.notes < 0 || o.notes > 50) throw new Error('--notes must be a whole number from 0 to 50');
  const runtime = await openRuntime(loadConfig(), createLogger('warn'), { shareRunning: true });
  try {
    // Fictional cases mixed into a real caseload would be indistinguishable in lists and reports.
    const real = (await runtime.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from cases c join programmes p on p.id = c.programme_id
      where p.name not like '%(generated)'`)).rows[0]?.n ?? 0;
    if (real > 0 && !o.alongsideRealData) {
      throw new Error(`This database already holds ${real} case(s) that were not generated. Generate into a separate data directory or database; `
        + 'if those cases are fictional too (e.g. the demo), add --alongside-real-data.');
    }
    let assign: { staffId: string; count: number } | undefined;
    if (o.assignEmail) {
      const found = (await runtime.ctx.db.execute<{ id: string }>(sql`select id from staff where email = ${o.assignEmail.toLowerCase()}`)).rows[0];
      if (!found) throw new Error(`No staff account has the e-mail address ${o.assignEmail}`);
      assign = { staffId: found.id, count: o.assignCount };
    }
    const started = Date.now();
    const tty = process.stderr.isTTY;
    const result = await generateFictionalData({
      db: runtime.ctx.db, keyring: runtime.ctx.keyring, cases: o.cases, notesPerCase: o.notes, ...(assign ? { assign } : {}),
      analyze: async (tables) => {
        const owner = new pg.Client({ connectionString: runtime.endpoints.ownerUrl });
        await owner.connect();
        try { await owner.query(`analyze ${tables.map((t) => owner.escapeIdentifier(t)).join(', ')}`); } finally { await owner.end(); }
      },
      onProgress: (done, total) => process.stderr.write(tty ? bar(done, total, started) : `${bar(done, total, started).slice(1)}\n`),
    });
    if (tty) process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await runtime.close();
  }
}
