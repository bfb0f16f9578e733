import * as fs from 'fs';
import { fromBinary } from '@bufbuild/protobuf';
import { NDArray, sizeOf } from '../../framework/ndarray';
import { DataLossError, NotFoundError, UnimplementedError } from '../../framework/errors';
import { crc32cUpdate, unmaskCrc } from '../crc32c';
import { DataType } from '../../proto/tensorflow/core/framework/types_pb';
import {
  BundleEntryProto, BundleEntryProtoSchema, BundleHeaderProto, BundleHeaderProtoSchema, BundleHeaderProto_Endianness,
} from '../../proto/tensorflow/core/protobuf/tensor_bundle_pb';
import { ByteCursor } from './byte_cursor';
import { BUNDLE_DTYPES, tfDTypeEnumName, tfDTypeName } from './bundle_dtypes';
import { readTable } from './table_reader';
import { FOOTER_SIZE, TABLE_MAGIC } from './table_format';

/** A DT_STRING tensor: the graph side cannot hold strings yet, the reader API returns their bytes. */
export interface StringTensor {
  dtype: 'string';
  shape: number[];
  values: Uint8Array[];
}

/** More shards than any real checkpoint has: a larger count is a corrupt header, not a file list to probe. */
const MAX_SHARDS = 1 << 20;

export function bundleIndexPath(prefix: string): string { return `${prefix}.index`; }

/** TF's data file name: `<prefix>.data-00000-of-00001`. */
export function bundleDataPath(prefix: string, shard: number, numShards: number): string {
  const five = (n: number) => String(n).padStart(5, '0');
  return `${prefix}.data-${five(shard)}-of-${five(numShards)}`;
}

/** Decodes a protobuf message, any failure a DataLossError naming the file. */
export function decodeProto<T>(decode: () => T, file: string, what: string): T {
  try {
    return decode();
  } catch (e) {
    throw new DataLossError(`${file}: cannot parse ${what}: ${(e as Error).message}`);
  }
}

/**
 * An opened TensorFlow tensor bundle (V2 checkpoint, SavedModel variables/): the index table
 * is read and checked in full at open; a tensor's bytes are read, size- and CRC-checked on demand.
 */
export class TfBundleReader {
  private constructor(
    readonly prefix: string,
    readonly header: BundleHeaderProto,
    private readonly entries: Map<string, BundleEntryProto>,
    private readonly shardSizes: number[],
  ) {}

  static open(prefix: string): TfBundleReader {
    const indexFile = bundleIndexPath(prefix);
    if (!fs.existsSync(indexFile)) throw new NotFoundError(`Failed to find any matching files for ${prefix} (no ${indexFile})`);
    const table = readTable(fs.readFileSync(indexFile), indexFile);
    const fail = (what: string): never => { throw new DataLossError(`${indexFile}: corrupted tensor bundle: ${what}`); };
    if (table.length === 0 || table[0][0].length !== 0) fail('no header entry (the empty key)');
    const header = decodeProto(() => fromBinary(BundleHeaderProtoSchema, table[0][1]), indexFile, 'BundleHeaderProto');
    if (header.endianness === BundleHeaderProto_Endianness.BIG) {
      throw new UnimplementedError(`${indexFile}: big-endian tensor bundles are not supported`);
    }
    if (header.numShards < 1 || header.numShards > MAX_SHARDS) fail(`num_shards is ${header.numShards}`);
    const entries = new Map<string, BundleEntryProto>();
    const decoder = new TextDecoder('utf-8', { fatal: false });
    for (const [keyBytes, value] of table.slice(1)) {
      const key = decoder.decode(keyBytes);
      const entry = decodeProto(() => fromBinary(BundleEntryProtoSchema, value), indexFile, `the BundleEntryProto of '${key}'`);
      if (entry.shardId < 0 || entry.shardId >= header.numShards) {
        fail(`tensor '${key}' is in shard ${entry.shardId} of ${header.numShards}`);
      }
      entries.set(key, entry);
    }
    const shardSizes: number[] = [];
    for (let s = 0; s < header.numShards; s++) {
      const file = bundleDataPath(prefix, s, header.numShards);
      if (!fs.existsSync(file)) {
        throw new DataLossError(`${indexFile}: the header names ${header.numShards} data shard(s) but ${file} does not exist`);
      }
      shardSizes.push(fs.statSync(file).size);
    }
    return new TfBundleReader(prefix, header, entries, shardSizes);
  }

  /** The tensor names, sorted (the table's order). */
  names(): string[] { return [...this.entries.keys()]; }
  has(name: string): boolean { return this.entries.has(name); }

  entry(name: string): BundleEntryProto {
    const e = this.entries.get(name);
    if (!e) throw new NotFoundError(`Key ${name} not found in checkpoint`);
    return e;
  }

  shape(name: string): number[] {
    return this.entry(name).shape?.dim.map((d) => Number(d.size)) ?? [];
  }

  dtype(name: string): DataType { return this.entry(name).dtype; }

  /** The tensor's stored bytes: within its shard file and CRC-checked. */
  readBytes(name: string): Uint8Array {
    const e = this.entry(name);
    const file = bundleDataPath(this.prefix, e.shardId, this.header.numShards);
    if (e.slices.length > 0) {
      throw new UnimplementedError(`tensor '${name}' in ${bundleIndexPath(this.prefix)} is saved as partitioned slices, which tensorgraph does not read`);
    }
    const offset = Number(e.offset);
    const size = Number(e.size);
    if (offset < 0 || size < 0 || offset + size > this.shardSizes[e.shardId]) {
      throw new DataLossError(`${file}: tensor '${name}' at offset ${offset} of ${size} bytes runs past the end of the file (${this.shardSizes[e.shardId]} bytes)`);
    }
    const bytes = new Uint8Array(size);
    const fd = fs.openSync(file, 'r');
    try {
      if (fs.readSync(fd, bytes, 0, size, offset) !== size) throw new DataLossError(`${file}: short read of tensor '${name}'`);
    } finally {
      fs.closeSync(fd);
    }
    if (e.dtype !== DataType.DT_STRING && crc32cUpdate(0, bytes) !== unmaskCrc(e.crc32c)) {
      throw new DataLossError(`${file}: checksum mismatch for tensor '${name}'`);
    }
    return bytes;
  }

  /** A numeric tensor as an NDArray; a dtype tensorgraph lacks is an error naming the tensor. */
  read(name: string): NDArray {
    const e = this.entry(name);
    const kind = BUNDLE_DTYPES.get(e.dtype);
    if (!kind) {
      throw new UnimplementedError(`tensor '${name}' in checkpoint ${this.prefix} has dtype ${tfDTypeName(e.dtype)} ` +
        `(${tfDTypeEnumName(e.dtype)}), which tensorgraph's graphs cannot hold`);
    }
    const shape = this.checkedShape(name);
    const count = sizeOf(shape);
    if (Number(e.size) !== count * kind.bytesPerElement) {
      throw new DataLossError(`${bundleIndexPath(this.prefix)}: tensor '${name}' of shape [${shape}] and dtype ` +
        `${tfDTypeName(e.dtype)} records ${e.size} bytes, not ${count * kind.bytesPerElement}`);
    }
    const data = kind.decode(this.readBytes(name), count);
    if (kind.dtype === 'int64' && (data as Float64Array).some((v) => !Number.isSafeInteger(v))) {
      throw new UnimplementedError(`tensor '${name}' in checkpoint ${this.prefix} holds int64 values beyond 2^53, which tensorgraph's int64 cannot hold exactly`);
    }
    return new NDArray(data, shape, kind.dtype);
  }

  /**
   * A DT_STRING tensor: varint64 element lengths, a masked CRC32C of the lengths (taken over
   * them as fixed 8-byte little-endian integers), then the bytes. The entry's CRC covers the
   * 8-byte lengths, the length checksum and the bytes.
   */
  readStrings(name: string): StringTensor {
    const e = this.entry(name);
    if (e.dtype !== DataType.DT_STRING) throw new UnimplementedError(`tensor '${name}' is ${tfDTypeName(e.dtype)}, not string`);
    const file = bundleDataPath(this.prefix, e.shardId, this.header.numShards);
    const shape = this.checkedShape(name);
    const count = sizeOf(shape);
    const bytes = this.readBytes(name);
    const c = new ByteCursor(bytes, file);
    if (count > bytes.length) c.fail(`string tensor '${name}' of ${count} elements in ${bytes.length} bytes`);
    const lengths: number[] = [];
    let crc = 0;
    const eight = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < count; i++) {
      const n = c.varint(`length of element ${i} of '${name}'`);
      lengths.push(n);
      eight.setBigUint64(0, BigInt(n), true);
      crc = crc32cUpdate(crc, new Uint8Array(eight.buffer));
    }
    const lengthCrcBytes = c.take(4, `length checksum of '${name}'`);
    const lengthCrc = new ByteCursor(lengthCrcBytes, file).fixed32('length checksum');
    if (unmaskCrc(lengthCrc) !== crc) c.fail(`length checksum mismatch for string tensor '${name}'`);
    crc = crc32cUpdate(crc, lengthCrcBytes);
    const values = lengths.map((n, i) => c.take(n, `element ${i} of '${name}'`));
    for (const v of values) crc = crc32cUpdate(crc, v);
    if (c.remaining !== 0) c.fail(`${c.remaining} bytes after the last element of string tensor '${name}'`);
    if (crc !== unmaskCrc(e.crc32c)) c.fail(`checksum mismatch for tensor '${name}'`);
    return { dtype: 'string', shape, values: values.map((v) => v.slice()) };
  }

  private checkedShape(name: string): number[] {
    const shape = this.shape(name);
    let n = 1;
    for (const d of shape) {
      n *= d;
      if (!Number.isSafeInteger(d) || d < 0 || n > Number.MAX_SAFE_INTEGER) {
        throw new DataLossError(`${bundleIndexPath(this.prefix)}: tensor '${name}' has invalid shape [${shape}]`);
      }
    }
    return shape;
  }
}

/** Whether `prefix`.index is a TensorFlow table (rather than tensorgraph's own index format). */
export function isTfBundle(prefix: string): boolean {
  const file = bundleIndexPath(prefix);
  let fd: number;
  try { fd = fs.openSync(file, 'r'); } catch { return false; }
  try {
    const size = fs.fstatSync(fd).size;
    if (size < FOOTER_SIZE) return false;
    const tail = new Uint8Array(TABLE_MAGIC.length);
    fs.readSync(fd, tail, 0, tail.length, size - tail.length);
    return tail.every((b, i) => b === TABLE_MAGIC[i]);
  } finally {
    fs.closeSync(fd);
  }
}
