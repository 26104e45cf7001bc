import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { de } from './de.ts';
import { en } from './en.ts';

type Tree = { [k: string]: string | Tree };
const flat = (o: Tree, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [p + k] : flat(v, `${p}${k}.`)));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'i18n' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('translations', () => {
  const enKeys = new Set(flat(en as Tree));
  it('German has exactly the English keys, none empty', () => {
    expect(flat(de as Tree).sort()).toEqual([...enKeys].sort());
    for (const k of flat(de as Tree)) expect(k.split('.').reduce<Tree | string>((o, s) => (o as Tree)[s]!, de as Tree)).not.toBe('');
  });
  it('every literal key used in the web app exists', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(path.resolve(import.meta.dirname, '..'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\('([^']+)'/g)) {
        const k = m[1]!;
        if (!enKeys.has(k) && !enKeys.has(`${k}_one`)) missing.push(`${path.basename(file)}: ${k}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
