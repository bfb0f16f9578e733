/**
 * The IDX format of the MNIST files (http://yann.lecun.com/exdb/mnist/): a big-endian
 * header (magic number, then one uint32 per dimension) followed by uint8 data.
 * Images are idx3 (count, rows, cols), labels idx1 (count).
 */
import { DataLossError, ValueError } from '../../framework/errors';

export const IMAGES_MAGIC = 2051;
export const LABELS_MAGIC = 2049;

const IMAGES_HEADER_BYTES = 16;
const LABELS_HEADER_BYTES = 8;

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count * rows * cols bytes, row-major, 0 = background. */
  pixels: Uint8Array;
}

function readUint32BE(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) >>> 0) + (bytes[offset + 1] << 16) + (bytes[offset + 2] << 8) + bytes[offset + 3];
}

function writeUint32BE(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 24) & 0xff;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}

function checkMagic(bytes: Uint8Array, expected: number, kind: string, file: string): void {
  if (bytes.length < 4) {
    throw new DataLossError(`MNIST ${kind} file ${file} is truncated: ${bytes.length} bytes, too short for the IDX magic number`);
  }
  const magic = readUint32BE(bytes, 0);
  // TF1's input_data raises ValueError with this wording for a wrong magic number.
  if (magic !== expected) throw new ValueError(`Invalid magic number ${magic} in MNIST ${kind} file: ${file} (expected ${expected})`);
}

function checkLength(bytes: Uint8Array, expected: number, header: string, file: string): void {
  if (bytes.length < expected) {
    throw new DataLossError(`MNIST file ${file} is truncated: its header (${header}) needs ${expected} bytes, the file has ${bytes.length}`);
  }
  if (bytes.length > expected) {
    throw new DataLossError(`MNIST file ${file} does not match its header (${header}): expected ${expected} bytes, the file has ${bytes.length}`);
  }
}

/** Parses an uncompressed idx3 image file; `file` names it in errors. */
export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  checkMagic(bytes, IMAGES_MAGIC, 'image', file);
  if (bytes.length < IMAGES_HEADER_BYTES) {
    throw new DataLossError(`MNIST image file ${file} is truncated: ${bytes.length} bytes, shorter than the ${IMAGES_HEADER_BYTES}-byte header`);
  }
  const count = readUint32BE(bytes, 4), rows = readUint32BE(bytes, 8), cols = readUint32BE(bytes, 12);
  checkLength(bytes, IMAGES_HEADER_BYTES + count * rows * cols, `${count} images of ${rows}x${cols}`, file);
  return { count, rows, cols, pixels: bytes.subarray(IMAGES_HEADER_BYTES) };
}

/** Parses an uncompressed idx1 label file; `file` names it in errors. */
export function parseIdxLabels(bytes: Uint8Array, file: string): Uint8Array {
  checkMagic(bytes, LABELS_MAGIC, 'label', file);
  if (bytes.length < LABELS_HEADER_BYTES) {
    throw new DataLossError(`MNIST label file ${file} is truncated: ${bytes.length} bytes, shorter than the ${LABELS_HEADER_BYTES}-byte header`);
  }
  const count = readUint32BE(bytes, 4);
  checkLength(bytes, LABELS_HEADER_BYTES + count, `${count} labels`, file);
  return bytes.subarray(LABELS_HEADER_BYTES);
}

/** The idx3 bytes of `count` images of rows x cols pixels. */
export function encodeIdxImages(pixels: Uint8Array, count: number, rows: number, cols: number): Uint8Array {
  if (pixels.length !== count * rows * cols) {
    throw new ValueError(`encodeIdxImages: ${count} images of ${rows}x${cols} need ${count * rows * cols} bytes, got ${pixels.length}`);
  }
  const out = new Uint8Array(IMAGES_HEADER_BYTES + pixels.length);
  writeUint32BE(out, 0, IMAGES_MAGIC);
  writeUint32BE(out, 4, count);
  writeUint32BE(out, 8, rows);
  writeUint32BE(out, 12, cols);
  out.set(pixels, IMAGES_HEADER_BYTES);
  return out;
}

/** The idx1 bytes of a label vector. */
export function encodeIdxLabels(labels: Uint8Array): Uint8Array {
  const out = new Uint8Array(LABELS_HEADER_BYTES + labels.length);
  writeUint32BE(out, 0, LABELS_MAGIC);
  writeUint32BE(out, 4, labels.length);
  out.set(labels, LABELS_HEADER_BYTES);
  return out;
}
