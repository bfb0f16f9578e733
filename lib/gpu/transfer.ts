/** Conversions between host NDArrays and the float32 values the device holds. */
import { NDArray } from '../framework/ndarray';
import { InvalidArgumentError } from '../framework/errors';
import { typedArrayFor, DType } from '../framework/dtypes';

/** Integers beyond this lose their low bits in a float32 texture. */
export const EXACT_INT_LIMIT = 2 ** 24;

/** The floats to upload for a host value; integers beyond 2^24 would not survive the trip. */
export function toDeviceFloats(value: NDArray, what: string): Float32Array {
  const d = value.data;
  if (value.dtype === 'float64') {
    // Steps on float64 run on the CPU (backend.ts hostOnlyDType); an upload would silently downcast.
    throw new InvalidArgumentError(`${what} is float64: the gpu backend holds float32 and computes float64 on the CPU only`);
  }
  if (d instanceof Float32Array) return d;
  if (value.dtype === 'int32' || value.dtype === 'int64') {
    for (let i = 0; i < d.length; i++) {
      if (d[i] > EXACT_INT_LIMIT || d[i] < -EXACT_INT_LIMIT) {
        throw new InvalidArgumentError(`${what} holds the ${value.dtype} value ${d[i]} at flat index ${i}: the gpu backend ` +
          `holds integers in float32, exact only within ±2^24 = ±${EXACT_INT_LIMIT}; run this graph with device 'cpu'`);
      }
    }
  }
  return Float32Array.from(d);
}

/** A host NDArray of `dtype` from device floats (integers and bools were computed exactly). */
export function fromDeviceFloats(floats: Float32Array, shape: number[], dtype: DType, owned: boolean): NDArray {
  switch (dtype) {
    case 'float32':
      return new NDArray(owned ? floats : floats.slice(), shape, dtype);
    case 'bool': {
      const out = new Uint8Array(floats.length);
      for (let i = 0; i < floats.length; i++) out[i] = floats[i] !== 0 ? 1 : 0;
      return new NDArray(out, shape, dtype);
    }
    default: {
      const out = typedArrayFor(dtype, floats.length);
      for (let i = 0; i < floats.length; i++) out[i] = Math.round(floats[i]);
      return new NDArray(out, shape, dtype);
    }
  }
}
