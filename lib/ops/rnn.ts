/*
 * TF1's recurrent loops over a cell (rnn.py): tf.nn.static_rnn and static_bidirectional_rnn
 * unroll over a JS array of per-step inputs; dynamic_rnn and bidirectional_dynamic_rnn take
 * a [batch, time, depth] tensor (or [time, batch, depth] with time_major) whose number of
 * steps, when the graph knows it, unroll the same way; dynamic_rnn over a length known only
 * at run time is a tf.while_loop, as TF1 runs it. Variables are named
 * as TF1 names them: `rnn/<cell>/kernel`, `bidirectional_rnn/fw/<cell>/kernel`.
 */
import { Tensor, TensorLike } from '../framework/tensor';
import { DType } from '../framework/dtypes';
import { ValueError } from '../framework/errors';
import { convertToTensor } from '../framework/convert';
import { name_scope } from '../framework/graph';
import { pyfunc } from '../framework/python_args';
import { variable_scope, VariableScope } from './variable_scope';
import { concat, expand_dims, identity, stack, transpose, unstack, where } from './array_ops';
import { shape as shapeOf, zeros_like } from './shape_ops';
import { add, cast, greater_equal, less } from './math_ops';
import { while_loop } from './control_flow_while';
import { gather } from './gather_ops';
import { reverse, reverse_sequence } from './slicing_ops';
import { CellState, RNNCell } from './rnn_cell/rnn_cell';
import { flatten, mapStructure, Nested, packSequenceAs } from './rnn_cell/nest';

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

/** The number of steps along the time axis when the graph knows it; null runs the tf.while_loop form. */
function timeSteps(x: Tensor, timeAxis: number): number | null {
  if (x.shape === null || x.shape.length < 3) {
    throw new ValueError(`dynamic_rnn: inputs must have rank 3 or more, saw shape: ${x.get_shape().toString()}`);
  }
  return x.shape[timeAxis];
}

/** [batch, time, ...] <-> [time, batch, ...]. */
function swapBatchTime(x: Tensor): Tensor {
  const perm = [1, 0, ...Array.from({ length: x.shape!.length - 2 }, (_, i) => i + 2)];
  return transpose(x, perm);
}

/**
 * dynamic_rnn over a time length known only at run time: a tf.while_loop over the steps,
 * as TF1 runs it. Step 0 runs before the loop (it creates the cell's variables outside the
 * loop, where optimizers see them, under the names the unrolled form gives them), the later
 * steps in the loop body; the outputs are concatenated along time (no TensorArray yet), so
 * there must be at least one step.
 */
function loopOverTime(cell: RNNCell, xTimeMajor: Tensor, initial: CellState | null | undefined, dtype: DType | string | null | undefined,
  sequenceLength: TensorLike | null | undefined, scope: Scope): [Tensor, CellState] {
  return variable_scope(scope ?? 'rnn', (varscope: VariableScope) => {
    const steps = gather(shapeOf(xTimeMajor), 0);
    const first = gather(xTimeMajor, 0);
    const state0 = initialState(cell, first, initial, dtype);
    let seqLen: Tensor | null = null;
    if (sequenceLength !== undefined && sequenceLength !== null) {
      seqLen = identity(cast(convertToTensor(sequenceLength), 'int32'), 'sequence_length');
      if (seqLen.shape !== null && seqLen.shape.length !== 1) {
        throw new ValueError(`sequence_length must be a vector of length batch_size, but saw shape: ${seqLen.get_shape().toString()}`);
      }
    }
    // TF1's _rnn_step: rows whose sequence has ended output zeros and keep their state.
    const step = (time: Tensor, x: Tensor, state: CellState): [Tensor, CellState] => {
      const [out, next] = cell.__call__(x, state);
      if (seqLen === null) return [out, next];
      const done = greater_equal(time, seqLen);
      return [where(done, zeros_like(out), out), mapStructure((old: Tensor, nu: Tensor) => where(done, old, nu), state, next) as CellState];
    };
    const [out0, stateAfter0] = step(cast(0, 'int32'), first, state0);
    varscope.reuse_variables();
    const stateLeaves = flatten(stateAfter0 as Nested<Tensor>);
    const stacked0 = expand_dims(out0, 0);
    const result = while_loop((t: Tensor) => less(t, steps), (t: Tensor, acc: Tensor, ...leaves: Tensor[]) => {
      const [out, next] = step(t, gather(xTimeMajor, t), packSequenceAs(stateAfter0 as Nested<Tensor>, leaves) as CellState);
      return [add(t, 1), concat([acc, expand_dims(out, 0)], 0), ...flatten(next as Nested<Tensor>)];
    }, [cast(1, 'int32'), stacked0, ...stateLeaves], {
      shape_invariants: [[], stacked0.shape === null ? null : [null, ...stacked0.shape.slice(1)], ...stateLeaves.map((l) => l.shape)],
      name: 'while',
    }) as Tensor[];
    return [result[1], packSequenceAs(stateAfter0 as Nested<Tensor>, result.slice(2)) as CellState] as [Tensor, CellState];
  });
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
  const numSteps = timeSteps(x, timeAxis);
  if (numSteps === null) {
    const [outputs, state] = loopOverTime(cell, time_major ? x : swapBatchTime(x), initial_state, dtype, sequence_length, scope);
    return [name_scope('rnn_outputs', () => (time_major ? identity(outputs) : swapBatchTime(outputs))), state];
  }
  const steps = unstack(x, { num: numSteps, axis: timeAxis });
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
  const numSteps = timeSteps(x, timeAxis);
  if (numSteps === null) {
    // As TF1: the backward cell reads each sequence reversed within its length (reverse_sequence, or the whole time
    // axis without lengths) and its outputs are reversed back; both directions loop over the run-time length.
    const xTimeMajor = time_major ? x : swapBatchTime(x);
    const reverseTime = (t: Tensor) => (sequence_length === undefined || sequence_length === null
      ? reverse(t, [0]) : reverse_sequence(t, cast(convertToTensor(sequence_length), 'int64'), 0, 1));
    const batchLayout = (t: Tensor) => (time_major ? t : swapBatchTime(t));
    return variable_scope(scope ?? 'bidirectional_rnn', () => {
      const [outFw, stateFw] = variable_scope('fw', (fw: VariableScope) =>
        loopOverTime(cellFw, xTimeMajor, initialFw, dtype, sequence_length, fw));
      const [outBw, stateBw] = variable_scope('bw', (bw: VariableScope) => {
        const [reversedOut, st] = loopOverTime(cellBw, reverseTime(xTimeMajor), initialBw, dtype, sequence_length, bw);
        return [reverseTime(reversedOut), st] as [Tensor, CellState];
      });
      return [[batchLayout(outFw), batchLayout(outBw)], [stateFw, stateBw]] as [[Tensor, Tensor], [CellState, CellState]];
    });
  }
  const steps = unstack(x, { num: numSteps, axis: timeAxis });
  return variable_scope(scope ?? 'bidirectional_rnn', () => {
    const [outFw, stateFw] = variable_scope('fw', (fw: VariableScope) => unroll(cellFw, steps, initialFw, dtype, sequence_length, fw));
    const [outBw, stateBw] = variable_scope('bw', (bw: VariableScope) => {
      const [reversedOut, st] = unroll(cellBw, reverseSteps(steps, sequence_length), initialBw, dtype, sequence_length, bw);
      return [reverseSteps(reversedOut, sequence_length), st] as [Tensor[], CellState];
    });
    return [[stack(outFw, timeAxis), stack(outBw, timeAxis)], [stateFw, stateBw]] as [[Tensor, Tensor], [CellState, CellState]];
  });
});
