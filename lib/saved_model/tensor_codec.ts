import { endianness } from 'os';
import { DType, typedArrayFor } from '../framework/dtypes';
import { NDArray, sizeOf } from '../framework/ndarray';

/** Bytes per element in the on-disk encoding (int64 is a true 8-byte integer there). */
export const BYTES_PER_ELEMENT: Record<DType, number> = { float32: 4, int32: 4, int64: 8, bool: 1, uint8: 1 };

export const DTYPES: readonly DType[] = ['float32', 'int32', 'int64', 'bool', 'uint8'];

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && (DTYPES as readonly string[]).includes(x);
}

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/** The little-endian bytes of an array's values (row-major). */
export function encodeTensor(a: NDArray): Uint8Array {
  const out = new Uint8Array(a.size * BYTES_PER_ELEMENT[a.dtype]);
  encodeTensorInto(a, out);
  return out;
}

/** Writes an array's little-endian bytes into `out`, which has exactly their length. */
export function encodeTensorInto(a: NDArray, out: Uint8Array): void {
  if (a.dtype === 'int64') {
    // Held as float64 in memory; stored as int64 so any other reader sees a plain int64 tensor.
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    for (let i = 0; i < a.size; i++) view.setBigInt64(i * 8, BigInt(a.data[i]), true);
  } else if (LITTLE_ENDIAN_HOST || BYTES_PER_ELEMENT[a.dtype] === 1) {
    out.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength));
  } else {
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    for (let i = 0; i < a.size; i++) {
      if (a.dtype === 'float32') view.setFloat32(i * 4, a.data[i], true);
      else view.setInt32(i * 4, a.data[i], true);
    }
  }
}

/**
 * Decodes little-endian bytes into a new NDArray. The caller has checked that
 * bytes.length equals the element count times the element size.
 */
export function decodeTensor(bytes: Uint8Array, dtype: DType, shape: readonly number[]): NDArray {
  const size = sizeOf(shape);
  const data = typedArrayFor(dtype, size);
  if (dtype === 'int64') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < size; i++) data[i] = Number(view.getBigInt64(i * 8, true));
  } else if (LITTLE_ENDIAN_HOST || BYTES_PER_ELEMENT[dtype] === 1) {
    new Uint8Array(data.buffer).set(bytes);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < size; i++) data[i] = dtype === 'float32' ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true);
  }
  return new NDArray(data, shape, dtype);
}

/** Base64 of an array's encoded bytes (tensor-valued attrs such as Const's value). */
export function tensorToBase64(a: NDArray): string {
  return Buffer.from(encodeTensor(a)).toString('base64');
}
