/**
 * `tf.numpy_like`: the few NumPy calls a ported TF1 script makes around its graph (printing
 * fetched values, seeded data generation), so that it runs without NumPy. A convenience,
 * not a NumPy clone: arrays are NDArrays, and NDArray itself has reshape, row(s), slice,
 * argmax, mean, equal and tolist (docs/api.md).
 */
import { DType, typedArrayFor } from './dtypes';
import { ValueError } from './errors';
import { NDArray, sizeOf } from './ndarray';
import { arrayRepr, scalarStr } from './numpy_print';
import { Xoshiro128 } from './random';

export { set_printoptions, get_printoptions } from './numpy_print';
export type { PrintOptions } from './numpy_print';

/**
 * Python's str() of what sess.run returns, as print() shows it. A fetched 0-d tensor comes
 * back as a JS number that has lost its dtype: it prints as a float32 (`0.8538206`, `1.0`),
 * the dtype of losses and accuracies, unless `dtype` says otherwise (`str(step, 'int64')`).
 * A list prints as Python prints a list: its arrays as their repr.
 */
export function str(value: unknown, dtype: DType = 'float32'): string {
  if (value instanceof NDArray) return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean') return scalarStr(value, typeof value === 'boolean' ? 'bool' : dtype);
  if (Array.isArray(value)) return '[' + value.map((v) => repr(v, dtype)).join(', ') + ']';
  return String(value);
}

/** Python's repr(): `array([3.3, 4.4], dtype=float32)` for arrays, numbers as str() gives them. */
export function repr(value: unknown, dtype: DType = 'float32'): string {
  if (value instanceof NDArray) return arrayRepr(value);
  if (Array.isArray(value)) return '[' + value.map((v) => repr(v, dtype)).join(', ') + ']';
  return str(value, dtype);
}

type Size = number | readonly number[];

function shapeOf(size: Size, fn: string): number[] {
  const shape = typeof size === 'number' ? [size] : [...size];
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ValueError(`${fn}: size must be non-negative integers, got ${JSON.stringify(size)}`);
  }
  return shape;
}

/**
 * numpy.random.RandomState: seeded streams for generating example data. The values are
 * tensorgraph's own (xoshiro128**), not NumPy's Mersenne Twister: the same seed gives the
 * same data here every time, not NumPy's data. Floats are float32, integers int32.
 */
export class RandomState {
  private rng: Xoshiro128;

  constructor(seed?: number) { this.rng = RandomState.stream(seed); }

  private static stream(seed: number | undefined): Xoshiro128 {
    if (seed === undefined) return new Xoshiro128((Math.random() * 2 ** 32) >>> 0, (Math.random() * 2 ** 32) >>> 0);
    if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
      throw new ValueError(`Seed must be between 0 and 2**32 - 1, got ${seed}`);
    }
    return new Xoshiro128(seed, 0x6e70 /* "np": apart from op and DataSet streams */);
  }

  /** numpy.random.seed. */
  seed(seed?: number): void { this.rng = RandomState.stream(seed); }

  private fill(size: Size | undefined, fn: string, dtype: DType, next: () => number): number | NDArray {
    if (size === undefined) return next();
    const shape = shapeOf(size, fn);
    const data = typedArrayFor(dtype, sizeOf(shape));
    for (let i = 0; i < data.length; i++) data[i] = next();
    return new NDArray(data, shape, dtype);
  }

  /** numpy.random.normal(loc, scale, size): one number without size, else a float32 array. */
  normal(loc?: number, scale?: number): number;
  normal(loc: number, scale: number, size: Size): NDArray;
  normal(loc = 0, scale = 1, size?: Size): number | NDArray {
    if (!(scale >= 0)) throw new ValueError('scale < 0');
    return this.fill(size, 'normal', 'float32', () => loc + scale * this.rng.normal());
  }

  /** numpy.random.uniform(low, high, size): values in [low, high). */
  uniform(low?: number, high?: number): number;
  uniform(low: number, high: number, size: Size): NDArray;
  uniform(low = 0, high = 1, size?: Size): number | NDArray {
    return this.fill(size, 'uniform', 'float32', () => {
      const v = Math.fround(low + (high - low) * this.rng.uniform());
      return v >= high && high > low ? Math.fround(low) : v; // float32 rounding must not reach high
    });
  }

  /** numpy.random.randint(low, high, size): integers in [low, high) (one argument: [0, low)), int32. */
  randint(low: number, high?: number): number;
  randint(low: number, high: number | undefined, size: Size): NDArray;
  randint(low: number, high?: number, size?: Size): number | NDArray {
    const [lo, hi] = high === undefined ? [0, low] : [low, high];
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo >= hi) throw new ValueError(`low >= high (low=${lo}, high=${hi})`);
    return this.fill(size, 'randint', 'int32', () => lo + Math.floor(this.rng.uniform() * (hi - lo)));
  }

  /** numpy.random.permutation: 0..n-1 shuffled (int32), or an array's rows in a shuffled order (a copy). */
  permutation(x: number | NDArray): NDArray {
    const n = x instanceof NDArray ? (x.rank === 0 ? -1 : x.shape[0]) : x;
    if (!Number.isInteger(n) || n < 0) throw new ValueError(`permutation: x must be a non-negative integer or an array with an axis, got ${String(x)}`);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.rng.uniform() * (i + 1));
      const t = order[i]; order[i] = order[j]; order[j] = t;
    }
    if (!(x instanceof NDArray)) return new NDArray(order, [n], 'int32');
    const rowSize = x.size / Math.max(n, 1);
    const data = typedArrayFor(x.dtype, x.size);
    for (let i = 0; i < n; i++) data.set(x.data.subarray(order[i] * rowSize, (order[i] + 1) * rowSize), i * rowSize);
    return new NDArray(data, x.shape, x.dtype);
  }
}

/** numpy.random: one process-wide RandomState (seed it with `random.seed(n)`), and the class. */
const global = new RandomState();
export const random = {
  seed: (seed?: number) => global.seed(seed),
  normal: global.normal.bind(global) as RandomState['normal'],
  uniform: global.uniform.bind(global) as RandomState['uniform'],
  randint: global.randint.bind(global) as RandomState['randint'],
  permutation: (x: number | NDArray) => global.permutation(x),
  RandomState,
};
