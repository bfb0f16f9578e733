/*
 * TF1's LSTMCell: BasicLSTMCell's gates plus optional peepholes (diagonal w_i_diag, w_f_diag,
 * w_o_diag on c), a clipped cell state (cell_clip), and a projection of the output
 * (projection/kernel, num_proj units, clipped to proj_clip). The state is (c, m), m the
 * projected output.
 */
import { Tensor, TensorLike } from '../../framework/tensor';
import { bindArgs } from '../../framework/python_args';
import { callable } from '../../framework/callable';
import { tanh, sigmoid } from '../nn_activation_ops';
import { add, multiply, clip_by_value, matmul } from '../math_ops';
import { concat } from '../array_ops';
import { split } from '../slicing_ops';
import { get_variable, variable_scope } from '../variable_scope';
import type { InitializerArg } from '../variable_scope';
import { Activation, CellState, RNNCell, inputDepth } from './rnn_cell';
import { LSTMStateTupleImpl } from './nest';
import { linear } from './linear';

interface LSTMCellArgs {
  num_units: number; use_peepholes: boolean; cell_clip: number | null; initializer: InitializerArg | null;
  num_proj: number | null; proj_clip: number | null; num_unit_shards: unknown; num_proj_shards: unknown;
  forget_bias: number; state_is_tuple: boolean; activation: Activation | null; reuse: unknown; name: string | null; dtype: unknown;
}

export class LSTMCellImpl extends RNNCell {
  private readonly a: LSTMCellArgs;
  private readonly activation: Activation;

  /**
   * LSTMCell(num_units, use_peepholes=False, cell_clip=None, initializer=None, num_proj=None, proj_clip=None,
   * num_unit_shards=None, num_proj_shards=None, forget_bias=1.0, state_is_tuple=True, activation=None, reuse=None, name=None, dtype=None)
   */
  constructor(...args: unknown[]) {
    const a = bindArgs<LSTMCellArgs>('LSTMCell', args, ['num_units', 'use_peepholes', 'cell_clip', 'initializer', 'num_proj',
      'proj_clip', 'num_unit_shards', 'num_proj_shards', 'forget_bias', 'state_is_tuple', 'activation', 'reuse', 'name', 'dtype'],
    { use_peepholes: false, forget_bias: 1.0, state_is_tuple: true }, 1);
    super(a.reuse, a.name);
    this.a = a;
    this.activation = a.activation ?? tanh;
  }

  private get outputUnits(): number { return this.a.num_proj ?? this.a.num_units; }
  get state_size(): LSTMStateTupleImpl<number> | number {
    return this.a.state_is_tuple ? new LSTMStateTupleImpl(this.a.num_units, this.outputUnits) : this.a.num_units + this.outputUnits;
  }
  get output_size(): number { return this.outputUnits; }
  protected get defaultName(): string { return 'lstm_cell'; }

  protected step(inputs: Tensor, state: CellState): [Tensor, CellState] {
    inputDepth(inputs);
    const a = this.a;
    const [cPrev, mPrev] = a.state_is_tuple ? [(state as LSTMStateTupleImpl<Tensor>).c, (state as LSTMStateTupleImpl<Tensor>).h]
      : split(state as Tensor, [a.num_units, this.outputUnits], 1) as Tensor[];
    const [i, j, f, o] = split(linear([inputs, mPrev], 4 * a.num_units, { kernelInitializer: a.initializer }), 4, 1) as Tensor[];
    const dtype = inputs.dtype;
    const diag = (name: string) => get_variable(name, { shape: [a.num_units], dtype, initializer: a.initializer });
    const peep = a.use_peepholes ? { f: diag('w_f_diag'), i: diag('w_i_diag'), o: diag('w_o_diag') } : null;
    const withPeep = (gate: Tensor, w: TensorLike | undefined, cell: Tensor) => (w ? add(gate, multiply(w, cell)) : gate);
    let c = add(multiply(sigmoid(withPeep(add(f, a.forget_bias), peep?.f, cPrev)), cPrev),
      multiply(sigmoid(withPeep(i, peep?.i, cPrev)), this.activation(j)));
    if (a.cell_clip !== undefined && a.cell_clip !== null) c = clip_by_value(c, -a.cell_clip, a.cell_clip);
    let m = multiply(sigmoid(withPeep(o, peep?.o, c)), this.activation(c));
    if (a.num_proj !== undefined && a.num_proj !== null) {
      const numProj = a.num_proj;
      m = variable_scope('projection', () => matmul(m, get_variable('kernel', { shape: [a.num_units, numProj], dtype, initializer: a.initializer })));
      if (a.proj_clip !== undefined && a.proj_clip !== null) m = clip_by_value(m, -a.proj_clip, a.proj_clip);
    }
    return [m, a.state_is_tuple ? new LSTMStateTupleImpl(c, m) : concat([c, m], 1)];
  }
}
export const LSTMCell = callable(LSTMCellImpl);
export type LSTMCell = LSTMCellImpl;
