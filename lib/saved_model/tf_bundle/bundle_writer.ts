import { create, toBinary } from '@bufbuild/protobuf';
import { NDArray } from '../../framework/ndarray';
import { crc32c, maskCrc } from '../crc32c';
import { writeFileAtomic } from '../atomic_write';
import { BundleEntryProtoSchema, BundleHeaderProtoSchema } from '../../proto/tensorflow/core/protobuf/tensor_bundle_pb';
import { TensorShapeProtoSchema } from '../../proto/tensorflow/core/framework/tensor_shape_pb';
import { VersionDefSchema } from '../../proto/tensorflow/core/framework/versions_pb';
import { BUNDLE_DTYPES, bundleDTypeOf } from './bundle_dtypes';
import { bundleDataPath, bundleIndexPath } from './bundle_reader';
import { TableCompression, writeTable } from './table_writer';
import { ByteSink } from './byte_cursor';

/**
 * Writes `tensors` as a single-shard TensorFlow tensor bundle: `<prefix>.data-00000-of-00001`
 * (the tensors' little-endian bytes back to back, in name order, as TF's BundleWriter lays them
 * out) and `<prefix>.index` (the header under "" and one BundleEntryProto per name).
 */
export function writeTfBundle(prefix: string, tensors: Map<string, NDArray>, options: { compression?: TableCompression } = {}): void {
  const names = [...tensors.keys()].sort(compareUtf8);
  const data = new ByteSink();
  const encoder = new TextEncoder();
  const entries: Array<[Uint8Array, Uint8Array]> = [];
  const header = create(BundleHeaderProtoSchema, { numShards: 1, version: create(VersionDefSchema, { producer: 1 }) });
  entries.push([new Uint8Array(0), toBinary(BundleHeaderProtoSchema, header)]);
  for (const name of names) {
    const value = tensors.get(name)!;
    const dtype = bundleDTypeOf(value.dtype);
    const bytes = BUNDLE_DTYPES.get(dtype)!.encode(value.data);
    const entry = create(BundleEntryProtoSchema, {
      dtype,
      shape: create(TensorShapeProtoSchema, { dim: value.shape.map((d) => ({ size: BigInt(d) })) }),
      offset: BigInt(data.size),
      size: BigInt(bytes.length),
      crc32c: maskCrc(crc32c(bytes)),
    });
    data.bytes(bytes);
    entries.push([encoder.encode(name), toBinary(BundleEntryProtoSchema, entry)]);
  }
  // Data first: a reader that finds the index finds its data complete.
  writeFileAtomic(bundleDataPath(prefix, 0, 1), data.finish());
  writeFileAtomic(bundleIndexPath(prefix), writeTable(entries, options.compression ?? 'none'));
}

/** The table's key order: bytewise on the UTF-8 encoding (not JS's UTF-16 order). */
function compareUtf8(a: string, b: string): number {
  const ea = new TextEncoder().encode(a), eb = new TextEncoder().encode(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) if (ea[i] !== eb[i]) return ea[i] - eb[i];
  return ea.length - eb.length;
}
