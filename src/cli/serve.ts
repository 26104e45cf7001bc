import { createLogger } from '../server/platform/config/logger.ts';
import { loadConfig } from '../server/platform/config/config.ts';
import { startServer } from '../server/runtime.ts';
import { issueSetupToken, setupLink } from '../server/modules/setup/setup-token.ts';
import { loadDemo, printDemoLogins } from '../server/modules/demo/load-demo.ts';

export async function serveCommand(opts: { demo: boolean }): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  const { ctx } = server.runtime;
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    await server.stop().catch((e: Error) => logger.error({ errType: e.name }, 'error while stopping'));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (opts.demo) {
    const logins = await loadDemo({ ctx, cases: 12 });
    if (logins) printDemoLogins(logins, server.url);
    else process.stdout.write('\nExitdesk already has data; the demo programme was not loaded again.\n');
  } else {
    const token = await issueSetupToken(ctx.db);
    if (token) {
      process.stdout.write(`\n  Exitdesk is not set up yet. Open this one-time link to create the organisation and the first manager:\n\n    ${setupLink(server.url, token)}\n\n  (It stays valid until it is used. Keep it private.)\n\n`);
    }
  }
  process.stdout.write(`Exitdesk is running at ${server.url}  (API documentation: ${server.url}/api/docs)\n`);
}
