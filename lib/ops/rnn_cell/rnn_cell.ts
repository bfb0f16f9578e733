/*
 * TF1's RNNCell (rnn_cell_impl.py): a layer that maps (inputs, state) to (output, new_state).
 * As a TF1 layer, a cell picks its variable scope on its first call (a unique
 * `basic_lstm_cell`, `basic_lstm_cell_1`, ... in the current scope, or the scope the caller
 * names) and re-enters that scope with reuse on every later call, so an unrolled loop's
 * steps share one set of variables whose names match TF1 checkpoints
 * (`rnn/basic_lstm_cell/kernel`).
 */
import { Tensor } from '../../framework/tensor';
import { DType, as_dtype } from '../../framework/dtypes';
import { ValueError } from '../../framework/errors';
import { bindArgs } from '../../framework/python_args';
import { name_scope } from '../../framework/graph';
import { variable_scope, VariableScope } from '../variable_scope';
import { checkReuse } from '../variable_scope/scope';
import type { Reuse } from '../variable_scope';
import { zeros, stack } from '../array_ops';
import { fill } from '../shape_ops';
import { cast } from '../math_ops';
import { Nested, mapStructure } from './nest';

export type Activation = (x: Tensor) => Tensor;
export type CellState = Nested<Tensor>;

export abstract class RNNCell {
  private _scope: VariableScope | null = null;
  protected readonly _reuse: Reuse | null;
  protected readonly _name: string | null;

  protected constructor(reuse: unknown, name: unknown) {
    this._reuse = checkReuse(reuse);
    this._name = typeof name === 'string' ? name : null;
  }

  /** The size of each state part: a number, an LSTMStateTuple of numbers, or an array (MultiRNNCell). */
  abstract get state_size(): Nested<number>;
  abstract get output_size(): number;
  /** The scope name TF1 gives a cell of this class (the snake_case class name). */
  protected abstract get defaultName(): string;
  /** One step inside the cell's variable scope (TF1's call). */
  protected abstract step(inputs: Tensor, state: CellState): [Tensor, CellState];

  /** TF1's class name (BasicLSTMCell), for messages and the zero state's name scope. */
  protected get className(): string { return this.constructor.name.replace(/Impl$/, ''); }

  /** The variable scope of the first call (null before it). */
  get scope(): VariableScope | null { return this._scope; }

  /** TF1's cell(inputs, state, scope=None) -> [output, new_state]. */
  __call__(...args: unknown[]): [Tensor, CellState] {
    const a = bindArgs<{ inputs: Tensor; state: CellState; scope: string | VariableScope | null }>(
      this.className, args, ['inputs', 'state', 'scope'], {}, 2);
    if (this._scope !== null) {
      return variable_scope(this._scope, { reuse: true }, () => this.step(a.inputs, a.state));
    }
    const first = (s: VariableScope) => {
      this._scope = s;
      return this.step(a.inputs, a.state);
    };
    if (a.scope !== undefined && a.scope !== null) return variable_scope(a.scope, { reuse: this._reuse }, first);
    if (this._reuse) {
      // reuse needs a named scope: pick the unique name first, then enter it with reuse.
      this._scope = variable_scope(null, { default_name: this._name ?? this.defaultName }, (s: VariableScope) => s);
      return variable_scope(this._scope, { reuse: this._reuse }, () => this.step(a.inputs, a.state));
    }
    return variable_scope(null, { default_name: this._name ?? this.defaultName }, first);
  }

  /** The same as __call__ (Python's `cell(inputs, state)`). */
  call(...args: unknown[]): [Tensor, CellState] { return this.__call__(...args); }

  /** zero_state(batch_size, dtype): zeros of [batch_size, size] for each part of state_size. */
  zero_state(...args: unknown[]): CellState {
    const a = bindArgs<{ batch_size: number | Tensor; dtype: DType | string }>('zero_state', args, ['batch_size', 'dtype'], {}, 2);
    const dtype = as_dtype(a.dtype);
    return name_scope(`${this.className}ZeroState`, () => mapStructure((size: number) => {
      if (typeof a.batch_size === 'number') return zeros([a.batch_size, size], dtype);
      return fill(stack([cast(a.batch_size, 'int32'), size]), cast(0, dtype));
    }, this.state_size) as CellState);
  }
}

/** The static last dimension of a cell's input, which sizes its kernel (TF1 needs it known). */
export function inputDepth(inputs: Tensor): number {
  const shape = inputs.shape;
  const depth = shape === null ? null : shape[shape.length - 1];
  if (shape === null || shape.length !== 2 || depth === null) {
    throw new ValueError(`Expected inputs.shape[-1] to be known, saw shape: ${inputs.get_shape().toString()}`);
  }
  return depth;
}
