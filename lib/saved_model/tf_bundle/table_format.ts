/**
 * Constants of the LevelDB table layout TensorFlow's tensor bundle index uses
 * (tensorflow/core/lib/io/table*): see docs/tf_formats.md.
 */

/** The footer's last 8 bytes: fixed64 0xdb4775248b80fb57, little-endian. */
export const TABLE_MAGIC = new Uint8Array([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);
/** Two BlockHandles (varint64 offset + size each, at most 10 bytes per varint) padded to 40, then the magic. */
export const FOOTER_SIZE = 48;
/** A block's trailer: compression type byte + masked CRC32C of contents and type. */
export const BLOCK_TRAILER_SIZE = 5;
export const NO_COMPRESSION = 0;
export const SNAPPY_COMPRESSION = 1;
/** LevelDB's default: every 16th key is stored whole (a restart point). */
export const RESTART_INTERVAL = 16;
/** TensorFlow's table_options.h default block size. */
export const BLOCK_SIZE = 256 * 1024;

export interface BlockHandle { offset: number; size: number }

/** Whether `bytes` end with the table magic (how a TF index is told from tensorgraph's own). */
export function hasTableMagic(bytes: Uint8Array): boolean {
  if (bytes.length < FOOTER_SIZE) return false;
  const at = bytes.length - TABLE_MAGIC.length;
  return TABLE_MAGIC.every((b, i) => bytes[at + i] === b);
}
