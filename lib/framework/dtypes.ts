/**
 * The dtypes tensorgraph supports, with TF1's names. A DType is its TF1 name as a string
 * (so `tf.float32.is_floating` is `tf.dtypes.isFloating(tf.float32)` here; docs/dtypes.md).
 *
 * int64 is held in a Float64Array: every integer up to 2^53 in magnitude is exact,
 * which covers labels, indices and step counters; larger values lose precision
 * (documented in docs/dtypes.md). BigInt64Array would be exact but makes every
 * kernel that touches int64 slow and two-typed, which no tutorial needs.
 * float16 is held in a Float32Array whose values are rounded to the nearest half
 * wherever a value enters the dtype (constants, feeds, casts); JS has no Float16Array
 * that every supported Node has.
 */
export type DType = 'float32' | 'float64' | 'float16' | 'int32' | 'int64' | 'int16' | 'int8' |
  'uint16' | 'uint8' | 'bool' | 'string' | 'resource';

export type TypedArray = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array |
  Uint16Array | Uint8Array;

export const float32: DType = 'float32';
export const float64: DType = 'float64';
export const double: DType = 'float64';
export const float16: DType = 'float16';
export const half: DType = 'float16';
export const int32: DType = 'int32';
export const int64: DType = 'int64';
export const int16: DType = 'int16';
export const int8: DType = 'int8';
export const uint16: DType = 'uint16';
export const uint8: DType = 'uint8';
export const bool: DType = 'bool';
/** Byte strings (TF's DT_STRING): held as Uint8Array values, only moved between host ops (Const, Identity, feeds, checkpoint I/O). */
export const string: DType = 'string';
/**
 * A handle to a resource variable or lookup table (TF's DT_RESOURCE): held as a string array whose
 * values are the resource's key in the session (container/shared_name); only resource ops read it.
 */
export const resource: DType = 'resource';

const ALIASES: Record<string, DType> = {
  float: 'float32', float32: 'float32', double: 'float64', float64: 'float64', half: 'float16', float16: 'float16',
  int32: 'int32', int64: 'int64', int16: 'int16', int8: 'int8', uint16: 'uint16', uint8: 'uint8', bool: 'bool',
  string: 'string', resource: 'resource',
};

/**
 * TF1 dtypes with no kernels here. They are exported under their TF1 names as plain strings
 * (a module namespace cannot throw on access), and every use goes through as_dtype, which refuses them.
 */
export const UNSUPPORTED_DTYPES: readonly string[] = ['complex64', 'complex128', 'qint8', 'quint8',
  'qint16', 'quint16', 'qint32', 'bfloat16', 'uint32', 'uint64', 'variant'];
export const complex64 = 'complex64' as unknown as DType;
export const complex128 = 'complex128' as unknown as DType;
export const bfloat16 = 'bfloat16' as unknown as DType;
export const qint8 = 'qint8' as unknown as DType;
export const quint8 = 'quint8' as unknown as DType;
export const qint32 = 'qint32' as unknown as DType;

function unsupportedReason(name: string): string {
  if (name.startsWith('complex')) return 'no complex kernels';
  if (name.startsWith('q')) return 'no quantized kernels';
  if (name === 'string') return 'no string tensors';
  return 'no kernels for it';
}

/** TF1's tf.as_dtype: accepts a DType or an alias such as 'float' or 'double'. */
export function as_dtype(value: unknown): DType {
  if (typeof value === 'string' && value in ALIASES) return ALIASES[value];
  if (typeof value === 'string' && UNSUPPORTED_DTYPES.includes(value)) {
    throw new TypeError(`tensorgraph does not support dtype ${value} (${unsupportedReason(value)}); ` +
      `supported dtypes: ${[...new Set(Object.values(ALIASES))].join(', ')}`);
  }
  throw new TypeError(`Cannot convert ${JSON.stringify(value)} to a tensorgraph dtype; ` +
    `expected one of ${Object.keys(ALIASES).join(', ')}`);
}

/** TF1's DType.is_floating. */
export function isFloating(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64' || dtype === 'float16';
}
/** TF1's DType.is_integer (bool is not an integer). */
export function isInteger(dtype: DType): boolean {
  return dtype === 'int32' || dtype === 'int64' || dtype === 'int16' || dtype === 'int8' ||
    dtype === 'uint16' || dtype === 'uint8';
}
/** Whether gradients flow through a tensor of this dtype: float32 and float64 (float16 has no arithmetic here). */
export function hasGradient(dtype: DType): boolean { return dtype === 'float32' || dtype === 'float64'; }

/** TF1's DType.is_unsigned. */
export function isUnsigned(dtype: DType): boolean {
  return dtype === 'uint8' || dtype === 'uint16' || dtype === 'bool';
}

/** TF1's DType.min / DType.max: the lowest and highest finite values. int64's are +-2^63 as doubles. */
export function dtypeMin(dtype: DType): number { return LIMITS[dtype][0]; }
export function dtypeMax(dtype: DType): number { return LIMITS[dtype][1]; }
const F32_MAX = 3.4028234663852886e38;
const LIMITS: Record<DType, [number, number]> = {
  float32: [-F32_MAX, F32_MAX], float64: [-Number.MAX_VALUE, Number.MAX_VALUE], float16: [-65504, 65504],
  int32: [-(2 ** 31), 2 ** 31 - 1], int64: [-(2 ** 63), 2 ** 63], int16: [-32768, 32767], int8: [-128, 127],
  uint16: [0, 65535], uint8: [0, 255], bool: [0, 1], string: [NaN, NaN], resource: [NaN, NaN],
};

/** The size of one element in bytes, as TF1's DType.size (float16 is 2 although held in 4 here). */
export function dtypeSize(dtype: DType): number {
  switch (dtype) {
    case 'float64': case 'int64': return 8;
    case 'float32': case 'int32': return 4;
    case 'float16': case 'int16': case 'uint16': return 2;
    case 'int8': case 'uint8': case 'bool': return 1;
    case 'string': case 'resource': return 8; // NumPy's object itemsize, as TF1's tf.string.size
  }
}

export function typedArrayFor(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32': case 'float16': return new Float32Array(size);
    // A string array's values are its NDArray's `strings`; `data` only holds its size (zeros).
    case 'string': case 'resource': return new Float64Array(size);
    case 'float64': case 'int64': return new Float64Array(size);
    case 'int32': return new Int32Array(size);
    case 'int16': return new Int16Array(size);
    case 'int8': return new Int8Array(size);
    case 'uint16': return new Uint16Array(size);
    case 'bool': case 'uint8': return new Uint8Array(size);
  }
}

/**
 * The nearest IEEE half to x, as a double: round half to even, past 65520 to infinity,
 * subnormals below 2^-14 in steps of 2^-24. Exact: every step is a power-of-two scaling
 * or an integer comparison of a double.
 */
export function roundToFloat16(x: number): number {
  const a = Math.abs(x);
  if (!Number.isFinite(a) || a === 0) return x;
  if (a >= 65520) return x > 0 ? Infinity : -Infinity; // 65504 plus half its unit rounds up (to even: away)
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--; // log2 may round up just below a power of two
  else if (2 ** (e + 1) <= a) e++;
  const quantum = 2 ** (Math.max(e, -14) - 10); // subnormals share the smallest exponent's unit
  const r = a / quantum;
  const below = Math.floor(r);
  const n = r - below < 0.5 ? below : r - below > 0.5 ? below + 1 : below + (below % 2);
  return (x < 0 ? -1 : 1) * n * quantum;
}

/**
 * Converts a JS number to the value a dtype stores: TF's cast (truncation toward zero for
 * integers, wrapping into the narrower integer types as their typed arrays do; NaN and
 * infinities become 0 there), nonzero is true for bool.
 */
export function coerce(dtype: DType, v: number | boolean): number {
  const n = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  switch (dtype) {
    case 'float32': return Math.fround(n);
    case 'float64': return n;
    case 'float16': return roundToFloat16(n);
    case 'int32': return n | 0;
    case 'int64': return Math.trunc(n) || 0;
    case 'int16': return (n << 16) >> 16;
    case 'int8': return (n << 24) >> 24;
    case 'uint16': return n & 0xffff;
    case 'uint8': return n & 0xff;
    case 'bool': return n ? 1 : 0;
    case 'string': case 'resource': return 0;
  }
}

/**
 * The dtype a typed array given without one stands for (Float64Array: float64, not int64;
 * Float32Array: float32, not float16; Uint8Array: uint8, not bool), or null for anything else.
 */
export function dtypeOfTypedArray(x: unknown): DType | null {
  if (x instanceof Float32Array) return 'float32';
  if (x instanceof Float64Array) return 'float64';
  if (x instanceof Int32Array) return 'int32';
  if (x instanceof Int16Array) return 'int16';
  if (x instanceof Int8Array) return 'int8';
  if (x instanceof Uint16Array) return 'uint16';
  if (x instanceof Uint8Array) return 'uint8';
  return null;
}

/** Whether `data` is the typed array class that holds dtype (int64 and float64 share Float64Array). */
export function typedArrayMatches(dtype: DType, data: ArrayLike<number>): boolean {
  switch (dtype) {
    case 'float32': case 'float16': return data instanceof Float32Array;
    case 'string': case 'resource': return data instanceof Float64Array;
    case 'float64': case 'int64': return data instanceof Float64Array;
    case 'int32': return data instanceof Int32Array;
    case 'int16': return data instanceof Int16Array;
    case 'int8': return data instanceof Int8Array;
    case 'uint16': return data instanceof Uint16Array;
    case 'bool': case 'uint8': return data instanceof Uint8Array;
  }
}
