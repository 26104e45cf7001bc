import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../testing/harness.ts';
import { smallInstrument } from './test-helpers.ts';

const MAIN = path.resolve(import.meta.dirname, '../../../cli/main.ts');
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-instruments-'));
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function exitdesk(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { ...process.env, DATABASE_URL: db.appUrl, DATABASE_OWNER_URL: db.ownerUrl, EXITDESK_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('exitdesk instruments import', () => {
  it('prints every problem with its place and exits 1; loads a good file as the system, audited; refuses a loaded version', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify(smallInstrument((f) => {
      (f.domains as { items: { code: string }[] }[])[1]!.items[1]!.code = 'T2';
      f.scale = [];
    })));
    const refused = await exitdesk(['instruments', 'import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('(2 problems)');
    expect(refused.err).toContain('  scale: must not be empty\n');
    expect(refused.err).toContain('  domains[1].items[1].code: duplicate code "T2" (first at domains[0].items[1])\n');

    const good = path.join(dir, 'good.json');
    const file = smallInstrument();
    fs.writeFileSync(good, JSON.stringify(file));
    const loaded = await exitdesk(['instruments', 'import', good]);
    expect(loaded.code, loaded.err).toBe(0);
    const out = JSON.parse(loaded.out.trim().split('\n').pop()!);
    expect(out).toMatchObject({ key: file.key, version: '1' });

    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      const rows = await owner.query('select builtin, imported_by from risk_instruments where id = $1', [out.id]);
      expect(rows.rows).toEqual([{ builtin: false, imported_by: null }]);
      const audit = await owner.query(`select actor_id, outcome, request_id from audit_events where action = 'risk.instrument.import' and object_id = $1`, [out.id]);
      expect(audit.rows).toEqual([{ actor_id: null, outcome: 'success', request_id: 'cli:instruments-import' }]);
    } finally {
      await owner.end();
    }

    const twice = await exitdesk(['instruments', 'import', good]);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain(`Version "1" of the instrument "${file.key}" is already loaded`);
  }, 60_000);
});
