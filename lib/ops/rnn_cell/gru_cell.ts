/*
 * TF1's GRUCell: [r, u] = sigmoid(gates: W [x, h] + b, b initialized to 1.0);
 * c = activation(candidate: W [x, r * h] + b); new_h = u * h + (1 - u) * c.
 */
import { Tensor } from '../../framework/tensor';
import { bindArgs } from '../../framework/python_args';
import { callable } from '../../framework/callable';
import { tanh, sigmoid } from '../nn_activation_ops';
import { add, multiply, subtract } from '../math_ops';
import { split } from '../slicing_ops';
import { variable_scope } from '../variable_scope';
import type { InitializerArg } from '../variable_scope';
import { Constant } from '../init_ops';
import { Activation, RNNCell, inputDepth } from './rnn_cell';
import { linear } from './linear';

interface GRUCellArgs {
  num_units: number; activation: Activation | null; reuse: unknown; kernel_initializer: InitializerArg | null;
  bias_initializer: InitializerArg | null; name: string | null; dtype: unknown;
}

export class GRUCellImpl extends RNNCell {
  private readonly a: GRUCellArgs;
  private readonly activation: Activation;

  /** GRUCell(num_units, activation=None (tanh), reuse=None, kernel_initializer=None, bias_initializer=None, name=None, dtype=None) */
  constructor(...args: unknown[]) {
    const a = bindArgs<GRUCellArgs>('GRUCell', args, ['num_units', 'activation', 'reuse', 'kernel_initializer', 'bias_initializer',
      'name', 'dtype'], {}, 1);
    super(a.reuse, a.name);
    this.a = a;
    this.activation = a.activation ?? tanh;
  }

  get state_size(): number { return this.a.num_units; }
  get output_size(): number { return this.a.num_units; }
  protected get defaultName(): string { return 'gru_cell'; }

  protected step(inputs: Tensor, h: Tensor): [Tensor, Tensor] {
    inputDepth(inputs);
    const n = this.a.num_units;
    const kernelInitializer = this.a.kernel_initializer;
    const gates = variable_scope('gates', () => sigmoid(linear([inputs, h], 2 * n,
      { kernelInitializer, biasInitializer: this.a.bias_initializer ?? new Constant(1.0) })));
    const [r, u] = split(gates, 2, 1) as Tensor[];
    const c = this.activation(variable_scope('candidate', () => linear([inputs, multiply(r, h)], n,
      { kernelInitializer, biasInitializer: this.a.bias_initializer })));
    const newH = add(multiply(u, h), multiply(subtract(1, u), c));
    return [newH, newH];
  }
}
export const GRUCell = callable(GRUCellImpl);
export type GRUCell = GRUCellImpl;
