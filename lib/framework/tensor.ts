import type { Operation } from './operation';
import type { DType } from './dtypes';
import type { StaticShape } from '../registry/op_registry';
import { formatShape } from './ndarray';
import { evalArgs, runDefault } from './default_session';
import { InternalError } from './errors';

/** Operand accepted wherever an op takes a tensor: a tensor, a Variable, or a constant. */
export type TensorLike = Tensor | { _asTensor(): Tensor } | number | boolean | unknown[] | ArrayBufferView | import('./ndarray').NDArray;

/**
 * The graph-building functions behind Tensor's arithmetic methods. The ops layer
 * (lib/ops/math_ops.ts) installs them when it loads: framework sits below ops and
 * must not import it, yet every op that makes a tensor is built through that layer.
 */
export interface TensorOperators {
  add(x: TensorLike, y: TensorLike): Tensor;
  subtract(x: TensorLike, y: TensorLike): Tensor;
  multiply(x: TensorLike, y: TensorLike): Tensor;
  divide(x: TensorLike, y: TensorLike): Tensor;
  pow(x: TensorLike, y: TensorLike): Tensor;
  negative(x: TensorLike): Tensor;
  matmul(x: TensorLike, y: TensorLike): Tensor;
}

let operators: TensorOperators | null = null;

export function installTensorOperators(ops: TensorOperators): void { operators = ops; }

function tensorOperators(method: string): TensorOperators {
  if (operators === null) {
    throw new InternalError(`Tensor.${method}: the math ops are not loaded; import lib/ops/math_ops (or the package index) first`);
  }
  return operators;
}

/**
 * Arithmetic shared by Tensor and Variable, so `x.add(y)` reads like TF1's `x + y`.
 * Each method builds an op in the graph; nothing is computed here.
 */
export abstract class TensorMethods {
  abstract _asTensor(): Tensor;
  add(y: TensorLike): Tensor { return tensorOperators('add').add(this._asTensor(), y); }
  sub(y: TensorLike): Tensor { return tensorOperators('sub').subtract(this._asTensor(), y); }
  mul(y: TensorLike): Tensor { return tensorOperators('mul').multiply(this._asTensor(), y); }
  div(y: TensorLike): Tensor { return tensorOperators('div').divide(this._asTensor(), y); }
  pow(y: TensorLike): Tensor { return tensorOperators('pow').pow(this._asTensor(), y); }
  neg(): Tensor { return tensorOperators('neg').negative(this._asTensor()); }
  matmul(y: TensorLike): Tensor { return tensorOperators('matmul').matmul(this._asTensor(), y); }
}

/** A symbolic output of an Operation: 'op_name:index'. */
export class Tensor extends TensorMethods {
  constructor(
    readonly op: Operation,
    readonly value_index: number,
    readonly dtype: DType,
    /** Static shape: null entries for unknown dimensions, null for unknown rank. */
    readonly shape: StaticShape,
  ) { super(); }

  get name(): string { return `${this.op.name}:${this.value_index}`; }
  get graph() { return this.op.graph; }
  get_shape(): StaticShape { return this.shape; }
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
