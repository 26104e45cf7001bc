// Sums the JSON reports of the CI test passes into one line: "tests: N passed, N failed, N skipped".
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) continue;
  const r = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  if ('numPassedTests' in r) {
    passed += Number(r.numPassedTests);
    failed += Number(r.numFailedTests);
    skipped += Number(r.numPendingTests) + Number(r.numTodoTests ?? 0);
  } else if (r.stats && typeof r.stats === 'object') {
    const s = r.stats as { expected: number; unexpected: number; skipped: number; flaky: number };
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skipped += s.skipped;
  }
}
process.stdout.write(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
