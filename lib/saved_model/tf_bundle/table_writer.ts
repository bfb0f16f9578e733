import { crc32cUpdate, maskCrc } from '../crc32c';
import { ByteSink } from './byte_cursor';
import { snappyCompress } from './snappy';
import {
  BLOCK_SIZE, BlockHandle, FOOTER_SIZE, NO_COMPRESSION, RESTART_INTERVAL, SNAPPY_COMPRESSION, TABLE_MAGIC,
} from './table_format';
import { compareBytes } from './table_reader';

export type TableCompression = 'none' | 'snappy';

/** One block being filled: prefix-compressed entries, a restart point every RESTART_INTERVAL keys. */
class BlockBuilder {
  private sink = new ByteSink();
  private restarts = [0];
  private sinceRestart = 0;
  private lastKey: Uint8Array = new Uint8Array(0);
  entries = 0;

  add(key: Uint8Array, value: Uint8Array): void {
    let shared = 0;
    if (this.sinceRestart < RESTART_INTERVAL) {
      const n = Math.min(key.length, this.lastKey.length);
      while (shared < n && key[shared] === this.lastKey[shared]) shared++;
    } else {
      this.restarts.push(this.sink.size);
      this.sinceRestart = 0;
    }
    this.sink.varint(shared);
    this.sink.varint(key.length - shared);
    this.sink.varint(value.length);
    this.sink.bytes(key.subarray(shared));
    this.sink.bytes(value);
    this.lastKey = key;
    this.sinceRestart++;
    this.entries++;
  }

  sizeEstimate(): number { return this.sink.size + 4 * this.restarts.length + 4; }

  finish(): Uint8Array {
    for (const r of this.restarts) this.sink.fixed32(r);
    this.sink.fixed32(this.restarts.length);
    return this.sink.finish();
  }
}

/**
 * Writes a LevelDB-format table as TensorFlow's TableBuilder does: keys added in strictly
 * increasing order, data blocks cut at BLOCK_SIZE, an empty metaindex block, an index block
 * whose keys are LevelDB's shortest separators, then the footer. With compression 'snappy' a
 * block is stored compressed only when that saves at least an eighth (TF's rule).
 */
export function writeTable(entries: Array<[Uint8Array, Uint8Array]>, compression: TableCompression = 'none'): Uint8Array {
  const out = new ByteSink();
  const writeBlock = (contents: Uint8Array): BlockHandle => {
    let type = NO_COMPRESSION;
    if (compression === 'snappy') {
      const packed = snappyCompress(contents);
      if (packed.length < contents.length - contents.length / 8) { contents = packed; type = SNAPPY_COMPRESSION; }
    }
    const handle = { offset: out.size, size: contents.length };
    out.bytes(contents);
    out.byte(type);
    out.fixed32(maskCrc(crc32cUpdate(crc32cUpdate(0, contents), new Uint8Array([type]))));
    return handle;
  };
  const index = new BlockBuilder();
  let data = new BlockBuilder();
  let pending: { lastKey: Uint8Array; handle: BlockHandle } | null = null;
  let lastKey: Uint8Array | null = null;
  for (const [key, value] of entries) {
    if (lastKey && compareBytes(lastKey, key) >= 0) throw new RangeError('table keys must be added in strictly increasing order');
    if (pending) {
      index.add(shortestSeparator(pending.lastKey, key), encodeHandle(pending.handle));
      pending = null;
    }
    data.add(key, value);
    lastKey = key;
    if (data.sizeEstimate() >= BLOCK_SIZE) {
      pending = { lastKey: key, handle: writeBlock(data.finish()) };
      data = new BlockBuilder();
    }
  }
  if (data.entries > 0) pending = { lastKey: lastKey!, handle: writeBlock(data.finish()) };
  const metaindex = writeBlock(new BlockBuilder().finish());
  if (pending) index.add(shortSuccessor(pending.lastKey), encodeHandle(pending.handle));
  const indexHandle = writeBlock(index.finish());
  const footer = new ByteSink();
  footer.bytes(encodeHandle(metaindex));
  footer.bytes(encodeHandle(indexHandle));
  while (footer.size < FOOTER_SIZE - TABLE_MAGIC.length) footer.byte(0);
  footer.bytes(TABLE_MAGIC);
  out.bytes(footer.finish());
  return out.finish();
}

function encodeHandle(h: BlockHandle): Uint8Array {
  const s = new ByteSink();
  s.varint(h.offset);
  s.varint(h.size);
  return s.finish();
}

/** LevelDB's FindShortestSeparator: a short key k with start <= k < limit. */
function shortestSeparator(start: Uint8Array, limit: Uint8Array): Uint8Array {
  const n = Math.min(start.length, limit.length);
  let i = 0;
  while (i < n && start[i] === limit[i]) i++;
  if (i < n && start[i] < 0xff && start[i] + 1 < limit[i]) {
    const out = start.slice(0, i + 1);
    out[i]++;
    return out;
  }
  return start;
}

/** LevelDB's FindShortSuccessor: a short key >= key (its first byte below 0xff, incremented). */
function shortSuccessor(key: Uint8Array): Uint8Array {
  for (let i = 0; i < key.length; i++) {
    if (key[i] !== 0xff) {
      const out = key.slice(0, i + 1);
      out[i]++;
      return out;
    }
  }
  return key;
}
