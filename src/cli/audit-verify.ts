import { createLogger } from '../server/platform/config/logger.ts';
import { loadConfig } from '../server/platform/config/config.ts';
import { verifyAudit } from '../server/platform/audit/verify.ts';
import { openRuntime } from '../server/runtime.ts';

export async function auditVerifyCommand(o: { json: boolean }): Promise<void> {
  const config = loadConfig();
  const runtime = await openRuntime(config, createLogger('warn'), { shareRunning: true });
  let exitCode = 0;
  try {
    const { db, signer } = runtime.ctx;
    const started = Date.now();
    const progress = process.stderr.isTTY && !o.json
      ? (done: number, total: number) => process.stderr.write(`\r  verifying ${done.toLocaleString('en')} / ${total.toLocaleString('en')} entries`)
      : undefined;
    const report = await verifyAudit({ db, publicKey: signer.publicKey, onProgress: progress });
    if (progress) process.stderr.write('\n');
    const seconds = (Date.now() - started) / 1000;
    if (o.json) {
      process.stdout.write(JSON.stringify({ ...report, seconds }) + '\n');
    } else if (report.ok) {
      process.stdout.write(`Audit log intact: ${report.entries} entries, ${report.checkpoints} signed checkpoints verified in ${seconds.toFixed(2)} s${report.pending ? ` (${report.pending} recent entries not sealed yet)` : ''}.\n`);
    } else {
      process.stdout.write(`AUDIT LOG DAMAGED: ${report.firstProblem?.message}\n`);
    }
    if (!report.ok) exitCode = 1;
  } finally {
    await runtime.close();
  }
  process.exitCode = exitCode;
}
