/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum TensorFlow's
 * checkpoints use. Slicing-by-8 tables: a checkpoint is checked in full on every load,
 * so the byte-at-a-time loop (~4x slower) would show up in restore times.
 */
const POLY = 0x82f63b78;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const TABLES: Uint32Array[] = (() => {
  const t = Array.from({ length: 8 }, () => new Uint32Array(256));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[0][n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) t[k][n] = (t[0][t[k - 1][n] & 0xff] ^ (t[k - 1][n] >>> 8)) >>> 0;
  }
  return t;
})();

/** Continues a running CRC-32C over `bytes` (start with crc = 0). */
export function crc32cUpdate(crc: number, bytes: Uint8Array): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES;
  let c = ~crc >>> 0;
  let i = 0;
  const n = bytes.length;
  const end8 = n - (n % 8);
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0 && end8 > 0) {
    // Whole 32-bit loads: a third of the loads and shifts of the byte-wise loop below.
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, end8 >>> 2);
    for (let w = 0; w < words.length; w += 2) {
      const lo = (c ^ words[w]) >>> 0;
      const hi = words[w + 1];
      c = t7[lo & 0xff] ^ t6[(lo >>> 8) & 0xff] ^ t5[(lo >>> 16) & 0xff] ^ t4[lo >>> 24] ^
        t3[hi & 0xff] ^ t2[(hi >>> 8) & 0xff] ^ t1[(hi >>> 16) & 0xff] ^ t0[hi >>> 24];
    }
    i = end8;
  }
  for (; i < end8; i += 8) {
    const lo = (c ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24))) >>> 0;
    c = t7[lo & 0xff] ^ t6[(lo >>> 8) & 0xff] ^ t5[(lo >>> 16) & 0xff] ^ t4[lo >>> 24] ^
      t3[bytes[i + 4]] ^ t2[bytes[i + 5]] ^ t1[bytes[i + 6]] ^ t0[bytes[i + 7]];
  }
  for (; i < n; i++) c = t0[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** CRC-32C of `bytes`. */
export function crc32c(bytes: Uint8Array): number {
  return crc32cUpdate(0, bytes);
}

const MASK_DELTA = 0xa282ead8;

/**
 * TF's (and LevelDB's) masked CRC: a CRC stored beside data that itself contains CRCs would
 * make the CRC of the whole degenerate, so stored CRCs are rotated right 15 bits plus a constant.
 */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** The inverse of maskCrc. */
export function unmaskCrc(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}
