import { createLogger } from '../server/platform/config/logger.ts';
import { loadConfig } from '../server/platform/config/config.ts';
import { loadDemo, printDemoLogins } from '../server/modules/demo/load-demo.ts';
import { openRuntime } from '../server/runtime.ts';

export async function demoCommand(o: { cases: number }): Promise<void> {
  if (!Number.isInteger(o.cases) || o.cases < 1 || o.cases > 1000) throw new Error('--cases must be a whole number from 1 to 1000');
  const config = loadConfig();
  const runtime = await openRuntime(config, createLogger('warn'), { shareRunning: true });
  try {
    const logins = await loadDemo({ ctx: runtime.ctx, cases: o.cases });
    if (!logins) process.stdout.write('Exitdesk already has data; the demo programme was not loaded.\n');
    else printDemoLogins(logins, runtime.ctx.baseUrl);
  } finally {
    await runtime.close();
  }
}
