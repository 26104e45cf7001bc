// Loaded by verify's worker threads: no imports beyond pg's types.
import type pg from 'pg';

/**
 * Runs `COPY (…) TO STDOUT` and resolves with everything it sent, in one buffer. node-postgres
 * answers a COPY through a Submittable: it hands over each CopyData message as it arrives.
 * A page of the audit log arrives this way as one buffer instead of a row object with a string
 * per column for each entry — the cost that dominated audit verify.
 */
export function copyOut(client: pg.Client | pg.PoolClient, text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Each message's chunk is a view of the driver's read buffer, which it reuses: copy it out at once.
    let out = Buffer.allocUnsafe(1 << 20);
    let len = 0;
    let failed: Error | null = null;
    const query = {
      // pg takes a value returned from submit() for an error.
      submit: (connection: { query: (text: string) => void }) => { connection.query(text); },
      handleCopyData: (msg: { chunk: Buffer }) => {
        if (len + msg.chunk.length > out.length) {
          const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, len + msg.chunk.length));
          out.copy(bigger, 0, 0, len);
          out = bigger;
        }
        len += msg.chunk.copy(out, len);
      },
      handleCommandComplete: () => undefined,
      handleRowDescription: () => undefined,
      handleDataRow: () => undefined,
      handleEmptyQuery: () => undefined,
      handleError: (e: Error) => { failed = e; reject(e); },
      handleReadyForQuery: () => { if (!failed) resolve(out.subarray(0, len)); },
    };
    client.query(query as unknown as pg.Submittable);
  });
}

/**
 * Reads PostgreSQL's binary COPY format: a header, then tuples of (int16 field count,
 * then per field an int32 length, -1 for null, and that many bytes), then int16 -1.
 * `next()` moves to the next tuple (false at the end) and fills `starts` and `lengths` with its fields.
 */
export class BinaryCopyReader {
  readonly buf: Buffer;
  offset: number;
  readonly starts: Int32Array;
  readonly lengths: Int32Array;

  constructor(buf: Buffer, fieldCount: number) {
    this.buf = buf;
    if (buf.length < 19 || buf.toString('latin1', 0, 11) !== 'PGCOPY\n\xff\r\n\0') throw new Error('not a binary COPY stream');
    this.offset = 19 + buf.readInt32BE(15);
    this.starts = new Int32Array(fieldCount);
    this.lengths = new Int32Array(fieldCount);
  }

  next(): boolean {
    const { buf } = this;
    const n = buf.readInt16BE(this.offset);
    if (n === -1) return false;
    if (n !== this.starts.length) throw new Error(`expected ${this.starts.length} fields in a COPY tuple, got ${n}`);
    let o = this.offset + 2;
    for (let i = 0; i < n; i++) {
      const len = buf.readInt32BE(o);
      o += 4;
      this.starts[i] = o;
      this.lengths[i] = len;
      if (len > 0) o += len;
    }
    this.offset = o;
    return true;
  }

  /** An int8 field as a number (exact below 2^53); NaN if it is null or not 8 bytes. */
  int8(i: number): number {
    if (this.lengths[i] !== 8) return Number.NaN;
    const o = this.starts[i]!;
    return this.buf.readInt32BE(o) * 4294967296 + this.buf.readUInt32BE(o + 4);
  }

  isNull(i: number): boolean {
    return this.lengths[i] === -1;
  }
}
