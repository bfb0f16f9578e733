/*
 * TF1's recurrent loops over a cell (rnn.py): tf.nn.static_rnn and static_bidirectional_rnn
 * unroll over a JS array of per-step inputs; dynamic_rnn and bidirectional_dynamic_rnn take
 * a [batch, time, depth] tensor (or [time, batch, depth] with time_major) whose number of
 * steps must be known when the graph is built, and unroll it the same way. TF1 runs them as
 * a tf.while_loop over a symbolic length; that form awaits tf.while_loop. Variables are named
 * as TF1 names them: `rnn/<cell>/kernel`, `bidirectional_rnn/fw/<cell>/kernel`.
 */
import { Tensor, TensorLike } from '../framework/tensor';
import { DType } from '../framework/dtypes';
import { ValueError } from '../framework/errors';
import { convertToTensor } from '../framework/convert';
import { name_scope } from '../framework/graph';
import { pyfunc } from '../framework/python_args';
import { variable_scope, VariableScope } from './variable_scope';
import { concat, identity, stack, unstack, where } from './array_ops';
import { shape as shapeOf, zeros_like } from './shape_ops';
import { cast, greater_equal } from './math_ops';
import { gather } from './gather_ops';
import { reverse_sequence } from './slicing_ops';
import { CellState, RNNCell } from './rnn_cell/rnn_cell';
import { mapStructure } from './rnn_cell/nest';

type Scope = string | VariableScope | null | undefined;

function checkCell(cell: unknown, what = 'cell'): RNNCell {
  if (!(cell instanceof RNNCell)) throw new TypeError(`${what} must be an instance of RNNCell`);
  return cell;
}

/** The batch size: static if known, else shape(x)[0] (TF1's rnn._best_effort_input_batch_size). */
function batchSize(x: Tensor): number | Tensor {
  const n = x.shape?.[0];
  return n !== undefined && n !== null ? n : gather(shapeOf(x), 0);
}

function initialState(cell: RNNCell, first: Tensor, initial: CellState | null | undefined, dtype: DType | string | null | undefined): CellState {
  if (initial !== undefined && initial !== null) return initial;
  if (!dtype) throw new ValueError('If no initial_state is provided, dtype must be specified');
  return cell.zero_state(batchSize(first), dtype);
}

/** The unrolled loop shared by the static and (statically sized) dynamic RNNs. */
function unroll(cell: RNNCell, inputs: Tensor[], initial: CellState | null | undefined, dtype: DType | string | null | undefined,
  sequenceLength: TensorLike | null | undefined, scope: Scope): [Tensor[], CellState] {
  if (!Array.isArray(inputs)) throw new TypeError('inputs must be a sequence');
  if (inputs.length === 0) throw new ValueError('inputs must not be empty');
  return variable_scope(scope ?? 'rnn', (varscope: VariableScope) => {
    const xs = inputs.map((x) => convertToTensor(x));
    let state = initialState(cell, xs[0], initial, dtype);
    let seqLen: Tensor | null = null;
    if (sequenceLength !== undefined && sequenceLength !== null) {
      seqLen = identity(cast(convertToTensor(sequenceLength), 'int32'), 'sequence_length');
      if (seqLen.shape !== null && seqLen.shape.length !== 1) {
        throw new ValueError(`sequence_length must be a vector of length batch_size, but saw shape: ${seqLen.get_shape().toString()}`);
      }
    }
    const outputs: Tensor[] = [];
    xs.forEach((x, time) => {
      if (time > 0) varscope.reuse_variables();
      const [out, next] = cell.__call__(x, state);
      if (seqLen === null) {
        outputs.push(out);
        state = next;
        return;
      }
      // TF1's _rnn_step: rows whose sequence has ended output zeros and keep their state.
      const done = greater_equal(cast(time, 'int32'), seqLen);
      outputs.push(where(done, zeros_like(out), out));
      state = mapStructure((old: Tensor, nu: Tensor) => where(done, old, nu), state, next) as CellState;
    });
    return [outputs, state] as [Tensor[], CellState];
  });
}

/**
 * tf.nn.static_rnn(cell, inputs, initial_state=None, dtype=None, sequence_length=None, scope=None)
 * -> [outputs, state]: the cell over an array of [batch, depth] inputs, in variable scope 'rnn'.
 * With sequence_length, a row's outputs past its length are zeros and its state stays the last one.
 */
export const static_rnn = pyfunc('static_rnn', ['cell', 'inputs', 'initial_state', 'dtype', 'sequence_length', 'scope'], 2,
  function static_rnn(cell: RNNCell, inputs: Tensor[], initial_state?: CellState | null, dtype?: DType | string | null,
    sequence_length?: TensorLike | null, scope?: Scope): [Tensor[], CellState] {
  return unroll(checkCell(cell), inputs, initial_state, dtype, sequence_length, scope);
});

/** TF1's _reverse_seq: the steps reversed, each row only over its first sequence_length steps. */
function reverseSteps(inputs: Tensor[], sequenceLength: TensorLike | null | undefined): Tensor[] {
  if (sequenceLength === undefined || sequenceLength === null) return inputs.slice().reverse();
  const lengths = cast(convertToTensor(sequenceLength), 'int64');
  return unstack(reverse_sequence(stack(inputs), lengths, { seq_axis: 0, batch_axis: 1 }), { num: inputs.length });
}

/**
 * tf.nn.static_bidirectional_rnn(cell_fw, cell_bw, inputs, initial_state_fw=None, initial_state_bw=None, dtype=None,
 * sequence_length=None, scope=None) -> [outputs, output_state_fw, output_state_bw]: outputs[t] is
 * concat([fw[t], bw[t]], 1); the backward cell reads the steps reversed (within each row's length)
 * and its outputs are reversed back. Variables under 'bidirectional_rnn/fw' and '.../bw'.
 */
export const static_bidirectional_rnn = pyfunc('static_bidirectional_rnn', ['cell_fw', 'cell_bw', 'inputs', 'initial_state_fw',
  'initial_state_bw', 'dtype', 'sequence_length', 'scope'], 3,
function static_bidirectional_rnn(cellFw: RNNCell, cellBw: RNNCell, inputs: Tensor[], initialFw?: CellState | null,
  initialBw?: CellState | null, dtype?: DType | string | null, sequence_length?: TensorLike | null, scope?: Scope): [Tensor[], CellState, CellState] {
  checkCell(cellFw, 'cell_fw');
  checkCell(cellBw, 'cell_bw');
  if (!Array.isArray(inputs)) throw new TypeError('inputs must be a list');
  if (inputs.length === 0) throw new ValueError('inputs must not be empty');
  return variable_scope(scope ?? 'bidirectional_rnn', () => {
    const [outFw, stateFw] = variable_scope('fw', (fw: VariableScope) => unroll(cellFw, inputs, initialFw, dtype, sequence_length, fw));
    const [outBw, stateBw] = variable_scope('bw', (bw: VariableScope) => {
      const [reversedOut, st] = unroll(cellBw, reverseSteps(inputs, sequence_length), initialBw, dtype, sequence_length, bw);
      return [reverseSteps(reversedOut, sequence_length), st] as [Tensor[], CellState];
    });
    return [outFw.map((f, t) => concat([f, outBw[t]], 1)), stateFw, stateBw] as [Tensor[], CellState, CellState];
  });
});

/** The number of steps along the time axis, which the unrolled form needs when the graph is built. */
function timeSteps(x: Tensor, timeAxis: number): number {
  if (x.shape === null || x.shape.length < 3) {
    throw new ValueError(`dynamic_rnn: inputs must have rank 3 or more, saw shape: ${x.get_shape().toString()}`);
  }
  const steps = x.shape[timeAxis];
  if (steps === null) {
    throw new ValueError('dynamic_rnn: the number of time steps must be known when the graph is built (tensorgraph unrolls '
      + 'dynamic_rnn; a symbolic length awaits tf.while_loop)');
  }
  return steps;
}

/**
 * tf.nn.dynamic_rnn(cell, inputs, sequence_length=None, initial_state=None, dtype=None, parallel_iterations=None,
 * swap_memory=False, time_major=False, scope=None) -> [outputs, state]: inputs [batch, time, depth]
 * ([time, batch, depth] with time_major), outputs in the same layout. Unrolled over the static
 * number of time steps, with static_rnn's sequence_length semantics.
 */
export const dynamic_rnn = pyfunc('dynamic_rnn', ['cell', 'inputs', 'sequence_length', 'initial_state', 'dtype',
  'parallel_iterations', 'swap_memory', 'time_major', 'scope'], 2,
function dynamic_rnn(cell: RNNCell, inputs: TensorLike, sequence_length?: TensorLike | null, initial_state?: CellState | null,
  dtype?: DType | string | null, _parallel?: unknown, _swap?: unknown, time_major?: boolean | null, scope?: Scope): [Tensor, CellState] {
  checkCell(cell);
  const x = convertToTensor(inputs);
  const timeAxis = time_major ? 0 : 1;
  const steps = unstack(x, { num: timeSteps(x, timeAxis), axis: timeAxis });
  const [outputs, state] = unroll(cell, steps, initial_state, dtype, sequence_length, scope);
  return [name_scope('rnn_outputs', () => stack(outputs, timeAxis)), state];
});

/**
 * tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length=None, initial_state_fw=None,
 * initial_state_bw=None, dtype=None, parallel_iterations=None, swap_memory=False, time_major=False, scope=None)
 * -> [[output_fw, output_bw], [state_fw, state_bw]]; unrolled as dynamic_rnn.
 */
export const bidirectional_dynamic_rnn = pyfunc('bidirectional_dynamic_rnn', ['cell_fw', 'cell_bw', 'inputs', 'sequence_length',
  'initial_state_fw', 'initial_state_bw', 'dtype', 'parallel_iterations', 'swap_memory', 'time_major', 'scope'], 3,
function bidirectional_dynamic_rnn(cellFw: RNNCell, cellBw: RNNCell, inputs: TensorLike, sequence_length?: TensorLike | null,
  initialFw?: CellState | null, initialBw?: CellState | null, dtype?: DType | string | null, _parallel?: unknown, _swap?: unknown,
  time_major?: boolean | null, scope?: Scope): [[Tensor, Tensor], [CellState, CellState]] {
  checkCell(cellFw, 'cell_fw');
  checkCell(cellBw, 'cell_bw');
  const x = convertToTensor(inputs);
  const timeAxis = time_major ? 0 : 1;
  const steps = unstack(x, { num: timeSteps(x, timeAxis), axis: timeAxis });
  return variable_scope(scope ?? 'bidirectional_rnn', () => {
    const [outFw, stateFw] = variable_scope('fw', (fw: VariableScope) => unroll(cellFw, steps, initialFw, dtype, sequence_length, fw));
    const [outBw, stateBw] = variable_scope('bw', (bw: VariableScope) => {
      const [reversedOut, st] = unroll(cellBw, reverseSteps(steps, sequence_length), initialBw, dtype, sequence_length, bw);
      return [reverseSteps(reversedOut, sequence_length), st] as [Tensor[], CellState];
    });
    return [[stack(outFw, timeAxis), stack(outBw, timeAxis)], [stateFw, stateBw]] as [[Tensor, Tensor], [CellState, CellState]];
  });
});
