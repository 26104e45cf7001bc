#!/usr/bin/env node
// Thin launcher: Node 24 runs the TypeScript sources directly (type stripping).
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(`Exitdesk needs Node.js 24 or newer; this is ${process.version}.\n`);
  process.exit(1);
}
await import('../src/cli/main.ts');
