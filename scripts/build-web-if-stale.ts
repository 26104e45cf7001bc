/**
 * Builds the web app (vite build → dist/web) only when dist/web/index.html is
 * missing or older than any of its inputs. Run by `npm start` and `npm run test:e2e`:
 *
 *   node scripts/build-web-if-stale.ts
 *
 * Plain Node 24 with type stripping: erasable TypeScript only.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const output = path.join(root, 'dist/web/index.html');
const inputs = ['src/web', 'src/contracts', 'index.html', 'vite.config.ts', 'package-lock.json'];

/** Newest modification time under a file or folder (0 when it does not exist). */
function newestMtime(p: string): { mtime: number; file: string } {
  let best = { mtime: 0, file: p };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return best;
  }
  if (stat.isFile()) return { mtime: stat.mtimeMs, file: p };
  if (!stat.isDirectory()) return best;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const found = newestMtime(path.join(p, entry.name));
    if (found.mtime > best.mtime) best = found;
  }
  return best;
}

function staleReason(): string | null {
  let built: number;
  try {
    built = fs.statSync(output).mtimeMs;
  } catch {
    return 'no build yet';
  }
  for (const input of inputs) {
    const newest = newestMtime(path.join(root, input));
    if (newest.mtime > built) return `${path.relative(root, newest.file)} changed`;
  }
  return null;
}

const reason = staleReason();
if (!reason) {
  console.log('web app: dist/web is up to date');
  process.exit(0);
}

const started = Date.now();
const viteBin = path.join(root, 'node_modules/vite/bin/vite.js');
const result = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (result.error || result.status !== 0) {
  console.error(`web app: build failed${result.error ? ` (${result.error.message})` : ''}`);
  process.exit(result.status || 1);
}
if (!fs.existsSync(output)) {
  console.error('web app: build finished but dist/web/index.html is missing');
  process.exit(1);
}
console.log(`web app: built dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s (${reason})`);
