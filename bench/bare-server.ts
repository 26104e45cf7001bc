// The ceiling: a bare Fastify route doing one indexed select on the same database,
// with no session, policy, audit or encryption. Exitdesk is compared against it.
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';

const dataDir = process.env.EXITDESK_DATA_DIR!;
const { runtimeUrl } = JSON.parse(fs.readFileSync(path.join(dataDir, 'run-endpoint.json'), 'utf8')) as { runtimeUrl: string };
const pool = new pg.Pool({ connectionString: runtimeUrl, max: 20 });
const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/bare/cases/:id', async (request, reply) => {
  const r = await pool.query('select id, codename, status, created_at from cases where id = $1', [request.params.id]);
  if (r.rowCount === 0) return reply.code(404).send({ error: 'not found' });
  return r.rows[0];
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => { void app.close().then(() => pool.end()).then(() => process.exit(0)); });
