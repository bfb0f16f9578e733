import { create } from '@bufbuild/protobuf';
import { TensorProtoSchema, TensorProto, TensorProto_DataType as OnnxType } from '../proto/onnx/onnx_pb';
import type { NDArray } from '../framework/ndarray';
import type { DType } from '../framework/dtypes';
import { UnimplementedError } from '../framework/errors';

const ONNX_TYPE_OF: Partial<Record<DType, OnnxType>> = {
  float32: OnnxType.FLOAT, float64: OnnxType.DOUBLE, int32: OnnxType.INT32, int64: OnnxType.INT64,
  int16: OnnxType.INT16, int8: OnnxType.INT8, uint16: OnnxType.UINT16, uint8: OnnxType.UINT8, bool: OnnxType.BOOL,
};

/** TensorProto.DataType of a tensorgraph dtype; strings and float16 are not exported. */
export function onnxType(dtype: DType, where: string): OnnxType {
  const t = ONNX_TYPE_OF[dtype];
  if (t === undefined) throw new UnimplementedError(`ONNX export: dtype ${dtype} of ${where} is not supported`);
  return t;
}

/** The value's elements as little-endian bytes of its ONNX type (TensorProto.raw_data). */
function rawBytes(value: NDArray): Uint8Array {
  const d = value.data;
  // int64 is held as float64 here (exact to 2^53); ONNX wants real 64-bit integers.
  if (value.dtype === 'int64') return new Uint8Array(BigInt64Array.from(Array.from(d, (v) => BigInt(v))).buffer);
  if (value.dtype === 'bool') return Uint8Array.from(d as ArrayLike<number>, (v) => (v ? 1 : 0));
  return new Uint8Array(d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength));
}

/** An initializer: value as a named TensorProto with raw_data. */
export function tensorProto(name: string, value: NDArray): TensorProto {
  return create(TensorProtoSchema, {
    name,
    dims: value.shape.map((n) => BigInt(n)),
    dataType: onnxType(value.dtype, `initializer '${name}'`),
    rawData: rawBytes(value),
  });
}
