import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.resolve(import.meta.dirname, 'src/web');

/**
 * The web app lives in src/web and is built to dist/web, which the server
 * serves with an SPA fallback. The built index.html carries no inline script
 * (the server's CSP is `script-src 'self'`).
 */
export default defineConfig({
  root,
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    // Keep everything in files: no data: URIs for scripts or fonts.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npx vite` for development: the API runs separately (PORT=3200 node src/cli/main.ts serve --demo).
    proxy: { '/api': { target: process.env.EXITDESK_API ?? 'http://127.0.0.1:3200', changeOrigin: false } },
  },
});
