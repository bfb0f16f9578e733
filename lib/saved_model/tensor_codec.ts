import { endianness } from 'os';
import { DType, roundToFloat16, typedArrayFor } from '../framework/dtypes';
import { NDArray, sizeOf } from '../framework/ndarray';

/** Bytes per element in the on-disk encoding (int64 is a true 8-byte integer there, float16 a 2-byte half). */
export const BYTES_PER_ELEMENT: Record<DType, number> = {
  float32: 4, int32: 4, int64: 8, bool: 1, uint8: 1, float64: 8, float16: 2, int16: 2, int8: 1, uint16: 2,
  string: 0, resource: 0, // not in DTYPES: tensorgraph's own format stores no strings
};

export const DTYPES: readonly DType[] = ['float32', 'int32', 'int64', 'bool', 'uint8', 'float64', 'float16', 'int16', 'int8', 'uint16'];

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && (DTYPES as readonly string[]).includes(x);
}

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

import { float16Bits, float16FromBits } from '../framework/float16';
export { float16Bits, float16FromBits };

/** The little-endian bytes of an array's values (row-major). */
export function encodeTensor(a: NDArray): Uint8Array {
  const out = new Uint8Array(a.size * BYTES_PER_ELEMENT[a.dtype]);
  encodeTensorInto(a, out);
  return out;
}

/** Writes an array's little-endian bytes into `out`, which has exactly their length. */
export function encodeTensorInto(a: NDArray, out: Uint8Array): void {
  if (a.dtype === 'float16') {
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    for (let i = 0; i < a.size; i++) view.setUint16(i * 2, float16Bits(roundToFloat16(a.data[i])), true);
  } else if (a.dtype === 'int64') {
    // Held as float64 in memory; stored as int64 so any other reader sees a plain int64 tensor.
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    for (let i = 0; i < a.size; i++) view.setBigInt64(i * 8, BigInt(a.data[i]), true);
  } else if (LITTLE_ENDIAN_HOST || BYTES_PER_ELEMENT[a.dtype] === 1) {
    out.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength));
  } else {
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    for (let i = 0; i < a.size; i++) setElement(view, a.dtype, i, a.data[i]);
  }
}

/**
 * Decodes little-endian bytes into a new NDArray. The caller has checked that
 * bytes.length equals the element count times the element size.
 */
export function decodeTensor(bytes: Uint8Array, dtype: DType, shape: readonly number[]): NDArray {
  const size = sizeOf(shape);
  const data = typedArrayFor(dtype, size);
  if (dtype === 'float16') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < size; i++) data[i] = float16FromBits(view.getUint16(i * 2, true));
  } else if (dtype === 'int64') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < size; i++) data[i] = Number(view.getBigInt64(i * 8, true));
  } else if (LITTLE_ENDIAN_HOST || BYTES_PER_ELEMENT[dtype] === 1) {
    new Uint8Array(data.buffer).set(bytes);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < size; i++) data[i] = getElement(view, dtype, i);
  }
  return new NDArray(data, shape, dtype);
}

/** Big-endian hosts only: one little-endian element of a fixed-width dtype. */
function setElement(view: DataView, dtype: DType, i: number, v: number): void {
  switch (dtype) {
    case 'float32': view.setFloat32(i * 4, v, true); break;
    case 'float64': view.setFloat64(i * 8, v, true); break;
    case 'int16': view.setInt16(i * 2, v, true); break;
    case 'uint16': view.setUint16(i * 2, v, true); break;
    default: view.setInt32(i * 4, v, true);
  }
}
function getElement(view: DataView, dtype: DType, i: number): number {
  switch (dtype) {
    case 'float32': return view.getFloat32(i * 4, true);
    case 'float64': return view.getFloat64(i * 8, true);
    case 'int16': return view.getInt16(i * 2, true);
    case 'uint16': return view.getUint16(i * 2, true);
    default: return view.getInt32(i * 4, true);
  }
}

/** Base64 of an array's encoded bytes (tensor-valued attrs such as Const's value). */
export function tensorToBase64(a: NDArray): string {
  return Buffer.from(encodeTensor(a)).toString('base64');
}
