import type { Operation } from './operation';
import type { Graph } from './graph';
import type { DType } from './dtypes';
import type { StaticShape } from '../registry/op_registry';
import { formatShape } from './ndarray';
import { evalArgs, runDefault } from './default_session';
import { InternalError } from './errors';
import { TensorShape, TensorShapeLike, mergeForSetShape, ShapeList } from './tensor_shape';
import type { Dimension } from './tensor_shape';

/** Operand accepted wherever an op takes a tensor: a tensor, a Variable, or a constant. */
export type TensorLike = Tensor | { _asTensor(): Tensor } | number | boolean | unknown[] | ArrayBufferView | import('./ndarray').NDArray
  | TensorShape | Dimension;

/**
 * The graph-building functions behind Tensor's arithmetic methods. The ops layer
 * (lib/ops/math_ops.ts) installs them when it loads: framework sits below ops and
 * must not import it, yet every op that makes a tensor is built through that layer.
 */
export interface TensorOperators {
  add(x: TensorLike, y: TensorLike): Tensor;
  subtract(x: TensorLike, y: TensorLike): Tensor;
  multiply(x: TensorLike, y: TensorLike): Tensor;
  div(x: TensorLike, y: TensorLike): Tensor;
  truediv(x: TensorLike, y: TensorLike): Tensor;
  floordiv(x: TensorLike, y: TensorLike): Tensor;
  floormod(x: TensorLike, y: TensorLike): Tensor;
  pow(x: TensorLike, y: TensorLike): Tensor;
  negative(x: TensorLike): Tensor;
  abs(x: TensorLike): Tensor;
  matmul(x: TensorLike, y: TensorLike): Tensor;
  less(x: TensorLike, y: TensorLike): Tensor;
  less_equal(x: TensorLike, y: TensorLike): Tensor;
  greater(x: TensorLike, y: TensorLike): Tensor;
  greater_equal(x: TensorLike, y: TensorLike): Tensor;
  logical_and(x: TensorLike, y: TensorLike): Tensor;
  logical_or(x: TensorLike, y: TensorLike): Tensor;
  logical_xor(x: TensorLike, y: TensorLike): Tensor;
  logical_not(x: TensorLike): Tensor;
}

let operators: TensorOperators | null = null;

/**
 * One item of Python's t[...] for t.index(...): an integer, a slice or a whole expression
 * as a string ('1:3', '::2', ':, -1', '...'), null for tf.newaxis, or a scalar int tensor.
 */
export type IndexItem = number | string | null | Tensor;
let indexing: ((x: Tensor, items: IndexItem[]) => Tensor) | null = null;

/** Installed by lib/ops/slicing_ops.ts, which builds the StridedSlice (framework cannot import ops). */
export function installTensorIndexing(fn: (x: Tensor, items: IndexItem[]) => Tensor): void { indexing = fn; }

export function installTensorOperators(ops: TensorOperators): void { operators = ops; }

function tensorOperators(method: string): TensorOperators {
  if (operators === null) {
    throw new InternalError(`Tensor.${method}: the math ops are not loaded; import lib/ops/math_ops (or the package index) first`);
  }
  return operators;
}

/**
 * TF1's Python operators, shared by Tensor and Variable: `x.add(y)` reads like `x + y`.
 * Each method builds the op TF1's operator builds; nothing is computed here. A number on
 * the left (`1 - t`, Python's __rsub__) is the function form: tf.subtract(1, t).
 */
export abstract class TensorMethods {
  abstract _asTensor(): Tensor;
  /** x + y (TF1's __add__). */
  add(y: TensorLike): Tensor { return tensorOperators('add').add(this._asTensor(), y); }
  /** x - y */
  sub(y: TensorLike): Tensor { return tensorOperators('sub').subtract(this._asTensor(), y); }
  /** x * y */
  mul(y: TensorLike): Tensor { return tensorOperators('mul').multiply(this._asTensor(), y); }
  /** TF1's __div__ (Python 2's `/`, tf.div): floor division for integers, real division for floats. */
  div(y: TensorLike): Tensor { return tensorOperators('div').div(this._asTensor(), y); }
  /** Python 3's `/` (tf.truediv): integers are converted to float first. */
  truediv(y: TensorLike): Tensor { return tensorOperators('truediv').truediv(this._asTensor(), y); }
  /** x // y (tf.floordiv) */
  floordiv(y: TensorLike): Tensor { return tensorOperators('floordiv').floordiv(this._asTensor(), y); }
  /** x % y (tf.floormod: the remainder takes the divisor's sign) */
  mod(y: TensorLike): Tensor { return tensorOperators('mod').floormod(this._asTensor(), y); }
  /** x ** y */
  pow(y: TensorLike): Tensor { return tensorOperators('pow').pow(this._asTensor(), y); }
  /** -x */
  neg(): Tensor { return tensorOperators('neg').negative(this._asTensor()); }
  /** abs(x) */
  abs(): Tensor { return tensorOperators('abs').abs(this._asTensor()); }
  /** x @ y */
  matmul(y: TensorLike): Tensor { return tensorOperators('matmul').matmul(this._asTensor(), y); }
  /** x < y, element-wise */
  lt(y: TensorLike): Tensor { return tensorOperators('lt').less(this._asTensor(), y); }
  /** x <= y */
  le(y: TensorLike): Tensor { return tensorOperators('le').less_equal(this._asTensor(), y); }
  /** x > y */
  gt(y: TensorLike): Tensor { return tensorOperators('gt').greater(this._asTensor(), y); }
  /** x >= y */
  ge(y: TensorLike): Tensor { return tensorOperators('ge').greater_equal(this._asTensor(), y); }
  /** x & y on bool tensors (tf.logical_and) */
  and(y: TensorLike): Tensor { return tensorOperators('and').logical_and(this._asTensor(), y); }
  /** x | y (tf.logical_or) */
  or(y: TensorLike): Tensor { return tensorOperators('or').logical_or(this._asTensor(), y); }
  /** x ^ y (tf.logical_xor) */
  xor(y: TensorLike): Tensor { return tensorOperators('xor').logical_xor(this._asTensor(), y); }
  /** ~x (tf.logical_not) */
  invert(): Tensor { return tensorOperators('invert').logical_not(this._asTensor()); }
  /**
   * Python's x[...] (TF1's __getitem__, a StridedSlice): `x.index(':, -1')` is `x[:, -1]`,
   * `x.index('..., 0')` `x[..., 0]`, `x.index(tf.newaxis)` `x[tf.newaxis]`, `x.index(0, i)` `x[0, i]`.
   */
  index(...items: IndexItem[]): Tensor {
    if (indexing === null) throw new InternalError('Tensor.index: the slicing ops are not loaded; import lib/ops/slicing_ops (or the package index) first');
    return indexing(this._asTensor(), items);
  }

  /**
   * JavaScript's operators cannot build ops: without this, `-t` and `t * 2` are NaN and
   * `t + u` a string, which ops would then take as constants and fail far away. Printing
   * (String(t), template literals) asks for a string and still works.
   */
  [Symbol.toPrimitive](hint: 'number' | 'string' | 'default'): string {
    if (hint === 'string') return this.toString();
    const kind = this instanceof Tensor ? 'Tensor' : 'Variable';
    const name = (this as unknown as { name: string }).name;
    const what = hint === 'number'
      ? `cannot be used as a number: JavaScript operators do not build ops. Use tf.negative(t) or t.neg() for -t, ` +
        `t.mul(2) for t * 2, tf.subtract(1, t) for 1 - t, t.lt(u) for t < u`
      : `cannot be used with + or ==: JavaScript operators do not build ops. Use t.add(u) or tf.add(t, u) for t + u, ` +
        `tf.equal(t, u) for element-wise ==, and String(t) to print it`;
    throw new TypeError(`${kind} '${name}' ${what} (the methods for TF1's Python operators: docs/api.md)`);
  }
}

/** A symbolic output of an Operation: 'op_name:index'. */
export class Tensor extends TensorMethods {
  constructor(
    readonly op: Operation,
    readonly value_index: number,
    readonly dtype: DType,
    shape: StaticShape,
  ) {
    super();
    this.shape = ShapeList.from_static(shape);
  }

  /**
   * Static shape: null entries for unknown dimensions, null for an unknown rank. An array
   * that also has TF1's TensorShape methods (`x.shape.as_list()`, `x.shape.ndims`).
   */
  readonly shape: ShapeList | null;

  get name(): string { return `${this.op.name}:${this.value_index}`; }
  get graph(): Graph { return this.op.graph; }
  /** TF1's TensorShape of this tensor (`t.shape` is the static shape array with TensorShape's methods). */
  get_shape(): TensorShape { return new TensorShape(this.shape); }
  /**
   * TF1's t.set_shape(shape): tells the graph what shape inference could not see, so ops
   * built after it see the narrower shape. It only fills in unknowns: a conflict is TF1's
   * ValueError and leaves the shape as it was.
   */
  set_shape(shape: TensorShapeLike): void {
    (this as { shape: ShapeList | null }).shape = ShapeList.from_static(mergeForSetShape(this.shape, shape));
  }
  get rank(): number | null { return this.shape === null ? null : this.shape.length; }
  override _asTensor(): Tensor { return this; }

  /** TF1's tensor.eval(feed_dict=None, session=None), also eval({feed_dict, session}): runs in session or the default one. */
  eval(...args: unknown[]): any { return runDefault(this, ...evalArgs('eval', args)); }

  toString(): string {
    const shape = this.shape === null ? '<unknown>' : formatShape(this.shape);
    return `Tensor("${this.name}", shape=${shape}, dtype=${this.dtype})`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}
