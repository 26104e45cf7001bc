import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../dist/web');

/**
 * Serves the built web app. Unknown non-API paths get index.html so the
 * client-side router can take over; API paths keep their JSON 404.
 */
export async function installWebAssets(app: FastifyInstance): Promise<void> {
  const hasBuild = fs.existsSync(path.join(webDistDir, 'index.html'));
  await app.register(fastifyStatic, { root: hasBuild ? webDistDir : path.dirname(webDistDir), serve: false });
  app.get('/*', { config: { access: { public: 'the web app shell and its static assets' } }, schema: { hide: true } }, async (request, reply) => {
    const url = (request.params as { '*': string })['*'] ?? '';
    if (url.startsWith('api/') || url === 'api') return reply.callNotFound();
    if (!hasBuild) {
      return reply.code(503).type('text/plain').send('The web app is not built yet. Run `npm run build:web` (npm start does this for you).');
    }
    const clean = path.normalize(url).replace(/^(\.\.[/\\])+/, '');
    const file = path.join(webDistDir, clean);
    if (clean && file.startsWith(webDistDir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      // Hashed asset names never change content, so they may be cached; index.html may not.
      if (clean.startsWith('assets/')) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      return reply.sendFile(clean);
    }
    reply.header('Cache-Control', 'no-store');
    return reply.sendFile('index.html');
  });
}
