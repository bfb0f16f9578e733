/*
 * TF1's BasicLSTMCell: [i, j, f, o] = split(W [x, h] + b, 4, axis 1);
 * new_c = c * sigmoid(f + forget_bias) + sigmoid(i) * activation(j); new_h = activation(new_c) * sigmoid(o).
 */
import { Tensor } from '../../framework/tensor';
import { bindArgs } from '../../framework/python_args';
import { callable } from '../../framework/callable';
import { tanh, sigmoid } from '../nn_activation_ops';
import { add, multiply } from '../math_ops';
import { concat } from '../array_ops';
import { split } from '../slicing_ops';
import { Activation, CellState, RNNCell, inputDepth } from './rnn_cell';
import { LSTMStateTupleImpl } from './nest';
import { linear } from './linear';

export class BasicLSTMCellImpl extends RNNCell {
  private readonly numUnits: number;
  private readonly forgetBias: number;
  private readonly stateIsTuple: boolean;
  private readonly activation: Activation;

  /** BasicLSTMCell(num_units, forget_bias=1.0, state_is_tuple=True, activation=None (tanh), reuse=None, name=None, dtype=None) */
  constructor(...args: unknown[]) {
    const a = bindArgs<{ num_units: number; forget_bias: number; state_is_tuple: boolean; activation: Activation | null;
      reuse: unknown; name: string | null; dtype: unknown }>('BasicLSTMCell', args,
      ['num_units', 'forget_bias', 'state_is_tuple', 'activation', 'reuse', 'name', 'dtype'], { forget_bias: 1.0, state_is_tuple: true }, 1);
    super(a.reuse, a.name);
    this.numUnits = a.num_units;
    this.forgetBias = a.forget_bias;
    this.stateIsTuple = a.state_is_tuple;
    this.activation = a.activation ?? tanh;
  }

  get state_size(): LSTMStateTupleImpl<number> | number {
    return this.stateIsTuple ? new LSTMStateTupleImpl(this.numUnits, this.numUnits) : 2 * this.numUnits;
  }
  get output_size(): number { return this.numUnits; }
  protected get defaultName(): string { return 'basic_lstm_cell'; }

  protected step(inputs: Tensor, state: CellState): [Tensor, CellState] {
    inputDepth(inputs);
    const [c, h] = this.stateIsTuple ? [(state as LSTMStateTupleImpl<Tensor>).c, (state as LSTMStateTupleImpl<Tensor>).h]
      : split(state as Tensor, 2, 1) as Tensor[];
    const [i, j, f, o] = split(linear([inputs, h], 4 * this.numUnits), 4, 1) as Tensor[];
    const newC = add(multiply(c, sigmoid(add(f, this.forgetBias))), multiply(sigmoid(i), this.activation(j)));
    const newH = multiply(this.activation(newC), sigmoid(o));
    return [newH, this.stateIsTuple ? new LSTMStateTupleImpl(newC, newH) : concat([newC, newH], 1)];
  }
}
export const BasicLSTMCell = callable(BasicLSTMCellImpl);
export type BasicLSTMCell = BasicLSTMCellImpl;
