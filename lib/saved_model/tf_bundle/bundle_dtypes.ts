import type { DType, TypedArray } from '../../framework/dtypes';
import { DataType } from '../../proto/tensorflow/core/framework/types_pb';
import { float16Bits, float16FromBits } from '../../framework/float16';

/**
 * How a fixed-size TF dtype's little-endian bundle bytes become one of tensorgraph's dtypes,
 * and back. The one table to extend when tensorgraph gains a dtype (float64, int8, ...).
 */
export interface BundleDType {
  dtype: DType;
  bytesPerElement: number;
  decode(bytes: Uint8Array, count: number): TypedArray;
  encode(data: TypedArray): Uint8Array;
}

/** Copies into a fresh buffer: the bytes may sit at any offset, typed arrays need alignment. */
const aligned = (bytes: Uint8Array) => bytes.slice().buffer;
const rawBytes = (data: TypedArray) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();

export const BUNDLE_DTYPES: ReadonlyMap<DataType, BundleDType> = new Map<DataType, BundleDType>([
  [DataType.DT_FLOAT, { dtype: 'float32', bytesPerElement: 4, decode: (b) => new Float32Array(aligned(b)), encode: rawBytes }],
  [DataType.DT_INT32, { dtype: 'int32', bytesPerElement: 4, decode: (b) => new Int32Array(aligned(b)), encode: rawBytes }],
  [DataType.DT_UINT8, { dtype: 'uint8', bytesPerElement: 1, decode: (b) => b.slice(), encode: rawBytes }],
  [DataType.DT_BOOL, { dtype: 'bool', bytesPerElement: 1, decode: (b) => b.map((x) => (x ? 1 : 0)), encode: rawBytes }],
  [DataType.DT_DOUBLE, { dtype: 'float64', bytesPerElement: 8, decode: (b) => new Float64Array(aligned(b)), encode: rawBytes }],
  [DataType.DT_INT16, { dtype: 'int16', bytesPerElement: 2, decode: (b) => new Int16Array(aligned(b)), encode: rawBytes }],
  [DataType.DT_INT8, { dtype: 'int8', bytesPerElement: 1, decode: (b) => new Int8Array(aligned(b)), encode: rawBytes }],
  [DataType.DT_UINT16, { dtype: 'uint16', bytesPerElement: 2, decode: (b) => new Uint16Array(aligned(b)), encode: rawBytes }],
  [DataType.DT_HALF, {
    dtype: 'float16', bytesPerElement: 2,
    // tensorgraph holds float16 values in a Float32Array; the bundle holds IEEE halves.
    decode: (b) => Float32Array.from(new Uint16Array(aligned(b)), float16FromBits),
    encode: (data) => new Uint8Array(Uint16Array.from(data, float16Bits).buffer),
  }],
  [DataType.DT_INT64, {
    dtype: 'int64', bytesPerElement: 8,
    // tensorgraph holds int64 in a Float64Array (exact to 2^53; see docs/dtypes.md).
    decode: (b, n) => Float64Array.from(new BigInt64Array(aligned(b), 0, n), (v) => Number(v)),
    encode: (data) => new Uint8Array(BigInt64Array.from(data as Float64Array, (v) => BigInt(v)).buffer),
  }],
]);

/** The bundle dtype of one of tensorgraph's dtypes. */
export function bundleDTypeOf(dtype: DType): DataType {
  for (const [tf, d] of BUNDLE_DTYPES) if (d.dtype === dtype) return tf;
  throw new RangeError(`no TensorFlow dtype for ${dtype}`);
}

/** TF's Python name of a DataType (what tf.as_dtype(...).name gives), e.g. 'float32', 'string'. */
export function tfDTypeName(dt: DataType): string {
  const names: Partial<Record<DataType, string>> = {
    [DataType.DT_FLOAT]: 'float32', [DataType.DT_DOUBLE]: 'float64', [DataType.DT_HALF]: 'float16',
    [DataType.DT_BFLOAT16]: 'bfloat16', [DataType.DT_COMPLEX64]: 'complex64', [DataType.DT_COMPLEX128]: 'complex128',
    [DataType.DT_QINT8]: 'qint8', [DataType.DT_QUINT8]: 'quint8', [DataType.DT_QINT16]: 'qint16',
    [DataType.DT_QUINT16]: 'quint16', [DataType.DT_QINT32]: 'qint32',
  };
  return names[dt] ?? (DataType[dt] ?? `dtype_${dt}`).replace(/^DT_/, '').toLowerCase();
}

/** TF's C++ name of a DataType (DataTypeString), e.g. 'DT_FLOAT'. */
export function tfDTypeEnumName(dt: DataType): string {
  return DataType[dt] ?? `DT_INVALID(${dt})`;
}
