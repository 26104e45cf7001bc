// No imports beyond node:crypto: loaded by verify's worker threads.
import { hash } from 'node:crypto';
import type { BinaryCopyReader } from './copy-out.ts';

/**
 * The columns of an audit event as verify's binary COPY reads them, in the order the
 * canonical entry lists them (`canonical.ts`); uuids as text, so their bytes are the printed form.
 */
export const EVENT_COPY_COLUMNS = `e.seq, e.occurred_at, e.actor_id::text, e.actor_role, e.action, e.object_type, e.object_id,
  e.case_id::text, e.outcome, e.request_id, e.reason, e.basis`;
export const EVENT_COPY_FIELDS = 12;

const MICROS_PER_DAY = 86_400_000_000;
const EPOCH_2000_MS = 946_684_800_000;

/**
 * Builds 0x00 ‖ UTF-8(canonicalEntryText(position, event)) — the input of the leaf hash — from
 * an event's binary COPY fields without making a string per column: text is already UTF-8 and
 * is copied as it is unless JSON would escape it. Where this cannot be sure to match the
 * sealer's text (a time more than 2^53 µs from 2000, i.e. before 1714 or after 2285; a
 * missing value where the sealer's columns have none) it writes something that will not
 * match, and verify reads the page again the sealer's way.
 */
export class LeafEncoder {
  private out = Buffer.allocUnsafe(4096);
  private len = 0;
  private day = Number.NaN;
  private dayText = '';

  /** The leaf hash of the event the reader is on, placed at `position`. */
  leafHash(r: BinaryCopyReader, position: number): Buffer {
    const basis = !r.isNull(11);
    this.len = 0;
    this.ascii(basis ? '\0["exitdesk-audit-v2",' : '\0["exitdesk-audit-v1",');
    this.integer(position);
    this.byte(0x2c);
    this.integer(r.int8(0));
    this.byte(0x2c);
    this.timestamp(r.int8(1));
    for (let i = 2; i <= (basis ? 11 : 10); i++) {
      this.byte(0x2c);
      this.text(r, i);
    }
    this.byte(0x5d);
    return hash('sha256', this.out.subarray(0, this.len), 'buffer');
  }

  private room(n: number): void {
    if (this.len + n <= this.out.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.len + n));
    this.out.copy(bigger, 0, 0, this.len);
    this.out = bigger;
  }

  // Bytes are written one by one: Buffer.write is a call into C++ each time, which cost more than the hashing.
  private byte(b: number): void {
    this.room(1);
    this.out[this.len++] = b;
  }

  private ascii(s: string): void {
    this.room(s.length);
    for (let k = 0; k < s.length; k++) this.out[this.len++] = s.charCodeAt(k);
  }

  private digits(n: number, width: number): void {
    for (let k = width - 1; k >= 0; k--) {
      this.out[this.len + k] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.len += width;
  }

  private integer(n: number): void {
    if (!Number.isSafeInteger(n)) return this.ascii(String(n));
    this.room(17);
    if (n < 0) {
      this.out[this.len++] = 0x2d;
      n = -n;
    }
    let width = 1;
    for (let p = 10; p <= n; p *= 10) width++;
    this.digits(n, width);
  }

  private text(r: BinaryCopyReader, i: number): void {
    if (r.isNull(i)) return this.ascii('null');
    const start = r.starts[i]!;
    const end = start + r.lengths[i]!;
    const src = r.buf;
    this.room(end - start + 2);
    const mark = this.len;
    const out = this.out;
    let o = mark;
    out[o++] = 0x22;
    for (let k = start; k < end; k++) {
      const b = src[k]!;
      // JSON.stringify escapes only these in valid UTF-8 text (PostgreSQL's text is valid UTF-8).
      if (b < 0x20 || b === 0x22 || b === 0x5c) {
        const json = JSON.stringify(src.toString('utf8', start, end));
        this.len = mark;
        this.room(Buffer.byteLength(json));
        this.len += this.out.write(json, this.len, 'utf8');
        return;
      }
      out[o++] = b;
    }
    out[o++] = 0x22;
    this.len = o;
  }

  /** A timestamptz (µs since 2000-01-01 UTC) as to_char's "YYYY-MM-DDTHH24:MI:SS.USZ". */
  private timestamp(micros: number): void {
    // NaN (a null or malformed field) included.
    if (!Number.isSafeInteger(micros)) return this.ascii('"?"');
    const day = Math.floor(micros / MICROS_PER_DAY);
    if (day !== this.day) {
      this.day = day;
      this.dayText = new Date(EPOCH_2000_MS + day * 86_400_000).toISOString().slice(0, 10);
    }
    // Unreachable within ±2^53 µs of 2000 (years 1714–2285); kept so that a wider range could never
    // write toISOString's signed six-digit years where to_char writes plain ones.
    if (this.dayText.length !== 10 || this.dayText[4] !== '-') return this.ascii('"?"');
    let rest = micros - day * MICROS_PER_DAY;
    const us = rest % 1_000_000;
    rest = (rest - us) / 1_000_000;
    const sec = rest % 60;
    rest = (rest - sec) / 60;
    const min = rest % 60;
    this.room(29);
    this.byte(0x22);
    this.ascii(this.dayText);
    this.byte(0x54);
    this.digits((rest - min) / 60, 2);
    this.byte(0x3a);
    this.digits(min, 2);
    this.byte(0x3a);
    this.digits(sec, 2);
    this.byte(0x2e);
    this.digits(us, 6);
    this.byte(0x5a);
    this.byte(0x22);
  }
}
