/* TF1's BasicRNNCell: output = new_state = activation(W [x, h] + b). */
import { Tensor } from '../../framework/tensor';
import { bindArgs } from '../../framework/python_args';
import { callable } from '../../framework/callable';
import { tanh } from '../nn_activation_ops';
import { Activation, RNNCell, inputDepth } from './rnn_cell';
import { linear } from './linear';

export class BasicRNNCellImpl extends RNNCell {
  private readonly numUnits: number;
  private readonly activation: Activation;

  /** BasicRNNCell(num_units, activation=None (tanh), reuse=None, name=None, dtype=None) */
  constructor(...args: unknown[]) {
    const a = bindArgs<{ num_units: number; activation: Activation | null; reuse: unknown; name: string | null; dtype: unknown }>(
      'BasicRNNCell', args, ['num_units', 'activation', 'reuse', 'name', 'dtype'], {}, 1);
    super(a.reuse, a.name);
    this.numUnits = a.num_units;
    this.activation = a.activation ?? tanh;
  }

  get state_size(): number { return this.numUnits; }
  get output_size(): number { return this.numUnits; }
  protected get defaultName(): string { return 'basic_rnn_cell'; }

  protected step(inputs: Tensor, state: Tensor): [Tensor, Tensor] {
    inputDepth(inputs);
    const output = this.activation(linear([inputs, state], this.numUnits));
    return [output, output];
  }
}
export const BasicRNNCell = callable(BasicRNNCellImpl);
export type BasicRNNCell = BasicRNNCellImpl;
