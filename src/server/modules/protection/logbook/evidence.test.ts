import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_EVIDENCE_BYTES } from '../../../../contracts/logbook.ts';
import { createTestEnv, type TestEnv } from '../../../testing/harness.ts';
import { activateCase, api, HOST, makeCase, makeStaff, sessionFor, type TestStaff } from '../../../testing/factories.ts';
import { findCaseKey } from '../../cases/case-keys.ts';
import { assertNoMetadata, prepareEvidence } from './evidence.ts';
import { evidenceContentPlace } from './places.ts';
import { exifIfd0Tags, GPS_POINTER_TAG, jpegWithGps, pdfWith, pngWithText, upload } from './test-helpers.ts';

let env: TestEnv;
let manager: TestStaff;
let lead: TestStaff;
let mc: string;
let lc: string;

beforeAll(async () => {
  env = await createTestEnv();
  manager = await makeStaff(env, { role: 'manager' });
  lead = await makeStaff(env, { role: 'exit_worker' });
  [mc, lc] = await Promise.all([sessionFor(env, manager), sessionFor(env, lead)]);
});
afterAll(() => env.close());

async function caseWithEntry(what = 'Threat by message') {
  const id = await makeCase(env, mc, { team: [{ staffId: lead.id, role: 'lead' }] });
  await activateCase(env, mc, id);
  const res = await api(env, lc).post(`/api/cases/${id}/logbook`, { occurredOn: '2026-11-20', channel: 'message', what, who: '' });
  return { id, entryId: res.json().id as string };
}
const download = (caseId: string, fileId: string, cookie = lc) =>
  env.app.inject({ method: 'GET', url: `/api/cases/${caseId}/logbook/evidence/${fileId}`, headers: { host: HOST, cookie } });
const storedCount = async () => Number((await env.owner.query<{ n: string }>('select count(*) as n from evidence_files')).rows[0]!.n);
/** The stored content, opened with the case key, as the server would. */
async function storedPlaintext(caseId: string, fileId: string): Promise<{ enc: Buffer; plain: Buffer }> {
  const enc = (await env.owner.query<{ content_enc: Buffer }>('select content_enc from evidence_files where id = $1', [fileId])).rows[0]!.content_enc;
  const key = await env.ctx.db.transaction((tx) => findCaseKey(tx, env.ctx.keyring, caseId));
  return { enc, plain: key!.openBytes(evidenceContentPlace(fileId), enc) };
}

describe('evidence uploads', () => {
  it('stores a JPEG without its EXIF and GPS data: neither the download nor the stored bytes carry them', async () => {
    const { id, entryId } = await caseWithEntry();
    const original = await jpegWithGps('MARKERCAM');
    const before = await sharp(original).metadata();
    expect(exifIfd0Tags(before.exif!)).toContain(GPS_POINTER_TAG);
    expect(original.includes('MARKERCAM')).toBe(true);

    const res = await upload(env, lc, id, entryId, { bytes: original, filename: 'IMG_2041 at Kiez.jpg', contentType: 'image/jpeg' });
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ mediaType: 'image/jpeg', name: 'IMG_2041 at Kiez.jpg', uploadedByName: lead.name });

    const got = await download(id, file.id);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="evidence-${file.id.slice(0, 8)}.jpg"`);
    expect(got.headers['cache-control']).toBe('no-store');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    const after = await sharp(got.rawPayload).metadata();
    expect(after).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(got.rawPayload.includes('MARKERCAM')).toBe(false);
    expect(file.size).toBe(got.rawPayload.length);

    const { enc, plain } = await storedPlaintext(id, file.id);
    expect(plain.equals(got.rawPayload)).toBe(true);
    expect((await sharp(plain).metadata()).exif).toBeUndefined();
    // The ciphertext holds neither the stored image nor the upload in the clear.
    expect(enc.includes(plain.subarray(0, 64))).toBe(false);
    expect(enc.includes(plain.subarray(plain.length - 64))).toBe(false);
    expect(enc.includes(Buffer.from('JFIF'))).toBe(false);
    // Sealed with the case's own key and bound to its row: copied to another row or case, it does not open.
    const key = await env.ctx.db.transaction((tx) => findCaseKey(tx, env.ctx.keyring, id));
    expect(() => key!.openBytes(evidenceContentPlace(randomUUID()), enc)).toThrow();
    const other = await caseWithEntry();
    await upload(env, lc, other.id, other.entryId, { bytes: await pngWithText('x'), filename: 'b.png', contentType: 'image/png' });
    const otherKey = await env.ctx.db.transaction((tx) => findCaseKey(tx, env.ctx.keyring, other.id));
    expect(() => otherKey!.openBytes(evidenceContentPlace(file.id), enc)).toThrow();
  });

  it('keeps an upright picture upright: the EXIF orientation is applied to the pixels before the tag goes', async () => {
    const { id, entryId } = await caseWithEntry();
    // 60×20 pixels stored, tagged "rotate 90° clockwise to display" (orientation 6): shown 20×60.
    const tagged = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#3050f0' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(tagged).metadata()).orientation).toBe(6);
    const res = await upload(env, lc, id, entryId, { bytes: tagged, filename: 'turned.jpg', contentType: 'image/jpeg' });
    const meta = await sharp((await download(id, res.json().id)).rawPayload).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([20, 60, undefined]);
  });

  it('takes a PNG (its text chunks removed) and a WebP; a PDF is stored byte for byte', async () => {
    const { id, entryId } = await caseWithEntry();
    const png = await pngWithText('PNGTEXTMARKER');
    expect(png.includes('PNGTEXTMARKER')).toBe(true);
    const p = await upload(env, lc, id, entryId, { bytes: png, filename: 'screenshot.png', contentType: 'image/png' });
    expect(p.statusCode).toBe(201);
    const pngBack = (await download(id, p.json().id)).rawPayload;
    expect((await sharp(pngBack).metadata()).format).toBe('png');
    expect(pngBack.includes('PNGTEXTMARKER')).toBe(false);

    const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ffffff' } }).webp().withExif({ IFD0: { Make: 'WEBPCAM' } }).toBuffer();
    const w = await upload(env, lc, id, entryId, { bytes: webp, filename: 'chat.webp', contentType: 'application/octet-stream' });
    expect(w.json().mediaType).toBe('image/webp');
    const webpBack = (await download(id, w.json().id)).rawPayload;
    expect((await sharp(webpBack).metadata()).exif).toBeUndefined();

    const pdf = pdfWith('Letter from the group');
    const d = await upload(env, lc, id, entryId, { bytes: pdf, filename: 'letter.pdf', contentType: 'application/pdf' });
    expect(d.json()).toMatchObject({ mediaType: 'application/pdf', size: pdf.length });
    const pdfBack = await download(id, d.json().id);
    expect(pdfBack.headers['content-type']).toBe('application/pdf');
    expect(pdfBack.headers['content-disposition']).toMatch(/^attachment; filename="evidence-[0-9a-f]{8}\.pdf"$/);
    expect(pdfBack.rawPayload.equals(pdf)).toBe(true);

    const list = (await api(env, lc).get(`/api/cases/${id}/logbook`)).json();
    expect(list.entries[0].evidence.map((f: { name: string; mediaType: string }) => `${f.name}:${f.mediaType}`)).toEqual(['screenshot.png:image/png', 'chat.webp:image/webp', 'letter.pdf:application/pdf']);
  });

  it('refuses a disguised file by its content, whatever its name and declared type, and stores nothing', async () => {
    const { id, entryId } = await caseWithEntry();
    const before = await storedCount();
    const disguised = [
      Buffer.from('<!doctype html><html><script>alert(1)</script></html>'),
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), randomBytes(200)]),
      Buffer.from('GIF89a'),
      Buffer.from('just some text'),
    ];
    for (const bytes of disguised) {
      const res = await upload(env, lc, id, entryId, { bytes, filename: 'photo.jpg', contentType: 'image/jpeg' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'file_type_not_allowed', fields: [{ path: 'file', code: 'file_type_not_allowed' }] });
    }
    const broken = await upload(env, lc, id, entryId, { bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)]), filename: 'x.jpg', contentType: 'image/jpeg' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('file_unreadable');
    expect(await storedCount()).toBe(before);
  });

  it('refuses a file over the limit with file_too_large naming the limit, and stores nothing', async () => {
    const { id, entryId } = await caseWithEntry();
    const before = await storedCount();
    const big = Buffer.concat([await jpegWithGps(), randomBytes(MAX_EVIDENCE_BYTES)]);
    const res = await upload(env, lc, id, entryId, { bytes: big, filename: 'big.jpg', contentType: 'image/jpeg' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'file_too_large', fields: [{ path: 'file', code: 'file_too_large', params: { maximum: MAX_EVIDENCE_BYTES } }] });
    expect(await storedCount()).toBe(before);
    // Just under the limit is fine (a PDF, stored as it is).
    const atLimit = Buffer.concat([pdfWith('x'), Buffer.alloc(MAX_EVIDENCE_BYTES - pdfWith('x').length - 100, 0x20)]);
    expect((await upload(env, lc, id, entryId, { bytes: atLimit, filename: 'long.pdf', contentType: 'application/pdf' })).statusCode).toBe(201);
  });

  it('answers a request without a file, or not multipart, with a clear code', async () => {
    const { id, entryId } = await caseWithEntry();
    const wrongField = await upload(env, lc, id, entryId, { bytes: await pngWithText('x'), filename: 'a.png', contentType: 'image/png', field: 'other' });
    expect(wrongField.json().error.code).toBe('file_missing');
    const empty = await upload(env, lc, id, entryId, { bytes: Buffer.alloc(0), filename: 'a.png', contentType: 'image/png' });
    expect(empty.json().error.code).toBe('file_missing');
    const json = await api(env, lc).post(`/api/cases/${id}/logbook/${entryId}/evidence`, { file: 'aGVsbG8=' });
    expect([json.statusCode, json.json().error.code]).toEqual([415, 'multipart_required']);
  });
});

describe('evidence at rest', () => {
  /**
   * The test: no file content is readable in the data directory. The
   * marker sits in a PDF (stored as it is, so only encryption hides it), in a
   * PNG text chunk, in the file name and in the entry text. The control marker is
   * written to a plain text column the same way, so the scan provably finds what
   * is there. Only the embedded server's files are ours to read.
   */
  it.skipIf(!inject('testDb').embedded)('leaves no file content readable anywhere in the database files (embedded PostgreSQL only: an external server keeps its files elsewhere)', async () => {
    const marker = `EXITDESK-EVIDENCE-${randomBytes(8).toString('hex')}`;
    const control = `EXITDESK-CONTROL-${randomBytes(8).toString('hex')}`;
    const { id, entryId } = await caseWithEntry(`Said ${marker}`);
    expect((await upload(env, lc, id, entryId, { bytes: pdfWith(marker), filename: `${marker}.pdf`, contentType: 'application/pdf' })).statusCode).toBe(201);
    expect((await upload(env, lc, id, entryId, { bytes: await pngWithText(marker), filename: 'p.png', contentType: 'image/png' })).statusCode).toBe(201);
    await env.owner.query('create table scan_control (t text)');
    await env.owner.query('insert into scan_control values ($1)', [control]);
    await env.owner.query('checkpoint');

    const pgdata = path.join(inject('testDb').dataDir, 'postgres');
    const found = { marker: [] as string[], control: [] as string[] };
    let scanned = 0;
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) {
          const bytes = fs.readFileSync(p);
          scanned += bytes.length;
          if (bytes.includes(marker)) found.marker.push(path.relative(pgdata, p));
          if (bytes.includes(control)) found.control.push(path.relative(pgdata, p));
        }
      }
    };
    walk(pgdata);
    expect(scanned).toBeGreaterThan(1_000_000);
    // Both the table file and the write-ahead log hold the control in the clear.
    expect(found.control.some((f) => f.startsWith('base/'))).toBe(true);
    expect(found.control.some((f) => f.startsWith('pg_wal/'))).toBe(true);
    expect(found.marker).toEqual([]);
  });
});

describe('evidence processing', () => {
  it('re-encodes every accepted image kind without metadata, and the check after it notices metadata that survived', async () => {
    for (const input of [await jpegWithGps(), await pngWithText('t'), await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).webp().withExif({ IFD0: { Make: 'W' } }).toBuffer()]) {
      const out = await prepareEvidence(input);
      await expect(assertNoMetadata(out.bytes)).resolves.toBeUndefined();
    }
    await expect(assertNoMetadata(await jpegWithGps())).rejects.toThrow(/exif/);
  });

  it('refuses an image with more pixels than the limit before decoding it', async () => {
    const huge = await sharp({ create: { width: 10_000, height: 5_001, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
    await expect(prepareEvidence(huge)).rejects.toMatchObject({ code: 'image_too_large' });
  });
});
