import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { randomArray } from './helpers/gradient_check';

const rnn_cell = tf.nn.rnn_cell;
const vec = (a: unknown): number[] => Array.from((a as NDArray).data);
const X = randomArray([2, 3, 3], 31); // [batch, time, depth]

function expectClose(got: number[], want: number[], tol = 1e-5): void {
  expect(got.length).to.equal(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]), `element ${i}: ${g} vs ${want[i]}`).to.be.below(tol));
}

/** Builds dynamic_rnn on `input` in a fresh graph, sets its variables to fixed values, returns the results. */
function runRnn(makeCell: () => tf.nn.rnn_cell.RNNCell, shape: (number | null)[], options: Record<string, unknown>, feed: NDArray) {
  return new tf.Graph().as_default(() => {
    const x = tf.placeholder(tf.float32, shape, 'x');
    const [out, state] = tf.nn.dynamic_rnn(makeCell(), x, { dtype: tf.float32, ...options });
    const vars = tf.global_variables();
    const loss = tf.reduce_sum(tf.square(out));
    const grads = tf.gradients(loss, [x, ...vars.map((v) => v._asTensor())]);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    vars.forEach((v, k) => v.load(randomArray(v.shape as number[], 40 + k, -0.8, 0.8), sess));
    const flatState = state instanceof tf.Tensor ? [state] : [...(state as Iterable<tf.Tensor>)];
    const values = sess.run([out, ...flatState as tf.Tensor[], ...grads as tf.Tensor[]], new Map([[x, feed]])) as NDArray[];
    return { names: vars.map((v) => v.name), out, values, whileOps: tf.get_default_graph().get_operations().filter((o) => o.type === 'While').length };
  });
}

describe('tf.nn.dynamic_rnn over a time length unknown at graph time (tf.while_loop)', () => {
  it('gives the unrolled form\'s outputs, state and gradients, with the same variable names', () => {
    const cell = () => rnn_cell.BasicLSTMCell(4);
    const unrolled = runRnn(cell, [2, 3, 3], {}, X);
    const looped = runRnn(cell, [null, null, 3], {}, X);
    expect(unrolled.whileOps).to.equal(0);
    expect(looped.whileOps).to.equal(1);
    expect(looped.names).to.deep.equal(['rnn/basic_lstm_cell/kernel:0', 'rnn/basic_lstm_cell/bias:0']);
    expect(looped.names).to.deep.equal(unrolled.names);
    expect([...looped.out.shape!]).to.deep.equal([null, null, 4]);
    expect(looped.values[0].shape).to.deep.equal([2, 3, 4]);
    looped.values.forEach((v, i) => expectClose(vec(v), vec(unrolled.values[i]), 1e-4));
  });

  it('zeroes outputs past sequence_length and carries the state; time_major; other cells', () => {
    for (const makeCell of [() => rnn_cell.GRUCell(3), () => rnn_cell.BasicRNNCell(2)]) {
      const unrolled = runRnn(makeCell, [2, 3, 3], { sequence_length: [1, 3] }, X);
      const looped = runRnn(makeCell, [2, null, 3], { sequence_length: [1, 3] }, X);
      looped.values.forEach((v, i) => expectClose(vec(v), vec(unrolled.values[i]), 1e-4));
      const units = looped.values[0].shape[2];
      // Row 0 has length 1: its steps 1 and 2 output zeros.
      expect(vec(looped.values[0]).slice(units, 3 * units)).to.deep.equal(new Array(2 * units).fill(0));
    }
    const timeMajor = new NDArray(new Float32Array(18), [3, 2, 3], 'float32');
    for (let t = 0; t < 3; t++) for (let b = 0; b < 2; b++) for (let d = 0; d < 3; d++) timeMajor.data[(t * 2 + b) * 3 + d] = X.data[(b * 3 + t) * 3 + d];
    const cell = () => rnn_cell.GRUCell(3);
    const batchMajor = runRnn(cell, [2, null, 3], {}, X);
    const tm = runRnn(cell, [null, 2, 3], { time_major: true }, timeMajor);
    expect(tm.values[0].shape).to.deep.equal([3, 2, 3]);
    expectClose(vec(tm.values[1]), vec(batchMajor.values[1]), 1e-5);
  });

  it('runs sequences of different lengths through one graph (1 step and 5 steps)', () => {
    const short = runRnn(() => rnn_cell.BasicLSTMCell(2), [null, null, 3], {}, randomArray([2, 1, 3], 50));
    expect(short.values[0].shape).to.deep.equal([2, 1, 2]);
    const long = runRnn(() => rnn_cell.BasicLSTMCell(2), [null, null, 3], {}, randomArray([1, 5, 3], 51));
    expect(long.values[0].shape).to.deep.equal([1, 5, 2]);
  });
});

/** bidirectional_dynamic_rnn in a fresh graph with its variables set to fixed values: outputs, states, gradients. */
function runBidi(shape: (number | null)[], options: Record<string, unknown>, feed: NDArray) {
  return new tf.Graph().as_default(() => {
    const x = tf.placeholder(tf.float32, shape, 'x');
    const [[outFw, outBw], [stFw, stBw]] = tf.nn.bidirectional_dynamic_rnn(rnn_cell.BasicLSTMCell(3), rnn_cell.GRUCell(2), x,
      { dtype: tf.float32, ...options });
    const vars = tf.global_variables();
    const loss = tf.add(tf.reduce_sum(tf.square(outFw)), tf.reduce_sum(tf.square(outBw)));
    const grads = tf.gradients(loss, [x, ...vars.map((v) => v._asTensor())]);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    vars.forEach((v, k) => v.load(randomArray(v.shape as number[], 60 + k, -0.8, 0.8), sess));
    const states = [...(stFw as Iterable<tf.Tensor>), stBw as tf.Tensor];
    const values = sess.run([outFw, outBw, ...states, ...grads as tf.Tensor[]], new Map([[x, feed]])) as NDArray[];
    const whileOps = tf.get_default_graph().get_operations().filter((o) => o.type === 'While').length;
    return { names: vars.map((v) => v.name), values, whileOps };
  });
}

describe('tf.nn.bidirectional_dynamic_rnn over a time length unknown at graph time', () => {
  for (const [what, options] of [['without sequence_length', {}], ['with sequence_length [1, 3]', { sequence_length: [1, 3] }],
    ['time major', { time_major: true }]] as [string, Record<string, unknown>][]) {
    it(`matches the unrolled form ${what}: outputs, states, gradients and variable names`, () => {
      const timeMajor = !!options.time_major;
      // Time major: the same 18 values read as [time 3, batch 2, depth 3].
      const feed = timeMajor ? new NDArray(X.data, [3, 2, 3], 'float32') : X;
      const staticShape = timeMajor ? [3, 2, 3] : [2, 3, 3], unknownShape = timeMajor ? [null, 2, 3] : [2, null, 3];
      const unrolled = runBidi(staticShape, options, feed);
      const looped = runBidi(unknownShape, options, feed);
      expect(unrolled.whileOps).to.equal(0);
      expect(looped.whileOps).to.equal(2);
      expect(looped.names).to.deep.equal(unrolled.names);
      expect(looped.names[0]).to.equal('bidirectional_rnn/fw/basic_lstm_cell/kernel:0');
      looped.values.forEach((v, i) => expectClose(vec(v), vec(unrolled.values[i]), 1e-5));
    });
  }
});
