import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { randomArray } from './helpers/gradient_check';
import { checkGradientsInSession } from './helpers/session_gradient_check';
import { Mat, expectClose, lstmStep, rnnStep, toMat } from './helpers/rnn_reference';

const rnn_cell = tf.nn.rnn_cell;
const mat = (a: NDArray): Mat => toMat(a.data, a.shape[0], a.shape[1]);
const vec = (a: NDArray): number[] => Array.from(a.data);
function inGraph<T>(fn: () => T): T { return new tf.Graph().as_default(fn); }
function names(): string[] { return tf.global_variables().map((v) => v.name); }

function randomizeVariables(sess: tf.Session, seed = 3): Record<string, NDArray> {
  const out: Record<string, NDArray> = {};
  tf.global_variables().forEach((v, k) => {
    const value = randomArray(v.shape as number[], seed + k, -0.8, 0.8);
    v.load(value, sess);
    out[v.name.replace(/:0$/, '')] = value;
  });
  return out;
}

const T = 3;
const XS = [0, 1, 2].map((t) => randomArray([2, 3], 20 + t));
const feedOf = (phs: tf.Tensor[]) => new Map(phs.map((p, t) => [p, XS[t]]));
const placeholders = () => XS.map((_, t) => tf.placeholder(tf.float32, [null, 3], `x${t}`));
const zerosMat = (rows: number, n: number): Mat => Array.from({ length: rows }, () => new Array(n).fill(0));

describe('tf.nn.static_rnn', () => {
  it('names variables as TF1 (rnn/<cell>/...) and shares them across the unrolled steps', () => {
    const cases: [() => tf.nn.rnn_cell.RNNCell, string[]][] = [
      [() => rnn_cell.BasicLSTMCell(4), ['rnn/basic_lstm_cell/kernel:0', 'rnn/basic_lstm_cell/bias:0']],
      [() => rnn_cell.BasicRNNCell(4), ['rnn/basic_rnn_cell/kernel:0', 'rnn/basic_rnn_cell/bias:0']],
      [() => rnn_cell.GRUCell(4), ['rnn/gru_cell/gates/kernel:0', 'rnn/gru_cell/gates/bias:0', 'rnn/gru_cell/candidate/kernel:0', 'rnn/gru_cell/candidate/bias:0']],
      [() => rnn_cell.LSTMCell(4, { use_peepholes: true, num_proj: 2 }), ['rnn/lstm_cell/kernel:0', 'rnn/lstm_cell/bias:0',
        'rnn/lstm_cell/w_f_diag:0', 'rnn/lstm_cell/w_i_diag:0', 'rnn/lstm_cell/w_o_diag:0', 'rnn/lstm_cell/projection/kernel:0']],
      [() => rnn_cell.MultiRNNCell([rnn_cell.BasicLSTMCell(4), rnn_cell.BasicLSTMCell(4)]), ['rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel:0',
        'rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias:0', 'rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel:0', 'rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias:0']],
      [() => rnn_cell.DropoutWrapper(rnn_cell.BasicLSTMCell(4), { output_keep_prob: 0.5 }), ['rnn/basic_lstm_cell/kernel:0', 'rnn/basic_lstm_cell/bias:0']],
    ];
    for (const [make, expected] of cases) {
      inGraph(() => {
        const [outputs] = tf.nn.static_rnn(make(), placeholders(), { dtype: tf.float32 });
        expect(outputs).to.have.length(T);
        expect(names()).to.deep.equal(expected);
      });
    }
  });

  it('a second static_rnn with a new cell in the same scope is TF1\'s "already exists" error; another scope works', () => inGraph(() => {
    tf.nn.static_rnn(rnn_cell.BasicRNNCell(2), placeholders(), { dtype: 'float32' });
    expect(() => tf.nn.static_rnn(rnn_cell.BasicRNNCell(2), placeholders(), { dtype: 'float32' }))
      .to.throw(tf.errors.ValueError, 'Variable rnn/basic_rnn_cell/kernel already exists');
    tf.nn.static_rnn(rnn_cell.BasicRNNCell(2), placeholders(), { dtype: 'float32', scope: 'second' });
    expect(names().slice(2)).to.deep.equal(['second/basic_rnn_cell/kernel:0', 'second/basic_rnn_cell/bias:0']);
  }));

  it('LSTM outputs and final state equal a loop of the reference step', () => inGraph(() => {
    const xs = placeholders();
    const [outputs, state] = tf.nn.static_rnn(rnn_cell.BasicLSTMCell(4), xs, { dtype: tf.float32 });
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const v = randomizeVariables(sess);
    let c = zerosMat(2, 4), h = zerosMat(2, 4);
    const got = sess.run([...outputs, (state as any).c, (state as any).h], feedOf(xs)) as NDArray[];
    XS.forEach((x, t) => {
      [c, h] = lstmStep(mat(x), c, h, mat(v['rnn/basic_lstm_cell/kernel']), vec(v['rnn/basic_lstm_cell/bias']));
      expectClose(got[t].data, h);
    });
    expectClose(got[T].data, c);
    expectClose(got[T + 1].data, h);
  }));

  it('sequence_length: outputs past a row\'s length are zeros and its state is the one at its last step', () => inGraph(() => {
    const xs = placeholders();
    const initial = tf.constant(randomArray([2, 4], 30, -0.5, 0.5));
    const [outputs, state] = tf.nn.static_rnn(rnn_cell.BasicRNNCell(4), xs, { initial_state: initial, sequence_length: [3, 1] });
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const v = randomizeVariables(sess);
    const got = sess.run([...outputs, state as tf.Tensor], feedOf(xs)) as NDArray[];
    let h = mat(randomArray([2, 4], 30, -0.5, 0.5));
    const hs: Mat[] = [];
    XS.forEach((x) => { h = rnnStep(mat(x), h, mat(v['rnn/basic_rnn_cell/kernel']), vec(v['rnn/basic_rnn_cell/bias'])); hs.push(h); });
    for (let t = 0; t < T; t++) expectClose(got[t].data, [hs[t][0], t < 1 ? hs[t][1] : [0, 0, 0, 0]]);
    expectClose(got[T].data, [hs[2][0], hs[0][1]]);
    const [lengths64] = tf.nn.static_rnn(rnn_cell.BasicRNNCell(4), xs, { initial_state: initial, sequence_length: tf.constant([3, 1], tf.int64), scope: 'int64' });
    sess.run(tf.variables_initializer(tf.global_variables().slice(2)));
    tf.global_variables()[2].load(v['rnn/basic_rnn_cell/kernel'], sess);
    tf.global_variables()[3].load(v['rnn/basic_rnn_cell/bias'], sess);
    expectClose((sess.run(lengths64[1], feedOf(xs)) as NDArray).data, [hs[1][0], [0, 0, 0, 0]]);
  }));

  it('numerical gradients through 3 unrolled steps, w.r.t. the inputs and the kernels (LSTM with sequence_length, GRU)', () => {
    for (const make of [() => rnn_cell.BasicLSTMCell(3), () => rnn_cell.GRUCell(3)]) {
      inGraph(() => {
        const xs = XS.map((_, t) => tf.placeholder(tf.float32, [2, 3], `x${t}`));
        const [outputs, state] = tf.nn.static_rnn(make(), xs, { dtype: tf.float32, sequence_length: [3, 2] });
        const last = (Array.isArray(state) ? state : state instanceof rnn_cell.LSTMStateTuple ? (state as any).c : state) as tf.Tensor;
        const y = tf.concat([...outputs, last], 1);
        const sess = new tf.Session();
        sess.run(tf.global_variables_initializer());
        randomizeVariables(sess);
        checkGradientsInSession(sess, y, [...xs, ...tf.trainable_variables()], feedOf(xs));
      });
    }
  });

  it('errors: empty inputs, no dtype without an initial state, a cell that is not an RNNCell', () => inGraph(() => {
    expect(() => tf.nn.static_rnn(rnn_cell.GRUCell(2), [], { dtype: 'float32' })).to.throw(tf.errors.ValueError, 'inputs must not be empty');
    expect(() => tf.nn.static_rnn(rnn_cell.GRUCell(2), placeholders())).to.throw(tf.errors.ValueError, 'If no initial_state is provided, dtype must be specified');
    expect(() => tf.nn.static_rnn({} as any, placeholders(), { dtype: 'float32' })).to.throw(TypeError, 'cell must be an instance of RNNCell');
  }));
});

describe('tf.nn.static_bidirectional_rnn', () => {
  it('concatenates forward and backward outputs per step; the backward cell reads each row reversed within its length', () => inGraph(() => {
    const xs = placeholders();
    const [outputs, stateFw, stateBw] = tf.nn.static_bidirectional_rnn(rnn_cell.BasicRNNCell(2), rnn_cell.BasicRNNCell(3), xs,
      { dtype: tf.float32, sequence_length: [3, 2] });
    expect(names()).to.deep.equal(['bidirectional_rnn/fw/basic_rnn_cell/kernel:0', 'bidirectional_rnn/fw/basic_rnn_cell/bias:0',
      'bidirectional_rnn/bw/basic_rnn_cell/kernel:0', 'bidirectional_rnn/bw/basic_rnn_cell/bias:0']);
    expect(outputs[0].shape![1]).to.equal(5);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const v = randomizeVariables(sess);
    const got = sess.run([...outputs, stateFw as tf.Tensor, stateBw as tf.Tensor], feedOf(xs)) as NDArray[];
    const lengths = [3, 2];
    const step = (dir: string, x: number[], h: number[]) =>
      rnnStep([x], [h], mat(v[`bidirectional_rnn/${dir}/basic_rnn_cell/kernel`]), vec(v[`bidirectional_rnn/${dir}/basic_rnn_cell/bias`]))[0];
    const expected: number[][][] = XS.map(() => [[], []]);
    lengths.forEach((len, b) => {
      const row = (t: number) => mat(XS[t])[b];
      let hf = [0, 0];
      for (let t = 0; t < T; t++) {
        if (t < len) hf = step('fw', row(t), hf);
        expected[t][b].push(...(t < len ? hf : [0, 0]));
      }
      const bwOut: number[][] = [];
      let hb = [0, 0, 0];
      for (let t = len - 1; t >= 0; t--) { hb = step('bw', row(t), hb); bwOut[t] = hb; }
      for (let t = 0; t < T; t++) expected[t][b].push(...(t < len ? bwOut[t] : [0, 0, 0]));
      expectClose(got[T].data.slice(2 * b, 2 * b + 2), hf);
      expectClose(got[T + 1].data.slice(3 * b, 3 * b + 3), hb);
    });
    for (let t = 0; t < T; t++) expectClose(got[t].data, expected[t]);
  }));
});

describe('tf.nn.dynamic_rnn and bidirectional_dynamic_rnn over a static number of steps', () => {
  it('batch-major and time-major inputs give static_rnn\'s outputs, stacked along time, with the same variables', () => inGraph(() => {
    const cell = rnn_cell.GRUCell(4);
    const xs = XS.map((x) => tf.constant(x));
    const [staticOut, staticState] = tf.nn.static_rnn(cell, xs, { dtype: tf.float32, sequence_length: [2, 3] });
    const batchMajor = tf.stack(xs, 1);
    const [dynOut, dynState] = tf.nn.dynamic_rnn(cell, batchMajor, { dtype: tf.float32, sequence_length: [2, 3] });
    const [tmOut] = tf.nn.dynamic_rnn(cell, tf.stack(xs, 0), { dtype: tf.float32, sequence_length: [2, 3], time_major: true });
    expect(names()).to.have.length(4);
    expect(dynOut.shape).to.deep.equal([2, 3, 4]);
    expect(tmOut.shape).to.deep.equal([3, 2, 4]);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const [s, d, tm, ss, ds] = sess.run([tf.stack(staticOut, 1), dynOut, tf.transpose(tmOut, [1, 0, 2]), staticState as tf.Tensor,
      dynState as tf.Tensor]) as NDArray[];
    expect(vec(d)).to.deep.equal(vec(s));
    expect(vec(tm)).to.deep.equal(vec(s));
    expect(vec(ds)).to.deep.equal(vec(ss));
    expect(vec(d).slice(8, 12)).to.deep.equal([0, 0, 0, 0]); // row 0, step 2: past its length 2
    // A time length unknown at graph time runs as a tf.while_loop: spec/dynamic_rnn_while.spec.ts.
  }));

  it('bidirectional_dynamic_rnn returns [[out_fw, out_bw], [state_fw, state_bw]] matching static_bidirectional_rnn', () => inGraph(() => {
    const fw = rnn_cell.BasicLSTMCell(2), bw = rnn_cell.BasicLSTMCell(2);
    const xs = XS.map((x) => tf.constant(x));
    const [staticOut] = tf.nn.static_bidirectional_rnn(fw, bw, xs, { dtype: tf.float32, sequence_length: [1, 3] });
    const [[outFw, outBw], [stFw, stBw]] = tf.nn.bidirectional_dynamic_rnn(fw, bw, tf.stack(xs, 1), { dtype: tf.float32, sequence_length: [1, 3] });
    expect(names()).to.deep.equal(['bidirectional_rnn/fw/basic_lstm_cell/kernel:0', 'bidirectional_rnn/fw/basic_lstm_cell/bias:0',
      'bidirectional_rnn/bw/basic_lstm_cell/kernel:0', 'bidirectional_rnn/bw/basic_lstm_cell/bias:0']);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const [s, d] = sess.run([tf.stack(staticOut, 1), tf.concat([outFw, outBw], 2)]) as NDArray[];
    expect(vec(d)).to.deep.equal(vec(s));
    expect(stFw).to.be.instanceOf(rnn_cell.LSTMStateTuple);
    expect(stBw).to.be.instanceOf(rnn_cell.LSTMStateTuple);
  }));
});

describe('tf.contrib.rnn', () => {
  it('holds the same cells as tf.nn.rnn_cell, and static_rnn; a missing member is an AttributeError', () => {
    expect(tf.contrib.rnn.BasicLSTMCell).to.equal(tf.nn.rnn_cell.BasicLSTMCell);
    expect(tf.contrib.rnn.LSTMStateTuple).to.equal(tf.nn.rnn_cell.LSTMStateTuple);
    expect(tf.contrib.rnn.static_rnn).to.equal(tf.nn.static_rnn);
    expect(() => (tf.contrib.rnn as any).LayerNormBasicLSTMCell).to.throw(/LayerNormBasicLSTMCell/);
  });
});

describe('an LSTM trained with static_rnn', () => {
  it('learns the sum of a 4-step sequence (loss falls below a fifth of its start)', () => inGraph(() => {
    tf.set_random_seed(2);
    const xs = [0, 1, 2, 3].map((t) => tf.placeholder(tf.float32, [null, 1], `x${t}`));
    const target = tf.add_n(xs);
    const [outputs] = tf.nn.static_rnn(rnn_cell.BasicLSTMCell(8), xs, { dtype: tf.float32 });
    const w = tf.get_variable('w', [8, 1]);
    const b = tf.get_variable('b', [1], { initializer: tf.zeros_initializer() });
    const pred = tf.add(tf.matmul(outputs[3], w), b);
    const loss = tf.reduce_mean(tf.square(tf.subtract(pred, target)));
    const train = tf.train.AdamOptimizer(0.02).minimize(loss);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const batch = (seed: number) => new Map(xs.map((x, t) => [x, randomArray([32, 1], seed * 10 + t, -1, 1)]));
    const evalFeed = batch(999);
    const first = sess.run(loss, evalFeed) as number;
    for (let i = 0; i < 300; i++) sess.run(train, batch(i));
    const last = sess.run(loss, evalFeed) as number;
    expect(last).to.be.lessThan(first / 5);
  }));
});

