import { DType, TypedArray, typedArrayFor, typedArrayMatches, coerce } from './dtypes';
import { InvalidArgumentError } from './errors';

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

  constructor(data: TypedArray, shape: readonly number[], dtype: DType) {
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
  }

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
      if (depth === this.shape.length) return isBool ? this.data[offset] !== 0 : this.data[offset];
      const stride = sizeOf(this.shape.slice(depth + 1));
      const out = new Array(this.shape[depth]);
      for (let i = 0; i < this.shape[depth]; i++) out[i] = build(depth + 1, offset + i * stride);
      return out;
    };
    return build(0, 0);
  }

  reshape(shape: readonly number[]): NDArray { return new NDArray(this.data, shape, this.dtype); }

  astype(dtype: DType): NDArray {
    if (dtype === this.dtype) return this;
    const out = typedArrayFor(dtype, this.size);
    for (let i = 0; i < out.length; i++) out[i] = coerce(dtype, this.data[i]);
    return new NDArray(out, this.shape, dtype);
  }

  clone(): NDArray { return new NDArray(this.data.slice(), this.shape, this.dtype); }

  /** NumPy-like printing: `[5 4 2]`, matrices as rows. */
  toString(): string { return formatNDArray(this); }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
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
  if (v instanceof Int32Array) return 'int32';
  if (v instanceof Uint8Array) return 'uint8';
  if (typeof v === 'boolean') return 'bool';
  return 'float32';
}

function formatNumber(v: number, dtype: DType, allIntegral: boolean): string {
  if (dtype === 'bool') return v ? 'True' : 'False';
  if (dtype !== 'float32') return String(v);
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (allIntegral || Number.isInteger(v)) return `${v}.`;
  return String(Number(v.toPrecision(8)));
}

export function formatNDArray(a: NDArray): string {
  const allIntegral = a.dtype === 'float32' && Array.prototype.every.call(a.data, (x: number) => Number.isInteger(x));
  const cells = Array.from(a.data, (v) => formatNumber(v, a.dtype, allIntegral));
  if (a.rank === 0) return cells[0] ?? '';
  // NumPy aligns floats on the decimal point: integer parts padded left, fractions right.
  const isFloat = a.dtype === 'float32';
  const intLen = isFloat ? Math.max(0, ...cells.map((c) => c.split('.')[0].length)) : 0;
  const fracLen = isFloat ? Math.max(0, ...cells.map((c) => (c.split('.')[1] ?? '').length)) : 0;
  const pad = (s: string) => {
    if (!isFloat || !s.includes('.')) return isFloat ? s.padStart(intLen + 1 + fracLen) : s;
    const [i, f] = s.split('.');
    return i.padStart(intLen) + '.' + f.padEnd(fracLen);
  };
  const build = (depth: number, offset: number): string => {
    const n = a.shape[depth];
    const stride = sizeOf(a.shape.slice(depth + 1));
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      parts.push(depth === a.rank - 1 ? pad(cells[offset + i]) : build(depth + 1, offset + i * stride));
    }
    if (depth === a.rank - 1) return '[' + parts.join(' ') + ']';
    const sep = '\n'.repeat(a.rank - 1 - depth) + ' '.repeat(depth + 1);
    return '[' + parts.join(sep) + ']';
  };
  return build(0, 0);
}
