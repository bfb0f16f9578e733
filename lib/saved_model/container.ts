import { deflateSync, inflateSync } from 'fflate';
import { crc32cUpdate } from './crc32c';
import { DataLossError, InvalidArgumentError } from '../framework/errors';

/**
 * The framing shared by tensorgraph's metadata files (saved_model.tgsm, *.index, *.meta):
 *
 *   offset  size  field
 *   0       8     magic (ASCII, says which kind of file)
 *   8       4     container version (u32 LE), 1
 *   12      4     encoding (u32 LE): 0 = UTF-8 JSON as is, 1 = the same DEFLATE-compressed (RFC 1951)
 *   16      4     stored payload length in bytes (u32 LE)
 *   20      4     payload length after decoding (u32 LE)
 *   24      4     CRC-32C (u32 LE) of bytes 0..23 followed by the stored payload
 *   28      ...   stored payload; the file ends exactly here
 *
 * The checksum covers the header too, so a flipped length or encoding is caught
 * before anything is allocated or inflated from it.
 */
export const HEADER_BYTES = 28;
export const CONTAINER_VERSION = 1;
const ENCODING_RAW = 0;
const ENCODING_DEFLATE = 1;
/** DEFLATE cannot expand data by more than ~1032:1, so a larger claim is corrupt. */
const MAX_DEFLATE_RATIO = 1032;
/** Compress only metadata big enough for it to matter, and only when it saves a tenth. */
const COMPRESS_MIN_BYTES = 4096;
const SAMPLE_BYTES = 256 * 1024;

/**
 * Graph JSON compresses about 5:1, but base64 of a large non-uniform constant only
 * about 4:3 at several seconds per 10 MB. Large payloads are judged by a sample first.
 */
function worthCompressing(raw: Uint8Array): boolean {
  if (raw.length < COMPRESS_MIN_BYTES) return false;
  if (raw.length <= 4 * SAMPLE_BYTES) return true;
  const start = Math.floor((raw.length - SAMPLE_BYTES) / 2);
  return deflateSync(raw.subarray(start, start + SAMPLE_BYTES), { level: 6 }).length < SAMPLE_BYTES * 0.5;
}

export function encodeContainer(magic: string, json: unknown): Uint8Array {
  if (magic.length !== 8) throw new Error(`container magic must be 8 ASCII characters, got '${magic}'`);
  const raw = new TextEncoder().encode(JSON.stringify(json));
  let stored = raw;
  let encoding = ENCODING_RAW;
  if (worthCompressing(raw)) {
    const packed = deflateSync(raw, { level: 6 });
    if (packed.length < raw.length * 0.9) { stored = packed; encoding = ENCODING_DEFLATE; }
  }
  const out = new Uint8Array(HEADER_BYTES + stored.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = magic.charCodeAt(i);
  view.setUint32(8, CONTAINER_VERSION, true);
  view.setUint32(12, encoding, true);
  view.setUint32(16, stored.length, true);
  view.setUint32(20, raw.length, true);
  out.set(stored, HEADER_BYTES);
  view.setUint32(24, crc32cUpdate(crc32cUpdate(0, out.subarray(0, 24)), stored), true);
  return out;
}

/**
 * Checks a container's framing and checksum and returns its parsed JSON payload.
 * Every length is checked against the file's real size before it is used.
 */
export function decodeContainer(bytes: Uint8Array, magic: string, file: string): unknown {
  if (bytes.length < HEADER_BYTES) {
    throw new DataLossError(`${file}: file is truncated (${bytes.length} bytes, the header alone needs ${HEADER_BYTES})`);
  }
  const found = String.fromCharCode(...bytes.subarray(0, 8));
  if (found !== magic) {
    throw new DataLossError(`${file}: not a ${describeMagic(magic)} file (magic ${JSON.stringify(found)}, expected ${JSON.stringify(magic)})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  const encoding = view.getUint32(12, true);
  const storedLength = view.getUint32(16, true);
  const rawLength = view.getUint32(20, true);
  const expectedCrc = view.getUint32(24, true);
  if (HEADER_BYTES + storedLength !== bytes.length) {
    throw new DataLossError(`${file}: file is ${bytes.length} bytes but its header declares ${HEADER_BYTES + storedLength} ` +
      `(${bytes.length < HEADER_BYTES + storedLength ? 'truncated' : 'trailing data'})`);
  }
  const stored = bytes.subarray(HEADER_BYTES);
  const actualCrc = crc32cUpdate(crc32cUpdate(0, bytes.subarray(0, 24)), stored);
  if (actualCrc !== expectedCrc) {
    throw new DataLossError(`${file}: checksum mismatch (stored crc32c ${hex(expectedCrc)}, computed ${hex(actualCrc)}): the file is corrupt or was modified`);
  }
  if (version !== CONTAINER_VERSION) {
    throw new InvalidArgumentError(`${file}: unsupported container version ${version} (this tensorgraph reads version ${CONTAINER_VERSION})`);
  }
  let raw: Uint8Array;
  if (encoding === ENCODING_RAW) {
    if (rawLength !== storedLength) throw new DataLossError(`${file}: uncompressed payload declares ${rawLength} bytes but stores ${storedLength}`);
    raw = stored;
  } else if (encoding === ENCODING_DEFLATE) {
    if (rawLength > storedLength * MAX_DEFLATE_RATIO + 64) {
      throw new DataLossError(`${file}: declared payload size ${rawLength} is impossible for ${storedLength} compressed bytes`);
    }
    // One spare byte: inflating into exactly rawLength would silently truncate a longer stream.
    const out = new Uint8Array(rawLength + 1);
    try { raw = inflateSync(stored, { out }); } catch (e) {
      throw new DataLossError(`${file}: compressed payload is corrupt (${(e as Error).message})`);
    }
    if (raw.length !== rawLength) throw new DataLossError(`${file}: payload inflates to ${raw.length} bytes, header declares ${rawLength}`);
  } else {
    throw new DataLossError(`${file}: unknown payload encoding ${encoding}`);
  }
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(raw); } catch {
    throw new DataLossError(`${file}: payload is not valid UTF-8`);
  }
  try { return JSON.parse(text); } catch (e) {
    throw new DataLossError(`${file}: payload is not valid JSON (${(e as Error).message})`);
  }
}

function describeMagic(magic: string): string {
  return { TGSAVEDM: 'tensorgraph SavedModel', TGCKPIDX: 'tensorgraph checkpoint index', TGMETAGR: 'tensorgraph meta graph' }[magic] ?? magic;
}

export function hex(n: number): string { return '0x' + (n >>> 0).toString(16).padStart(8, '0'); }
