/**
 * The dtypes tensorgraph supports, with TF1's names.
 *
 * int64 is held in a Float64Array: every integer up to 2^53 in magnitude is exact,
 * which covers labels, indices and step counters; larger values lose precision
 * (documented in docs/dtypes.md). BigInt64Array would be exact but makes every
 * kernel that touches int64 slow and two-typed, which no tutorial needs.
 */
export type DType = 'float32' | 'int32' | 'int64' | 'bool' | 'uint8';

export type TypedArray = Float32Array | Int32Array | Float64Array | Uint8Array;

export const float32: DType = 'float32';
export const int32: DType = 'int32';
export const int64: DType = 'int64';
export const bool: DType = 'bool';
export const uint8: DType = 'uint8';

const ALIASES: Record<string, DType> = {
  float: 'float32', float32: 'float32', int32: 'int32', int64: 'int64', bool: 'bool', uint8: 'uint8',
};

/** TF1's tf.as_dtype: accepts a DType or an alias such as 'float'. */
export function as_dtype(value: unknown): DType {
  if (typeof value === 'string' && value in ALIASES) return ALIASES[value];
  throw new TypeError(`Cannot convert ${JSON.stringify(value)} to a tensorgraph dtype; ` +
    `expected one of ${Object.keys(ALIASES).join(', ')}`);
}

export function isFloating(dtype: DType): boolean { return dtype === 'float32'; }
export function isInteger(dtype: DType): boolean {
  return dtype === 'int32' || dtype === 'int64' || dtype === 'uint8';
}

export function typedArrayFor(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32': return new Float32Array(size);
    case 'int32': return new Int32Array(size);
    case 'int64': return new Float64Array(size);
    case 'bool': return new Uint8Array(size);
    case 'uint8': return new Uint8Array(size);
  }
}

/** Converts a JS number to the value a dtype stores (truncation toward zero for integers, as TF's cast). */
export function coerce(dtype: DType, v: number | boolean): number {
  const n = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  switch (dtype) {
    case 'float32': return Math.fround(n);
    case 'int32': return n | 0;
    case 'int64': return Math.trunc(n);
    case 'bool': return n ? 1 : 0;
    case 'uint8': return (Math.trunc(n) & 0xff);
  }
}

export function typedArrayMatches(dtype: DType, data: ArrayLike<number>): boolean {
  switch (dtype) {
    case 'float32': return data instanceof Float32Array;
    case 'int32': return data instanceof Int32Array;
    case 'int64': return data instanceof Float64Array;
    case 'bool': case 'uint8': return data instanceof Uint8Array;
  }
}
