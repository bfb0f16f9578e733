/* TF1's MultiRNNCell: cells stacked, each layer's output the next one's input, layer i under `cell_i/`. */
import { Tensor } from '../../framework/tensor';
import { ValueError } from '../../framework/errors';
import { bindArgs } from '../../framework/python_args';
import { callable } from '../../framework/callable';
import { concat } from '../array_ops';
import { split } from '../slicing_ops';
import { variable_scope } from '../variable_scope';
import { CellState, RNNCell } from './rnn_cell';
import { Nested, flatten } from './nest';

export class MultiRNNCellImpl extends RNNCell {
  readonly cells: RNNCell[];
  private readonly stateIsTuple: boolean;

  /** MultiRNNCell(cells, state_is_tuple=True) */
  constructor(...args: unknown[]) {
    const a = bindArgs<{ cells: RNNCell[]; state_is_tuple: boolean }>('MultiRNNCell', args, ['cells', 'state_is_tuple'],
      { state_is_tuple: true }, 1);
    super(null, null);
    if (!Array.isArray(a.cells) || a.cells.length === 0) throw new ValueError('Must specify at least one cell for MultiRNNCell.');
    this.cells = a.cells.slice();
    this.stateIsTuple = a.state_is_tuple;
    if (!this.stateIsTuple && this.cells.some((c) => flatten(c.state_size).length > 1)) {
      throw new ValueError(`Some cells return tuples of states, but the flag state_is_tuple is not set.  State sizes are: ${
        this.cells.map((c) => String(c.state_size)).join(', ')}`);
    }
  }

  get state_size(): Nested<number> {
    const sizes = this.cells.map((c) => c.state_size);
    return this.stateIsTuple ? sizes : (sizes as number[]).reduce((s, n) => s + n, 0);
  }
  get output_size(): number { return this.cells[this.cells.length - 1].output_size; }
  protected get defaultName(): string { return 'multi_rnn_cell'; }

  protected step(inputs: Tensor, state: CellState): [Tensor, CellState] {
    const states = this.stateIsTuple ? state as readonly CellState[]
      : split(state as Tensor, this.cells.map((c) => c.state_size as number), 1) as Tensor[];
    let current = inputs;
    const newStates: CellState[] = [];
    this.cells.forEach((cell, i) => variable_scope(`cell_${i}`, () => {
      const [out, s] = cell.__call__(current, states[i]);
      current = out;
      newStates.push(s);
    }));
    return [current, this.stateIsTuple ? newStates : concat(newStates as Tensor[], 1)];
  }
}
export const MultiRNNCell = callable(MultiRNNCellImpl);
export type MultiRNNCell = MultiRNNCellImpl;
