import { crc32c, unmaskCrc } from '../crc32c';
import { ByteCursor } from './byte_cursor';
import { snappyUncompress } from './snappy';
import {
  BLOCK_TRAILER_SIZE, BlockHandle, FOOTER_SIZE, NO_COMPRESSION, SNAPPY_COMPRESSION, hasTableMagic,
} from './table_format';

/**
 * Reads a whole LevelDB-format table (a tensor bundle's .index) into its sorted key/value
 * list. Index files hold one small entry per tensor, so reading all at once is simpler than
 * seeking and costs nothing that matters. Every block's CRC is checked; any inconsistency is
 * a DataLossError naming the file.
 */
export function readTable(bytes: Uint8Array, file: string): Array<[key: Uint8Array, value: Uint8Array]> {
  const whole = new ByteCursor(bytes, file);
  if (bytes.length < FOOTER_SIZE) whole.fail(`file of ${bytes.length} bytes is shorter than the ${FOOTER_SIZE}-byte footer`);
  if (!hasTableMagic(bytes)) whole.fail('bad magic number in the footer (not a table)');
  const footer = new ByteCursor(bytes, file, bytes.length - FOOTER_SIZE);
  const metaindex = blockHandle(footer, 'metaindex handle');
  const index = blockHandle(footer, 'index handle');
  readBlock(bytes, file, metaindex, 'metaindex block');
  const out: Array<[Uint8Array, Uint8Array]> = [];
  for (const [, handleBytes] of blockEntries(readBlock(bytes, file, index, 'index block'), file, 'index block')) {
    const handle = blockHandle(new ByteCursor(handleBytes, file), 'data block handle');
    for (const entry of blockEntries(readBlock(bytes, file, handle, 'data block'), file, 'data block')) {
      if (out.length > 0 && compareBytes(out[out.length - 1][0], entry[0]) >= 0) {
        whole.fail('keys out of order');
      }
      out.push(entry);
    }
  }
  return out;
}

function blockHandle(c: ByteCursor, what: string): BlockHandle {
  return { offset: c.varint(`${what} offset`), size: c.varint(`${what} size`) };
}

/** A block's contents, its CRC checked and Snappy undone. */
function readBlock(bytes: Uint8Array, file: string, h: BlockHandle, what: string): Uint8Array {
  const c = new ByteCursor(bytes, file);
  if (h.offset + h.size + BLOCK_TRAILER_SIZE > bytes.length - FOOTER_SIZE) {
    c.fail(`${what} at ${h.offset} of ${h.size} bytes runs past the end of the blocks`);
  }
  const contents = bytes.subarray(h.offset, h.offset + h.size);
  const type = bytes[h.offset + h.size];
  const stored = new ByteCursor(bytes, file, h.offset + h.size + 1).fixed32(`${what} checksum`);
  const withType = bytes.subarray(h.offset, h.offset + h.size + 1);
  if (crc32c(withType) !== unmaskCrc(stored)) c.fail(`block checksum mismatch in the ${what} at ${h.offset}`);
  if (type === NO_COMPRESSION) return contents;
  if (type === SNAPPY_COMPRESSION) {
    try {
      return snappyUncompress(contents);
    } catch (e) {
      return c.fail(`corrupted Snappy-compressed ${what} at ${h.offset}: ${(e as Error).message}`);
    }
  }
  return c.fail(`unknown compression type ${type} of the ${what} at ${h.offset}`);
}

/** The entries of a block: prefix-compressed keys (shared, non-shared, value length, key delta, value), restart array at the end. */
function blockEntries(block: Uint8Array, file: string, what: string): Array<[Uint8Array, Uint8Array]> {
  const c = new ByteCursor(block, file);
  if (block.length < 4) c.fail(`${what} of ${block.length} bytes has no restart count`);
  const numRestarts = new ByteCursor(block, file, block.length - 4).fixed32(`${what} restart count`);
  if (numRestarts > (block.length - 4) / 4) c.fail(`${what} claims ${numRestarts} restart points in ${block.length} bytes`);
  const entriesEnd = block.length - 4 - 4 * numRestarts;
  const e = new ByteCursor(block, file, 0, entriesEnd);
  const out: Array<[Uint8Array, Uint8Array]> = [];
  let lastKey = new Uint8Array(0);
  while (e.remaining > 0) {
    const shared = e.varint('shared key length');
    const nonShared = e.varint('key delta length');
    const valueLength = e.varint('value length');
    if (shared > lastKey.length) e.fail(`entry shares ${shared} key bytes with a previous key of ${lastKey.length}`);
    const delta = e.take(nonShared, 'key delta');
    const value = e.take(valueLength, 'value');
    const key = new Uint8Array(shared + nonShared);
    key.set(lastKey.subarray(0, shared));
    key.set(delta, shared);
    out.push([key, value]);
    lastKey = key;
  }
  return out;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
