/**
 * Reading and writing .gz files with fflate. fflate inflates without checking the
 * gzip trailer, so a truncated or bit-flipped file would come back as wrong bytes:
 * the CRC-32 and length in the trailer are checked here.
 */
import * as fs from 'fs';
import { writeFileAtomic } from '../../saved_model/atomic_write';
import { gunzipSync, gzipSync } from 'fflate';
import { DataLossError, NotFoundError } from '../../framework/errors';

const GZIP_MIN_BYTES = 18; // 10-byte header + empty deflate block + 8-byte trailer

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function readUint32LE(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0;
}

/** Decompresses gzip bytes; `file` names the source in errors. */
export function gunzipChecked(compressed: Uint8Array, file: string): Uint8Array {
  if (compressed.length < GZIP_MIN_BYTES || compressed[0] !== 0x1f || compressed[1] !== 0x8b) {
    throw new DataLossError(`${file} is not a gzip file (${compressed.length} bytes, no gzip header)`);
  }
  let out: Uint8Array;
  try {
    out = gunzipSync(compressed);
  } catch (e) {
    throw new DataLossError(`${file} is a corrupt or truncated gzip file: ${(e as Error).message}`);
  }
  const expectedCrc = readUint32LE(compressed, compressed.length - 8);
  const expectedSize = readUint32LE(compressed, compressed.length - 4);
  if (out.length % 2 ** 32 !== expectedSize || crc32(out) !== expectedCrc) {
    throw new DataLossError(`${file} is a corrupt or truncated gzip file: its CRC-32/length trailer does not match the data`);
  }
  return out;
}

/** Reads and decompresses a .gz file. */
export function readGzipFile(file: string): Uint8Array {
  let compressed: Uint8Array;
  try {
    compressed = fs.readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new NotFoundError(`${file} does not exist`);
    throw new DataLossError(`Cannot read ${file}: ${err.message}`);
  }
  return gunzipChecked(compressed, file);
}

/** Writes bytes gzip-compressed; mtime 0 keeps the output byte-for-byte reproducible. */
export function writeGzipFile(file: string, bytes: Uint8Array): void {
  // Atomic, so an interrupted prepare_mnist never leaves a truncated file that looks prepared.
  writeFileAtomic(file, gzipSync(bytes, { level: 6, mtime: 0 }));
}
