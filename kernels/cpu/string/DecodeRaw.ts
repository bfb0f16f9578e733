import { InvalidArgumentError } from '../../../lib/framework/errors';
import { NDArray } from '../../../lib/framework/ndarray';
import { DType, typedArrayFor } from '../../../lib/framework/dtypes';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';

/** Bytes per element and TF's DataTypeString, which its error messages use. */
const ELEMENT: Partial<Record<DType, { bytes: number; tfName: string; read: (v: DataView, at: number, le: boolean) => number }>> = {
  float16: { bytes: 2, tfName: 'half', read: (v, at, le) => halfValue(v.getUint16(at, le)) },
  float32: { bytes: 4, tfName: 'float', read: (v, at, le) => v.getFloat32(at, le) },
  float64: { bytes: 8, tfName: 'double', read: (v, at, le) => v.getFloat64(at, le) },
  int32: { bytes: 4, tfName: 'int32', read: (v, at, le) => v.getInt32(at, le) },
  int64: { bytes: 8, tfName: 'int64', read: (v, at, le) => Number(v.getBigInt64(at, le)) },
  int16: { bytes: 2, tfName: 'int16', read: (v, at, le) => v.getInt16(at, le) },
  uint16: { bytes: 2, tfName: 'uint16', read: (v, at, le) => v.getUint16(at, le) },
  int8: { bytes: 1, tfName: 'int8', read: (v, at) => v.getInt8(at) },
  uint8: { bytes: 1, tfName: 'uint8', read: (v, at) => v.getUint8(at) },
};

/** DecodeRaw: every string of `bytes` must have the same length; each becomes a vector along a new last axis. */
export const decodeRawKernel: CpuKernel = ([bytes], ctx) => {
  const outType = ctx.attrs.out_type as DType;
  const littleEndian = ctx.attrs.little_endian as boolean;
  const element = ELEMENT[outType]!;
  const strings = bytes.strings!;
  const length = strings.length > 0 ? strings[0].length : 0;
  if (length % element.bytes !== 0) {
    throw new InvalidArgumentError(`Input to DecodeRaw has length ${length} that is not a multiple of ${element.bytes}, the size of ${element.tfName}`, ctx.op.name);
  }
  strings.forEach((s, i) => {
    if (s.length !== length) {
      throw new InvalidArgumentError(`DecodeRaw requires input strings to all be the same size, but element ${i} has size ${s.length} != ${length}`, ctx.op.name);
    }
  });
  const perString = length / element.bytes;
  const out = typedArrayFor(outType, strings.length * perString);
  strings.forEach((s, i) => {
    const view = new DataView(s.buffer, s.byteOffset, s.byteLength);
    for (let j = 0; j < perString; j++) out[i * perString + j] = element.read(view, j * element.bytes, littleEndian);
  });
  return new NDArray(out, [...bytes.shape, perString], outType);
};

/** The value of an IEEE half's bit pattern. */
function halfValue(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
