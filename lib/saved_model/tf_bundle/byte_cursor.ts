import { DataLossError } from '../../framework/errors';

/**
 * Reads LevelDB's little-endian fixed ints and varints from a byte range, checking every length
 * against what is left: a corrupt file is a DataLossError naming it, never an out-of-range read
 * or an allocation sized by an unchecked field.
 */
export class ByteCursor {
  pos: number;

  constructor(readonly bytes: Uint8Array, readonly file: string, start = 0, readonly end = bytes.length) {
    this.pos = start;
  }

  get remaining(): number { return this.end - this.pos; }

  fail(what: string): never {
    throw new DataLossError(`${this.file}: corrupted table: ${what}`);
  }

  /** A varint of at most 64 bits, as a JS number; values above 2^53 are refused (no offset or length in a readable file is that large). */
  varint(what: string): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.fail(`truncated varint (${what})`);
      const b = this.bytes[this.pos++];
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (result > Number.MAX_SAFE_INTEGER) this.fail(`varint out of range (${what})`);
        return result;
      }
      scale *= 128;
    }
    return this.fail(`bad varint (${what})`);
  }

  /** A varint that is a length of the bytes that follow it here. */
  length(what: string): number {
    const n = this.varint(what);
    if (n > this.remaining) this.fail(`${what} of ${n} bytes runs past the end (${this.remaining} left)`);
    return n;
  }

  take(n: number, what: string): Uint8Array {
    if (n > this.remaining) this.fail(`${what} of ${n} bytes runs past the end (${this.remaining} left)`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  fixed32(what: string): number {
    const b = this.take(4, what);
    return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  }
}

/** Appends LevelDB's encodings to a growing byte list. */
export class ByteSink {
  private chunks: Uint8Array[] = [];
  private cur = new Uint8Array(256);
  private used = 0;
  size = 0;

  private room(n: number): void {
    if (this.used + n <= this.cur.length) return;
    this.chunks.push(this.cur.subarray(0, this.used));
    this.cur = new Uint8Array(Math.max(256, n, this.cur.length * 2));
    this.used = 0;
  }

  byte(b: number): void { this.room(1); this.cur[this.used++] = b; this.size++; }

  bytes(b: Uint8Array): void { this.room(b.length); this.cur.set(b, this.used); this.used += b.length; this.size += b.length; }

  varint(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`varint of ${n}`);
    while (n >= 0x80) { this.byte((n % 128) | 0x80); n = Math.floor(n / 128); }
    this.byte(n);
  }

  fixed32(n: number): void { for (let i = 0; i < 4; i++) this.byte((n >>> (8 * i)) & 0xff); }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of [...this.chunks, this.cur.subarray(0, this.used)]) { out.set(c, at); at += c.length; }
    return out;
  }
}
