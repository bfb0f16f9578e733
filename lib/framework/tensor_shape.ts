import type { StaticShape } from '../registry/op_registry';
import { ValueError } from './errors';
import { formatShape, NDArray } from './ndarray';
import { callable } from './callable';
import { mergeShapesAsTF } from './shape_utils';
import { bindArgs } from './python_args';

/*
 * TF1's tf.Dimension and tf.TensorShape (tensorflow/python/framework/tensor_shape.py's
 * semantics and messages, TF1 behaviour: shape[i] is a Dimension). Inside tensorgraph a
 * static shape stays the plain array StaticShape (Tensor.shape); these classes are what
 * t.get_shape() hands a ported script, converted from and to that array.
 */

/** Python's repr and type name of a value a Dimension refused, for TF1's TypeError text. */
function pythonView(value: unknown): { repr: string; type: string } {
  if (typeof value === 'number') return { repr: String(value), type: Number.isInteger(value) ? 'int' : 'float' };
  if (typeof value === 'string') return { repr: `'${value}'`, type: 'str' };
  if (typeof value === 'boolean') return { repr: value ? 'True' : 'False', type: 'bool' };
  const ctor = (value as object | undefined)?.constructor?.name;
  return { repr: String(value), type: ctor ?? typeof value };
}

class DimensionImpl {
  /** The size, or null when unknown (TF1's None). */
  readonly value: number | null;

  /** Dimension(value), or Dimension({value}) as Python's keyword. */
  constructor(...args: [value: DimensionLike] | [keywords: { value: DimensionLike }]) {
    const { value } = bindArgs<{ value: DimensionLike }>('Dimension', args, ['value'], {}, 1);
    if (value === null) { this.value = null; return; }
    if (value instanceof DimensionImpl) { this.value = value.value; return; }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      const { repr, type } = pythonView(value);
      throw new TypeError(`Dimension value must be integer or None or have an __index__ method, got value '${repr}' with type '<class '${type}'>'`);
    }
    if (value < 0) throw new ValueError(`Dimension ${value} must be >= 0`);
    this.value = value;
  }

  /** d1 == d2: null (TF1's None) when either is unknown. */
  eq(other: DimensionLike): boolean | null {
    const o = as_dimension(other);
    return this.value === null || o.value === null ? null : this.value === o.value;
  }
  /** d1 != d2: null when either is unknown. */
  ne(other: DimensionLike): boolean | null {
    const e = this.eq(other);
    return e === null ? null : !e;
  }

  is_compatible_with(other: DimensionLike): boolean {
    const o = as_dimension(other);
    return this.value === null || o.value === null || this.value === o.value;
  }
  assert_is_compatible_with(other: DimensionLike): void {
    if (!this.is_compatible_with(other)) throw new ValueError(`Dimensions ${this} and ${as_dimension(other)} are not compatible`);
  }
  /** The known one of two compatible dimensions; a ValueError when both are known and differ. */
  merge_with(other: DimensionLike): Dimension {
    const o = as_dimension(other);
    this.assert_is_compatible_with(o);
    return new DimensionImpl(this.value ?? o.value);
  }

  // Python's arithmetic on Dimensions: unknown in, unknown out.
  add(other: DimensionLike): Dimension { return this.combine(other, (a, b) => a + b); }
  sub(other: DimensionLike): Dimension { return this.combine(other, (a, b) => a - b); }
  mul(other: DimensionLike): Dimension { return this.combine(other, (a, b) => a * b); }
  floordiv(other: DimensionLike): Dimension { return this.combine(other, (a, b) => Math.floor(a / b)); }
  /** Python 2's `/` on Dimensions (deprecated in TF1): floor division. */
  div(other: DimensionLike): Dimension { return this.floordiv(other); }
  mod(other: DimensionLike): Dimension { return this.combine(other, (a, b) => ((a % b) + b) % b); }
  /** Python 3's `/`, which TF1 refuses on a Dimension. */
  truediv(other: unknown): never {
    const type = other instanceof DimensionImpl ? 'Dimension' : pythonView(other).type;
    throw new TypeError(`unsupported operand type(s) for /: 'Dimension' and '${type}', please use // instead`);
  }
  lt(other: DimensionLike): boolean | null { return this.compare(other, (a, b) => a < b); }
  le(other: DimensionLike): boolean | null { return this.compare(other, (a, b) => a <= b); }
  gt(other: DimensionLike): boolean | null { return this.compare(other, (a, b) => a > b); }
  ge(other: DimensionLike): boolean | null { return this.compare(other, (a, b) => a >= b); }

  private combine(other: DimensionLike, f: (a: number, b: number) => number): Dimension {
    const o = as_dimension(other);
    return new DimensionImpl(this.value === null || o.value === null ? null : f(this.value, o.value));
  }
  private compare(other: DimensionLike, f: (a: number, b: number) => boolean): boolean | null {
    const o = as_dimension(other);
    return this.value === null || o.value === null ? null : f(this.value, o.value);
  }

  /** Python's str(): '?' when unknown. */
  toString(): string { return this.value === null ? '?' : String(this.value); }
  /** Python's repr(): Dimension(3), Dimension(None). */
  repr(): string { return `Dimension(${this.value === null ? 'None' : this.value})`; }
  /**
   * int(d) and arithmetic on a known Dimension give its value (`d * 2`, `d == 3`), as
   * Python's __int__/__index__ do; an unknown one refuses, where JavaScript would make NaN.
   */
  [Symbol.toPrimitive](hint: 'number' | 'string' | 'default'): string | number {
    if (hint === 'string') return this.toString();
    if (this.value === null) throw new TypeError('Dimension(None) cannot be used as a number: its value is unknown (check d.value !== null)');
    return this.value;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.repr(); }
}

export type Dimension = DimensionImpl;
/** tf.Dimension(value), with or without `new`. */
export const Dimension = callable(DimensionImpl);
/** What a Dimension is made from: a non-negative integer, null (unknown) or a Dimension. */
export type DimensionLike = number | null | Dimension;

/** TF1's tensor_shape.as_dimension. */
export function as_dimension(value: DimensionLike): Dimension {
  return value instanceof DimensionImpl ? value : new DimensionImpl(value);
}

/** What a TensorShape is made from: dimensions, null (unknown rank), a single dimension, or a TensorShape. */
export type TensorShapeLike = readonly DimensionLike[] | TensorShape | DimensionLike;

/** `shape[i]` with Python's indexing: a negative index counts from the end. */
function isIndexKey(key: string | symbol): key is string { return typeof key === 'string' && /^-?\d+$/.test(key); }

class TensorShapeImpl {
  /** The dimensions, or null when the rank is unknown. */
  readonly dims: Dimension[] | null;
  /** shape[i]: the i-th Dimension (negative from the end), as TF1's __getitem__. */
  readonly [index: number]: Dimension;

  /** TensorShape(dims), or TensorShape({dims}) as Python's keyword. */
  constructor(...args: [dims: TensorShapeLike] | [keywords: { dims: TensorShapeLike }]) {
    const { dims } = bindArgs<{ dims: TensorShapeLike }>('TensorShape', args, ['dims'], {}, 1);
    if (dims === null) this.dims = null;
    else if (dims instanceof TensorShapeImpl) this.dims = dims.dims === null ? null : dims.dims.slice();
    else if (Array.isArray(dims)) this.dims = (dims as readonly DimensionLike[]).map(as_dimension);
    else this.dims = [as_dimension(dims as DimensionLike)];
    // A Proxy only for numeric keys: JavaScript has no __getitem__.
    return new Proxy(this, {
      get: (target, key, receiver) => (isIndexKey(key) ? target.getItem(Number(key)) : Reflect.get(target, key, receiver)),
    });
  }

  private getItem(index: number): Dimension {
    if (this.dims === null) return new DimensionImpl(null);
    const i = index < 0 ? index + this.dims.length : index;
    if (i < 0 || i >= this.dims.length) throw new RangeError(`list index out of range (index ${index} of shape ${this})`);
    return this.dims[i];
  }

  /** The number of dimensions, or null when unknown. */
  get ndims(): number | null { return this.dims === null ? null : this.dims.length; }
  get rank(): number | null { return this.ndims; }
  /** Python's len(shape). */
  get length(): number {
    if (this.dims === null) throw new ValueError('Cannot take the length of shape with unknown rank.');
    return this.dims.length;
  }
  /** Python's iteration over a shape: its Dimensions. */
  *[Symbol.iterator](): Iterator<Dimension> {
    if (this.dims === null) throw new ValueError('Cannot iterate over a shape with unknown rank.');
    yield* this.dims;
  }
  /** Python's shape[start:stop] (no step); on an unknown rank, TF1's guess of the result. */
  slice(start = 0, stop?: number): TensorShape {
    if (this.dims !== null) return new TensorShapeImpl(this.dims.slice(start, stop));
    if (stop === undefined || start < 0 || stop < 0) return unknown_shape();
    return unknown_shape(stop - start);
  }

  /** The list of sizes, null for unknown ones; a ValueError when the rank is unknown. */
  as_list(): (number | null)[] {
    if (this.dims === null) throw new ValueError('as_list() is not defined on an unknown TensorShape.');
    return this.dims.map((d) => d.value);
  }
  /** tensorgraph's static shape array (null for unknown rank), as Tensor.shape holds it. */
  toStatic(): StaticShape { return this.dims === null ? null : this.as_list(); }

  /** The number of elements, or null unless the shape is fully defined. */
  num_elements(): number | null {
    if (!this.is_fully_defined()) return null;
    return this.dims!.reduce((n, d) => n * d.value!, 1);
  }
  is_fully_defined(): boolean { return this.dims !== null && this.dims.every((d) => d.value !== null); }
  assert_is_fully_defined(): void {
    if (!this.is_fully_defined()) throw new ValueError(`Shape ${this} is not fully defined`);
  }

  is_compatible_with(other: TensorShapeLike): boolean {
    const o = as_shape(other);
    if (this.dims === null || o.dims === null) return true;
    if (this.dims.length !== o.dims.length) return false;
    return this.dims.every((d, i) => d.is_compatible_with(o.dims![i]));
  }
  assert_is_compatible_with(other: TensorShapeLike): void {
    const o = as_shape(other);
    if (!this.is_compatible_with(o)) throw new ValueError(`Shapes ${this} and ${o} are incompatible`);
  }
  /** The shape both describe, known wherever either is known; a ValueError when they conflict. */
  merge_with(other: TensorShapeLike): TensorShape {
    const o = as_shape(other);
    if (this.dims === null) return o;
    if (o.dims === null) return new TensorShapeImpl(this);
    try {
      this.assert_same_rank(o);
      return new TensorShapeImpl(this.dims.map((d, i) => d.merge_with(o.dims![i])));
    } catch (e) {
      if (e instanceof ValueError) throw new ValueError(`Shapes ${this} and ${o} are not compatible`);
      throw e;
    }
  }
  /** The most specific shape compatible with both (unknown where they differ). */
  most_specific_compatible_shape(other: TensorShapeLike): TensorShape {
    const o = as_shape(other);
    if (this.dims === null || o.dims === null || this.dims.length !== o.dims.length) return unknown_shape();
    return new TensorShapeImpl(this.dims.map((d, i) => (d.eq(o.dims![i]) ? d : null)));
  }
  /** This shape's dimensions followed by other's; unknown if either rank is. */
  concatenate(other: TensorShapeLike): TensorShape {
    const o = as_shape(other);
    if (this.dims === null || o.dims === null) return unknown_shape();
    return new TensorShapeImpl([...this.dims, ...o.dims]);
  }

  assert_same_rank(other: TensorShapeLike): void {
    const o = as_shape(other);
    if (this.dims !== null && o.dims !== null && this.dims.length !== o.dims.length) {
      throw new ValueError(`Shapes ${this} and ${o} must have the same rank`);
    }
  }
  assert_has_rank(rank: number): void {
    if (this.dims !== null && this.dims.length !== rank) throw new ValueError(`Shape ${this} must have rank ${rank}`);
  }
  /** This shape with its rank known to be rank; a ValueError when it has another. */
  with_rank(rank: number): TensorShape {
    try {
      return this.merge_with(unknown_shape(rank));
    } catch (e) {
      if (e instanceof ValueError) throw new ValueError(`Shape ${this} must have rank ${rank}`);
      throw e;
    }
  }
  with_rank_at_least(rank: number): TensorShape {
    if (this.dims !== null && this.dims.length < rank) throw new ValueError(`Shape ${this} must have rank at least ${rank}`);
    return this;
  }
  with_rank_at_most(rank: number): TensorShape {
    if (this.dims !== null && this.dims.length > rank) throw new ValueError(`Shape ${this} must have rank at most ${rank}`);
    return this;
  }

  /**
   * Python's shape1 == shape2: equal ranks and dimensions; an unknown dimension equals
   * nothing (Dimension's == is None), two unknown ranks are equal.
   */
  eq(other: TensorShapeLike): boolean {
    const o = as_shape(other);
    if (this.dims === null || o.dims === null) return this.dims === o.dims;
    return this.dims.length === o.dims.length && this.dims.every((d, i) => d.eq(o.dims![i]) === true);
  }
  /** Python's shape1 != shape2; undefined (a ValueError) when a rank is unknown. */
  ne(other: TensorShapeLike): boolean {
    const o = as_shape(other);
    if (this.dims === null || o.dims === null) throw new ValueError('The inequality of unknown TensorShapes is undefined.');
    return this.dims.length !== o.dims.length || this.dims.some((d, i) => d.ne(o.dims![i]) !== false);
  }

  /** Python's str(): (?, 784), (3,), (), <unknown>. */
  toString(): string { return formatShape(this.toStatic()); }
  /** Python's repr() in TF1: TensorShape([Dimension(None), Dimension(784)]), TensorShape(None). */
  repr(): string {
    return this.dims === null ? 'TensorShape(None)' : `TensorShape([${this.dims.map((d) => d.repr()).join(', ')}])`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.repr(); }
}

export type TensorShape = TensorShapeImpl;
/** tf.TensorShape(dims), with or without `new`: `tf.TensorShape([null, 784])`, `tf.TensorShape(null)`. */
export const TensorShape = callable(TensorShapeImpl);

/** TF1's tensor_shape.as_shape: a TensorShape as is, anything else through the constructor. */
export function as_shape(shape: TensorShapeLike): TensorShape {
  return shape instanceof TensorShapeImpl ? shape : new TensorShapeImpl(shape);
}

/** TF1's tensor_shape.unknown_shape(rank=None). */
export function unknown_shape(rank: number | null = null): TensorShape {
  return new TensorShapeImpl(rank === null ? null : new Array<null>(rank).fill(null));
}

/** TF1's tf.compat.dimension_value: a Dimension's value, an int or null as is. */
export function dimension_value(dimension: DimensionLike): number | null {
  return dimension instanceof DimensionImpl ? dimension.value : dimension;
}

/**
 * The rule of TF1's Tensor.set_shape (TF 1.15, through the C API's shape merge): the new
 * static shape of a tensor whose shape is `current`, told `shape`; its messages, as
 * ValueErrors.
 */
export function mergeForSetShape(current: StaticShape, shape: TensorShapeLike): StaticShape {
  return mergeShapesAsTF(current, as_shape(shape).toStatic());
}

/** True for a TensorShape or a Dimension, which TF1 takes wherever it takes a shape or an int. */
export function isShapeObject(x: unknown): x is TensorShape | Dimension {
  return x instanceof TensorShapeImpl || x instanceof DimensionImpl;
}

/**
 * TF1's conversion of a TensorShape (an int vector) or a Dimension (an int scalar) to a
 * tensor's value, for convert_to_tensor and shape arguments: only a fully known one
 * converts, to int32 unless int64 is asked for.
 */
export function shapeObjectValue(x: TensorShape | Dimension, dtype?: 'int32' | 'int64' | string): NDArray {
  const what = x instanceof TensorShapeImpl ? 'TensorShape' : 'Dimension';
  if (dtype !== undefined && dtype !== 'int32' && dtype !== 'int64') throw new TypeError(`Cannot convert a ${what} to dtype: ${dtype}`);
  if (x instanceof DimensionImpl) {
    if (x.value === null) throw new ValueError(`Cannot convert an unknown Dimension to a Tensor: ${x}`);
    return NDArray.from(x.value, dtype ?? 'int32');
  }
  const shape = x as TensorShape;
  if (!shape.is_fully_defined()) throw new ValueError(`Cannot convert a partially known TensorShape to a Tensor: ${shape}`);
  return NDArray.from(shape.as_list() as number[], dtype ?? 'int32');
}

/**
 * What Tensor.shape holds: the static shape as an array (so `x.shape[0]` is a number and
 * `x.shape.length` the rank, as JavaScript code expects) that also answers TF1's TensorShape
 * methods, so `x.shape.as_list()`, `x.shape.ndims` and `x.shape.num_elements()` port from
 * Python unchanged. Element access stays a number, not TF1's Dimension: `x.get_shape()[1]`
 * is the Dimension. Array methods (map, slice) return plain arrays.
 */
export class ShapeList extends Array<number | null> {
  static override get [Symbol.species](): ArrayConstructor { return Array; }

  /** The dimensions as a ShapeList (a copy), or null for an unknown rank. */
  static from_static(shape: StaticShape): ShapeList | null {
    if (shape === null) return null;
    return Object.setPrototypeOf(shape.slice(), ShapeList.prototype) as ShapeList;
  }

  /** TF1's TensorShape with these dimensions. */
  as_shape(): TensorShape { return new TensorShapeImpl([...this]); }
  as_list(): (number | null)[] { return [...this]; }
  get ndims(): number { return this.length; }
  get dims(): Dimension[] { return this.as_shape().dims!; }
  num_elements(): number | null { return this.as_shape().num_elements(); }
  is_fully_defined(): boolean { return this.every((d) => d !== null); }
  assert_is_fully_defined(): void { this.as_shape().assert_is_fully_defined(); }
  is_compatible_with(other: TensorShapeLike): boolean { return this.as_shape().is_compatible_with(other); }
  assert_is_compatible_with(other: TensorShapeLike): void { this.as_shape().assert_is_compatible_with(other); }
  merge_with(other: TensorShapeLike): TensorShape { return this.as_shape().merge_with(other); }
  concatenate(other: TensorShapeLike): TensorShape { return this.as_shape().concatenate(other); }
  with_rank(rank: number): TensorShape { return this.as_shape().with_rank(rank); }
  assert_has_rank(rank: number): void { this.as_shape().assert_has_rank(rank); }
  assert_same_rank(other: TensorShapeLike): void { this.as_shape().assert_same_rank(other); }
  /** Printed as the plain array it is. */
  [Symbol.for('nodejs.util.inspect.custom')](_depth: number, options: object, inspect: (v: unknown, o: object) => string): string {
    return inspect([...this], options);
  }
}
