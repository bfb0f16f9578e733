/** snappyjs (pure JS, no type declarations of its own): the two calls the table format needs. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const snappyjs: {
  uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array;
  compress(raw: Uint8Array): Uint8Array;
} = require('snappyjs');

/**
 * Snappy can expand a byte to at most 64/3 (a 3-byte copy of 64 bytes), so a declared length
 * beyond this bound is corrupt: checked before snappyjs allocates the output.
 */
export function maxUncompressedLength(compressedLength: number): number {
  return compressedLength * 22 + 64;
}

export function snappyUncompress(compressed: Uint8Array): Uint8Array {
  return snappyjs.uncompress(compressed, maxUncompressedLength(compressed.length));
}

export function snappyCompress(raw: Uint8Array): Uint8Array {
  return snappyjs.compress(raw);
}
