/*
 * TF1's DropoutWrapper: dropout on the cell's inputs, outputs and (except an LSTM's c)
 * its new state. A keep probability of 1 adds no op. It opens no variable scope of its own,
 * so the wrapped cell's variables keep their names. With a seed, each of the three kinds
 * (and each state part) gets its own op seed; TF1 derives them by hashing, so masks agree
 * with TF1's in distribution, not bit for bit. variational_recurrent is not supported.
 */
import { Tensor } from '../../framework/tensor';
import { ValueError } from '../../framework/errors';
import { bindArgs } from '../../framework/python_args';
import { callable } from '../../framework/callable';
import { dropout } from '../nn_conv_ops';
import { CellState, RNNCell } from './rnn_cell';
import { LSTMStateTupleImpl, Nested, flatten, packSequenceAs } from './nest';

interface DropoutWrapperArgs {
  cell: RNNCell; input_keep_prob: number | Tensor; output_keep_prob: number | Tensor; state_keep_prob: number | Tensor;
  variational_recurrent: boolean; input_size: unknown; dtype: unknown; seed: number | null; dropout_state_filter_visitor: unknown;
}

/** Which state leaves TF1's default filter drops: all but an LSTMStateTuple's c. */
function droppableLeaves(state: Nested<Tensor>): boolean[] {
  if (state instanceof LSTMStateTupleImpl) return [...flatten(state.c).map(() => false), ...droppableLeaves(state.h)];
  if (Array.isArray(state)) return state.flatMap((s) => droppableLeaves(s));
  return [true];
}

export class DropoutWrapperImpl extends RNNCell {
  private readonly a: DropoutWrapperArgs;

  /**
   * DropoutWrapper(cell, input_keep_prob=1.0, output_keep_prob=1.0, state_keep_prob=1.0, variational_recurrent=False,
   * input_size=None, dtype=None, seed=None, dropout_state_filter_visitor=None)
   */
  constructor(...args: unknown[]) {
    const a = bindArgs<DropoutWrapperArgs>('DropoutWrapper', args, ['cell', 'input_keep_prob', 'output_keep_prob', 'state_keep_prob',
      'variational_recurrent', 'input_size', 'dtype', 'seed', 'dropout_state_filter_visitor'],
    { input_keep_prob: 1.0, output_keep_prob: 1.0, state_keep_prob: 1.0, variational_recurrent: false }, 1);
    super(null, null);
    if (!(a.cell instanceof RNNCell)) throw new TypeError(`The parameter cell is not a RNNCell.`);
    if (a.variational_recurrent) throw new ValueError('DropoutWrapper: variational_recurrent is not supported by tensorgraph');
    if (a.dropout_state_filter_visitor !== undefined && a.dropout_state_filter_visitor !== null) {
      throw new ValueError('DropoutWrapper: dropout_state_filter_visitor is not supported by tensorgraph');
    }
    for (const k of ['input_keep_prob', 'output_keep_prob', 'state_keep_prob'] as const) {
      const p = a[k];
      if (typeof p === 'number' && !(p >= 0 && p <= 1)) throw new ValueError(`Parameter ${k} must be between 0 and 1: ${p}`);
    }
    this.a = a;
  }

  get wrapped_cell(): RNNCell { return this.a.cell; }
  get state_size(): Nested<number> { return this.a.cell.state_size; }
  get output_size(): number { return this.a.cell.output_size; }
  protected get defaultName(): string { return 'dropout_wrapper'; }

  private drop(x: Tensor, keep: number | Tensor, salt: number): Tensor {
    if (keep === 1) return x;
    return dropout(x, keep, { seed: this.a.seed === null || this.a.seed === undefined ? null : this.a.seed + salt });
  }

  /** No scope of its own: the wrapped cell's variables are named as without the wrapper. */
  override __call__(...args: unknown[]): [Tensor, CellState] {
    const b = bindArgs<{ inputs: Tensor; state: CellState; scope: unknown }>('DropoutWrapper', args, ['inputs', 'state', 'scope'], {}, 2);
    const [output, newState] = this.a.cell.__call__(this.drop(b.inputs, this.a.input_keep_prob, 0), b.state, b.scope ?? null);
    const leaves = flatten(newState);
    const droppable = droppableLeaves(newState);
    const state = packSequenceAs(newState, leaves.map((s, i) => (droppable[i] ? this.drop(s, this.a.state_keep_prob, 1 + i) : s)));
    return [this.drop(output, this.a.output_keep_prob, 1000), state];
  }

  protected step(): [Tensor, CellState] { throw new Error('unreachable: DropoutWrapper overrides __call__'); }
}
export const DropoutWrapper = callable(DropoutWrapperImpl);
export type DropoutWrapper = DropoutWrapperImpl;
