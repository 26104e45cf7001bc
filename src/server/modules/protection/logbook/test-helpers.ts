import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import sharp from 'sharp';
import type { TestEnv } from '../../../testing/harness.ts';
import { HOST, ORIGIN } from '../../../testing/factories.ts';

/** A multipart/form-data body with one file, as a browser sends it. */
export function multipartBody(file: { bytes: Buffer; filename: string; contentType: string; field?: string }) {
  const boundary = `----exitdesk${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`);
  return { payload: Buffer.concat([head, file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(env: TestEnv, cookie: string, caseId: string, entryId: string, file: { bytes: Buffer; filename: string; contentType: string; field?: string }) {
  const { payload, contentType } = multipartBody(file);
  return env.app.inject({ method: 'POST', url: `/api/cases/${caseId}/logbook/${entryId}/evidence`, headers: { origin: ORIGIN, host: HOST, cookie, 'content-type': contentType }, payload });
}

/** A JPEG whose EXIF names a camera and a GPS position (Berlin). */
export function jpegWithGps(marker = 'MARKERCAM'): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: marker, Model: 'Phone', ImageDescription: 'where it happened' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '13/1 24/1 36/1' },
    })
    .toBuffer();
}

/**
 * The tags of an EXIF block's first directory (IFD0), read from its TIFF
 * structure: 0x8825 is the pointer to the GPS directory, 0x010f the camera make.
 */
export function exifIfd0Tags(exif: Buffer): number[] {
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0);
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  return Array.from({ length: u16(ifd) }, (_, i) => u16(ifd + 2 + i * 12));
}
export const GPS_POINTER_TAG = 0x8825;

/** A PNG with a tEXt chunk carrying `text` (PNG keeps such chunks as metadata). */
export async function pngWithText(text: string): Promise<Buffer> {
  const png = await sharp({ create: { width: 16, height: 16, channels: 4, background: '#10a040' } }).png().toBuffer();
  const data = Buffer.from(`Comment\0${text}`, 'latin1');
  const type = Buffer.from('tEXt', 'latin1');
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32(Buffer.concat([type, data])));
  // After the 8-byte signature and the 25-byte IHDR chunk.
  return Buffer.concat([png.subarray(0, 33), len, type, data, crc, png.subarray(33)]);
}

/** A minimal PDF whose text carries `text`. */
export function pdfWith(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n3 0 obj << /Title (${text}) >> endobj\ntrailer << /Root 1 0 R /Info 3 0 R >>\n%%EOF\n`, 'latin1');
}
