import { DType, TypedArray, typedArrayFor, typedArrayMatches, coerce, dtypeOfTypedArray } from './dtypes';
import { InvalidArgumentError, ValueError } from './errors';
import { arrayRepr, arrayStr } from './numpy_print';

export type Shape = number[];

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) { strides[i] = s; s *= shape[i]; }
  return strides;
}

export function formatShape(shape: readonly (number | null)[] | null): string {
  if (shape === null) return '<unknown>';
  return '(' + shape.map((d) => (d === null ? '?' : String(d))).join(', ') + (shape.length === 1 ? ',)' : ')');
}

/** A concrete, dense, row-major value: what kernels consume and sessions return. */
export class NDArray {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly data: TypedArray;
  /**
   * A string array's values (TF's DT_STRING: byte strings), row-major; `data` then holds only
   * zeros of the same length, so size, reshape and the executor's bookkeeping work unchanged.
   */
  readonly strings: readonly Uint8Array[] | null = null;

  constructor(data: TypedArray, shape: readonly number[], dtype: DType, strings?: readonly Uint8Array[]) {
    if (!typedArrayMatches(dtype, data)) {
      throw new InvalidArgumentError(`NDArray of dtype ${dtype} cannot hold a ${data.constructor.name}`);
    }
    if (sizeOf(shape) !== data.length) {
      throw new InvalidArgumentError(
        `NDArray of shape ${formatShape(shape)} needs ${sizeOf(shape)} values, got ${data.length}`);
    }
    this.data = data;
    this.shape = shape.slice();
    this.dtype = dtype;
    if (dtype === 'string' || dtype === 'resource') {
      const values = strings ?? Array.from({ length: data.length }, () => new Uint8Array(0));
      if (values.length !== data.length) throw new InvalidArgumentError(`string NDArray of shape ${formatShape(shape)} needs ${data.length} values, got ${values.length}`);
      this.strings = values;
    }
  }

  /** A string array from JS strings (UTF-8 encoded) or bytes. */
  static fromStrings(values: readonly (string | Uint8Array)[], shape: readonly number[] = [values.length]): NDArray {
    const bytes = values.map((v) => (typeof v === 'string' ? new TextEncoder().encode(v) : v));
    return new NDArray(new Float64Array(bytes.length), shape, 'string', bytes);
  }

  /** The i-th string (row-major) decoded as UTF-8. */
  stringAt(i: number): string { return new TextDecoder().decode(this.strings![i]); }

  static zeros(shape: readonly number[], dtype: DType = 'float32'): NDArray {
    return new NDArray(typedArrayFor(dtype, sizeOf(shape)), shape, dtype);
  }

  static scalar(value: number | boolean, dtype: DType = 'float32'): NDArray {
    const data = typedArrayFor(dtype, 1);
    data[0] = coerce(dtype, value);
    return new NDArray(data, [], dtype);
  }

  /** Builds an NDArray from nested JS arrays (ragged input is an error naming both lengths). */
  static from(value: unknown, dtype?: DType): NDArray {
    if (value instanceof NDArray) return dtype && dtype !== value.dtype ? value.astype(dtype) : value;
    if (dtype === 'string' || (dtype === undefined && firstLeaf(value) !== undefined && typeof firstLeaf(value) === 'string')) {
      const shape = stringShape(value);
      const flat = (Array.isArray(value) ? (value as unknown[]).flat(Infinity) : [value]) as unknown[];
      if (flat.some((v) => typeof v !== 'string' && !(v instanceof Uint8Array))) throw new InvalidArgumentError('A string array needs strings (or Uint8Array bytes) only');
      return NDArray.fromStrings(flat as (string | Uint8Array)[], shape);
    }
    const shape = inferNestedShape(value);
    const dt: DType = dtype ?? inferDType(value);
    const data = typedArrayFor(dt, sizeOf(shape));
    let k = 0;
    const fill = (v: unknown, depth: number): void => {
      if (depth === shape.length) { data[k++] = coerce(dt, v as number | boolean); return; }
      const arr = v as ArrayLike<unknown>;
      if (arr.length !== shape[depth]) {
        throw new InvalidArgumentError(`Ragged nested array: expected length ${shape[depth]} at depth ${depth}, got ${arr.length}`);
      }
      for (let i = 0; i < arr.length; i++) fill(arr[i], depth + 1);
    };
    fill(value, 0);
    return new NDArray(data, shape, dt);
  }

  get size(): number { return this.data.length; }
  get rank(): number { return this.shape.length; }

  get(...index: number[]): number | boolean {
    if (index.length !== this.shape.length) {
      throw new InvalidArgumentError(`get() needs ${this.shape.length} indices for shape ${formatShape(this.shape)}, got ${index.length}`);
    }
    let flat = 0;
    for (let i = 0; i < index.length; i++) {
      const idx = index[i];
      if (!(idx >= 0 && idx < this.shape[i])) {
        throw new InvalidArgumentError(`Index ${idx} out of range for dimension ${i} of size ${this.shape[i]}`);
      }
      flat = flat * this.shape[i] + idx;
    }
    const v = this.data[flat];
    return this.dtype === 'bool' ? v !== 0 : v;
  }

  /** Nested JS arrays (booleans for bool), or a plain value for a 0-d array. */
  toArray(): any {
    const isBool = this.dtype === 'bool';
    const build = (depth: number, offset: number): any => {
      if (depth === this.shape.length) return this.strings ? this.stringAt(offset) : isBool ? this.data[offset] !== 0 : this.data[offset];
      const stride = sizeOf(this.shape.slice(depth + 1));
      const out = new Array(this.shape[depth]);
      for (let i = 0; i < this.shape[depth]; i++) out[i] = build(depth + 1, offset + i * stride);
      return out;
    };
    return build(0, 0);
  }

  /** NumPy's `a.tolist()`: the same as toArray(). */
  tolist(): any { return this.toArray(); }

  /** The same values in a new shape; one dimension may be -1 (inferred), as in NumPy. */
  reshape(shape: readonly number[]): NDArray {
    return new NDArray(this.data, inferReshape(this.size, shape), this.dtype, this.strings ?? undefined);
  }

  astype(dtype: DType): NDArray {
    if (dtype === this.dtype) return this;
    if (dtype === 'string' || this.dtype === 'string' || dtype === 'resource' || this.dtype === 'resource') throw new InvalidArgumentError(`Cast between ${this.dtype} and ${dtype} is not supported`);
    const out = typedArrayFor(dtype, this.size);
    for (let i = 0; i < out.length; i++) out[i] = coerce(dtype, this.data[i]);
    return new NDArray(out, this.shape, dtype);
  }

  clone(): NDArray { return new NDArray(this.data.slice(), this.shape, this.dtype, this.strings?.map((s) => s.slice())); }

  /** NumPy's `a[i]` (a copy): row i along the first axis; negative i counts from the end. */
  row(i: number): NDArray {
    if (this.rank === 0) throw new RangeError('too many indices for array: array is 0-dimensional, but 1 were indexed');
    const n = this.shape[0];
    if (!Number.isInteger(i) || i < -n || i >= n) throw new RangeError(`index ${i} is out of bounds for axis 0 with size ${n}`);
    return this.rows(i < 0 ? i + n : i, (i < 0 ? i + n : i) + 1).reshape(this.shape.slice(1));
  }

  /** NumPy's `a[start:end]` (a copy): rows start..end-1, negative bounds from the end, clamped as Python slices are. */
  rows(start: number, end: number = this.shape[0]): NDArray {
    if (this.rank === 0) throw new RangeError('too many indices for array: array is 0-dimensional, but 1 were indexed');
    const n = this.shape[0];
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
    const from = clamp(start);
    const to = Math.max(clamp(end), from);
    const rowSize = sizeOf(this.shape.slice(1));
    return new NDArray(this.data.slice(from * rowSize, to * rowSize), [to - from, ...this.shape.slice(1)], this.dtype);
  }

  /** tf.slice on the host: `size[i]` values from `begin[i]` along each axis (-1: all the rest). */
  slice(begin: readonly number[], size: readonly number[]): NDArray {
    if (begin.length !== this.rank || size.length !== this.rank) {
      throw new InvalidArgumentError(`Expected begin and size arguments to be 1-D tensors of size ${this.rank}, ` +
        `but got shapes (${begin.length},) and (${size.length},) instead.`);
    }
    const sizes = size.map((s, i) => (s === -1 ? this.shape[i] - begin[i] : s));
    for (let i = 0; i < this.rank; i++) {
      if (!(begin[i] >= 0 && begin[i] <= this.shape[i] && sizes[i] >= 0 && begin[i] + sizes[i] <= this.shape[i])) {
        throw new InvalidArgumentError(`Expected size[${i}] in [0, ${this.shape[i] - begin[i]}], but got ${size[i]}` +
          (begin[i] >= 0 && begin[i] <= this.shape[i] ? '' : ` (begin[${i}] = ${begin[i]} is outside [0, ${this.shape[i]}])`));
      }
    }
    const out = typedArrayFor(this.dtype, sizeOf(sizes));
    const strides = stridesOf(this.shape);
    let k = 0;
    const walk = (axis: number, offset: number) => {
      if (axis === this.rank) { out[k++] = this.data[offset]; return; }
      for (let i = 0; i < sizes[axis]; i++) walk(axis + 1, offset + (begin[axis] + i) * strides[axis]);
    };
    walk(0, 0);
    return new NDArray(out, sizes, this.dtype);
  }

  /** np.argmax(a, axis): int64 indices of the first largest value (NaN counts as largest); no axis: the flat index. */
  argmax(): number;
  argmax(axis: number): NDArray;
  argmax(axis?: number): number | NDArray { return this.argReduce(axis, 'argmax', (v, best) => v > best); }

  /** np.argmin(a, axis), as argmax. */
  argmin(): number;
  argmin(axis: number): NDArray;
  argmin(axis?: number): number | NDArray { return this.argReduce(axis, 'argmin', (v, best) => v < best); }

  private argReduce(axis: number | undefined, name: string, better: (v: number, best: number) => boolean): number | NDArray {
    if (this.size === 0) throw new ValueError(`attempt to get ${name} of an empty sequence`);
    const pick = (offset: number, n: number, stride: number): number => {
      let bestIndex = 0;
      let best = this.data[offset];
      for (let i = 1; i < n && !Number.isNaN(best); i++) {
        const v = this.data[offset + i * stride];
        if (Number.isNaN(v) || better(v, best)) { best = v; bestIndex = i; }
      }
      return bestIndex;
    };
    if (axis === undefined) return pick(0, this.size, 1);
    return this.alongAxis(axis, 'int64', pick);
  }

  /** np.mean(a, axis): no axis, a number; else float32 means along the axis (summed in float64). */
  mean(): number;
  mean(axis: number): NDArray;
  mean(axis?: number): number | NDArray {
    const meanOf = (offset: number, n: number, stride: number): number => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += this.data[offset + i * stride];
      return n === 0 ? NaN : sum / n;
    };
    if (axis === undefined) {
      const m = meanOf(0, this.size, 1);
      return this.dtype === 'float32' ? Math.fround(m) : m;
    }
    return this.alongAxis(axis, 'float32', meanOf);
  }

  /** Applies `reduce` to each line of values along `axis`, giving an array without that axis. */
  private alongAxis(axis: number, dtype: DType, reduce: (offset: number, n: number, stride: number) => number): NDArray {
    const a = normalizeAxis(axis, this.rank);
    const n = this.shape[a];
    const stride = sizeOf(this.shape.slice(a + 1));
    const outer = sizeOf(this.shape.slice(0, a));
    const out = typedArrayFor(dtype, outer * stride);
    for (let o = 0; o < outer; o++) {
      for (let s = 0; s < stride; s++) out[o * stride + s] = coerce(dtype, reduce(o * n * stride + s, n, stride));
    }
    return new NDArray(out, [...this.shape.slice(0, a), ...this.shape.slice(a + 1)], dtype);
  }

  /** NumPy's `a == b`, element by element with broadcasting: a bool array. */
  equal(other: NDArray | number | boolean | unknown[]): NDArray {
    const b = other instanceof NDArray ? other : NDArray.from(other);
    const shape = broadcastShapes(this.shape, b.shape);
    const out = new Uint8Array(sizeOf(shape));
    const ia = broadcastIndex(this.shape, shape);
    const ib = broadcastIndex(b.shape, shape);
    for (let i = 0; i < out.length; i++) out[i] = this.data[ia(i)] === b.data[ib(i)] ? 1 : 0;
    return new NDArray(out, shape, 'bool');
  }

  /** NumPy's print(a): `[3.3 4.4]`, rows aligned, large arrays summarised (lib/framework/numpy_print.ts). */
  toString(): string { return arrayStr(this); }

  /** NumPy's repr(a): `array([3.3, 4.4], dtype=float32)`. */
  repr(): string { return arrayRepr(this); }

  /**
   * console.log(a) prints as Python's print(a); an array inside a list or object prints as
   * its repr, as Python's print([a, b]) does.
   */
  [Symbol.for('nodejs.util.inspect.custom')](depth: number | null, options: { depth?: number | null }): string {
    const nested = typeof depth === 'number' && typeof options?.depth === 'number' && depth < options.depth;
    return nested ? this.repr() : this.toString();
  }
}

function normalizeAxis(axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ValueError(`axis ${axis} is out of bounds for array of dimension ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}

function inferReshape(size: number, shape: readonly number[]): number[] {
  const unknown = shape.filter((d) => d === -1).length;
  const known = sizeOf(shape.filter((d) => d !== -1));
  const bad = () => new ValueError(`cannot reshape array of size ${size} into shape ${formatShape(shape)}`);
  if (unknown > 1) throw new ValueError('can only specify one unknown dimension');
  if (shape.some((d) => !Number.isInteger(d) || d < -1)) throw bad();
  if (unknown === 0) { if (known !== size) throw bad(); return shape.slice(); }
  if (known === 0 || size % known !== 0) throw bad();
  return shape.map((d) => (d === -1 ? size / known : d));
}

function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      const fmt = (s: readonly number[]) => '(' + s.join(',') + (s.length === 1 ? ',)' : ')');
      throw new ValueError(`operands could not be broadcast together with shapes ${fmt(a)} ${fmt(b)} `);
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Maps a flat index of the broadcast shape to the flat index in an operand of shape `from`. */
function broadcastIndex(from: readonly number[], to: readonly number[]): (i: number) => number {
  if (sizeOf(from) === sizeOf(to)) return (i) => i;
  const pad = to.length - from.length;
  const strides = stridesOf(from);
  const toStrides = stridesOf(to);
  return (i) => {
    let flat = 0;
    for (let k = pad; k < to.length; k++) {
      const idx = Math.floor(i / toStrides[k]) % to[k];
      if (from[k - pad] !== 1) flat += idx * strides[k - pad];
    }
    return flat;
  };
}

/** The first non-array element of nested JS arrays, or undefined when there is none. */
function firstLeaf(value: unknown): unknown {
  let v: any = value;
  while (Array.isArray(v)) { if (v.length === 0) return undefined; v = v[0]; }
  return v;
}

/** Nested arrays of strings (or Uint8Array bytes, which are one element each). */
function stringShape(value: unknown): number[] {
  const shape: number[] = [];
  let v: any = value;
  while (Array.isArray(v)) { shape.push(v.length); if (v.length === 0) break; v = v[0]; }
  return shape;
}

function inferNestedShape(value: unknown): number[] {
  const shape: number[] = [];
  let v: any = value;
  while (Array.isArray(v) || ArrayBuffer.isView(v)) {
    shape.push((v as ArrayLike<unknown>).length);
    if ((v as ArrayLike<unknown>).length === 0) break;
    v = (v as any)[0];
  }
  if (shape.length === 0 && typeof v !== 'number' && typeof v !== 'boolean') {
    throw new InvalidArgumentError(`Cannot convert ${String(value)} to an NDArray: expected numbers, booleans or nested arrays of them`);
  }
  return shape;
}

function inferDType(value: unknown): DType {
  let v: any = value;
  while (Array.isArray(v) && v.length > 0) v = v[0];
  const typed = dtypeOfTypedArray(v);
  if (typed) return typed;
  if (typeof v === 'boolean') return 'bool';
  return 'float32';
}
