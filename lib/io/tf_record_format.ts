/**
 * TFRecord framing, shared by tf.python_io.TFRecordWriter, tf.data.TFRecordDataset and the
 * summary event files: each record is
 *   uint64 length (little endian) | uint32 masked CRC-32C of those 8 bytes | data | uint32 masked CRC-32C of data.
 * The header has its own CRC so that a reader can reject a corrupt length before trusting it
 * to size an allocation.
 */
import { crc32c, maskCrc, unmaskCrc } from '../saved_model/crc32c';
import { DataLossError } from '../framework/errors';

export const RECORD_HEADER_BYTES = 12;
export const RECORD_FOOTER_BYTES = 4;

/** One record framed as TensorFlow writes it. */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_BYTES + data.length + RECORD_FOOTER_BYTES);
  const view = new DataView(out.buffer);
  // Records over 4 GiB cannot exist in a JS buffer, so the high word is always zero.
  view.setUint32(0, data.length >>> 0, true);
  view.setUint32(4, 0, true);
  view.setUint32(8, maskCrc(crc32c(out.subarray(0, 8))), true);
  out.set(data, RECORD_HEADER_BYTES);
  view.setUint32(RECORD_HEADER_BYTES + data.length, maskCrc(crc32c(data)), true);
  return out;
}

/** What parseRecordAt found at an offset: a whole record, or the end of what was written so far. */
export type RecordAt =
  | { kind: 'record'; data: Uint8Array; next: number }
  | { kind: 'end' }
  | { kind: 'truncated'; have: number; need: number };

/**
 * Reads the record that starts at `offset` of `bytes`. A partial record at the end is
 * 'truncated' (a writer may still be appending, or crashed mid-record: TF's readers stop
 * there too); a CRC mismatch is a DataLossError naming `source` and the offset.
 */
export function parseRecordAt(bytes: Uint8Array, offset: number, source: string): RecordAt {
  if (offset === bytes.length) return { kind: 'end' };
  if (bytes.length - offset < RECORD_HEADER_BYTES) {
    return { kind: 'truncated', have: bytes.length - offset, need: RECORD_HEADER_BYTES };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthCrc = crc32c(bytes.subarray(offset, offset + 8));
  if (unmaskCrc(view.getUint32(offset + 8, true)) !== lengthCrc) {
    throw new DataLossError(`corrupted record at ${offset} in ${source}: length CRC mismatch`);
  }
  const lengthLow = view.getUint32(offset, true);
  const lengthHigh = view.getUint32(offset + 4, true);
  const need = RECORD_HEADER_BYTES + lengthLow + RECORD_FOOTER_BYTES;
  if (lengthHigh !== 0 || lengthLow > 0x7fffffff) {
    throw new DataLossError(`record at ${offset} in ${source} claims ${lengthHigh * 2 ** 32 + lengthLow} bytes, more than a record can hold`);
  }
  if (bytes.length - offset < need) return { kind: 'truncated', have: bytes.length - offset, need };
  const data = bytes.subarray(offset + RECORD_HEADER_BYTES, offset + RECORD_HEADER_BYTES + lengthLow);
  const dataCrc = view.getUint32(offset + RECORD_HEADER_BYTES + lengthLow, true);
  if (unmaskCrc(dataCrc) !== crc32c(data)) {
    throw new DataLossError(`corrupted record at ${offset} in ${source}: data CRC mismatch`);
  }
  return { kind: 'record', data, next: offset + need };
}

/**
 * Every whole record of a buffer. A truncated last record ends the sequence quietly when
 * `allowTruncatedTail` (event files read while being written), else is a DataLossError.
 */
export function* parseRecords(bytes: Uint8Array, source: string, allowTruncatedTail = false): Generator<Uint8Array> {
  let offset = 0;
  for (;;) {
    const at = parseRecordAt(bytes, offset, source);
    if (at.kind === 'end') return;
    if (at.kind === 'truncated') {
      if (allowTruncatedTail) return;
      throw new DataLossError(`truncated record at ${offset} in ${source}: ${at.have} of ${at.need} bytes`);
    }
    yield at.data;
    offset = at.next;
  }
}
