import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { randomArray } from './helpers/gradient_check';
import { checkGradientsInSession } from './helpers/session_gradient_check';
import { Mat, affine, cols, expectClose, gruStep, hcat, lstmStep, map1, rnnStep, sigmoid, toMat } from './helpers/rnn_reference';

const rnn_cell = tf.nn.rnn_cell;
const mat = (a: NDArray): Mat => toMat(a.data, a.shape[0], a.shape[1]);
const vec = (a: NDArray): number[] => Array.from(a.data);

/** Writes random values into every global variable (so biases are not zeros) and returns them by name without ':0'. */
function randomizeVariables(sess: tf.Session, seed = 3): Record<string, NDArray> {
  const out: Record<string, NDArray> = {};
  tf.global_variables().forEach((v, k) => {
    const value = randomArray(v.shape as number[], seed + k, -0.8, 0.8);
    v.load(value, sess);
    out[v.name.replace(/:0$/, '')] = value;
  });
  return out;
}

function inGraph<T>(fn: () => T): T { return new tf.Graph().as_default(fn); }

const X = randomArray([2, 3], 11), H = randomArray([2, 4], 12, -0.5, 0.5), C = randomArray([2, 4], 13, -0.5, 0.5);

describe('tf.nn.rnn_cell: one step of each cell against the TF1 formulas', () => {
  it('BasicRNNCell: tanh(W [x, h] + b), variables basic_rnn_cell/kernel [7, 4] and bias [4]', () => inGraph(() => {
    const cell = rnn_cell.BasicRNNCell(4);
    expect(cell.state_size).to.equal(4);
    expect(cell.output_size).to.equal(4);
    const [out, state] = cell.call(tf.constant(X), tf.constant(H));
    expect(out).to.equal(state);
    expect(tf.global_variables().map((v) => [v.name, v.shape])).to.deep.equal([['basic_rnn_cell/kernel:0', [7, 4]], ['basic_rnn_cell/bias:0', [4]]]);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const v = randomizeVariables(sess);
    expectClose((sess.run(out) as NDArray).data, rnnStep(mat(X), mat(H), mat(v['basic_rnn_cell/kernel']), vec(v['basic_rnn_cell/bias'])));
  }));

  it('BasicLSTMCell: forget_bias, LSTMStateTuple(c, h), and state_is_tuple=false giving the same numbers', () => inGraph(() => {
    const cell = rnn_cell.BasicLSTMCell(4, { forget_bias: 0.5 });
    expect(cell.state_size).to.be.instanceOf(rnn_cell.LSTMStateTuple);
    const [out, state] = cell.call(tf.constant(X), rnn_cell.LSTMStateTuple(tf.constant(C), tf.constant(H)));
    const flat = rnn_cell.BasicLSTMCell(4, { forget_bias: 0.5, state_is_tuple: false, name: 'flat' });
    const [outFlat, stateFlat] = flat.call(tf.constant(X), tf.concat([tf.constant(C), tf.constant(H)], 1));
    expect(tf.global_variables().map((v) => v.name)).to.deep.equal(['basic_lstm_cell/kernel:0', 'basic_lstm_cell/bias:0', 'flat/kernel:0', 'flat/bias:0']);
    expect(tf.global_variables()[0].shape).to.deep.equal([7, 16]);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const v = randomizeVariables(sess);
    v['flat/kernel'] = v['basic_lstm_cell/kernel'];
    tf.global_variables()[2].load(v['basic_lstm_cell/kernel'], sess);
    tf.global_variables()[3].load(v['basic_lstm_cell/bias'], sess);
    const [c, h] = lstmStep(mat(X), mat(C), mat(H), mat(v['basic_lstm_cell/kernel']), vec(v['basic_lstm_cell/bias']), 0.5);
    const s = state as InstanceType<typeof rnn_cell.LSTMStateTuple>;
    expectClose((sess.run(out) as NDArray).data, h);
    expectClose((sess.run(s.c as tf.Tensor) as NDArray).data, c);
    expectClose((sess.run(s[1] as tf.Tensor) as NDArray).data, h);
    expectClose((sess.run(outFlat) as NDArray).data, h);
    expectClose((sess.run(stateFlat as tf.Tensor) as NDArray).data, hcat(c, h));
  }));

  it('LSTMCell: peepholes, cell_clip, num_proj and proj_clip with TF1 variable names', () => inGraph(() => {
    const cell = rnn_cell.LSTMCell(4, { use_peepholes: true, cell_clip: 0.3, num_proj: 2, proj_clip: 0.1 });
    expect(cell.output_size).to.equal(2);
    const state = rnn_cell.LSTMStateTuple(tf.constant(C), tf.constant(randomArray([2, 2], 14, -0.5, 0.5)));
    const [out, newState] = cell.call(tf.constant(X), state);
    expect(tf.global_variables().map((v) => [v.name, v.shape])).to.deep.equal([
      ['lstm_cell/kernel:0', [5, 16]], ['lstm_cell/bias:0', [16]], ['lstm_cell/w_f_diag:0', [4]], ['lstm_cell/w_i_diag:0', [4]],
      ['lstm_cell/w_o_diag:0', [4]], ['lstm_cell/projection/kernel:0', [4, 2]],
    ]);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const v = randomizeVariables(sess);
    const m0 = mat(randomArray([2, 2], 14, -0.5, 0.5));
    const z = affine(hcat(mat(X), m0), mat(v['lstm_cell/kernel']), vec(v['lstm_cell/bias']));
    const [i, j, f, o] = [0, 1, 2, 3].map((k) => cols(z, 4 * k, 4 * k + 4));
    const wf = vec(v['lstm_cell/w_f_diag']), wi = vec(v['lstm_cell/w_i_diag']), wo = vec(v['lstm_cell/w_o_diag']);
    const c0 = mat(C);
    const clip = (x: number, a: number) => Math.min(a, Math.max(-a, x));
    const c = c0.map((row, r) => row.map((cp, k) => clip(sigmoid(f[r][k] + 1 + wf[k] * cp) * cp + sigmoid(i[r][k] + wi[k] * cp) * Math.tanh(j[r][k]), 0.3)));
    const m = c.map((row, r) => row.map((cv, k) => sigmoid(o[r][k] + wo[k] * cv) * Math.tanh(cv)));
    const proj = map1(affine(m, mat(v['lstm_cell/projection/kernel'])), (x) => clip(x, 0.1));
    expectClose((sess.run(out) as NDArray).data, proj);
    expectClose((sess.run((newState as any).c) as NDArray).data, c);
    expect(Math.max(...Array.from((sess.run((newState as any).c) as NDArray).data, Math.abs))).to.be.at.most(0.3 + 1e-7);
  }));

  it('GRUCell: gates/bias starts at 1.0, candidate/bias at 0, and the step matches', () => inGraph(() => {
    const cell = rnn_cell.GRUCell(4);
    const [out] = cell.call(tf.constant(X), tf.constant(H));
    expect(tf.global_variables().map((v) => [v.name, v.shape])).to.deep.equal([
      ['gru_cell/gates/kernel:0', [7, 8]], ['gru_cell/gates/bias:0', [8]], ['gru_cell/candidate/kernel:0', [7, 4]], ['gru_cell/candidate/bias:0', [4]],
    ]);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    expect(vec(sess.run(tf.global_variables()[1]) as NDArray)).to.deep.equal(new Array(8).fill(1));
    expect(vec(sess.run(tf.global_variables()[3]) as NDArray)).to.deep.equal(new Array(4).fill(0));
    const v = randomizeVariables(sess);
    expectClose((sess.run(out) as NDArray).data, gruStep(mat(X), mat(H), mat(v['gru_cell/gates/kernel']), vec(v['gru_cell/gates/bias']),
      mat(v['gru_cell/candidate/kernel']), vec(v['gru_cell/candidate/bias'])));
  }));

  it('MultiRNNCell chains layers under cell_0/, cell_1/ and keeps one state per layer', () => inGraph(() => {
    const cell = rnn_cell.MultiRNNCell([rnn_cell.BasicRNNCell(4), rnn_cell.BasicRNNCell(2)]);
    expect(cell.state_size).to.deep.equal([4, 2]);
    expect(cell.output_size).to.equal(2);
    const h1 = randomArray([2, 2], 15);
    const [out, state] = cell.call(tf.constant(X), [tf.constant(H), tf.constant(h1)]);
    expect(tf.global_variables().map((v) => v.name)).to.deep.equal(['multi_rnn_cell/cell_0/basic_rnn_cell/kernel:0',
      'multi_rnn_cell/cell_0/basic_rnn_cell/bias:0', 'multi_rnn_cell/cell_1/basic_rnn_cell/kernel:0', 'multi_rnn_cell/cell_1/basic_rnn_cell/bias:0']);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const v = randomizeVariables(sess);
    const l0 = rnnStep(mat(X), mat(H), mat(v['multi_rnn_cell/cell_0/basic_rnn_cell/kernel']), vec(v['multi_rnn_cell/cell_0/basic_rnn_cell/bias']));
    const l1 = rnnStep(l0, mat(h1), mat(v['multi_rnn_cell/cell_1/basic_rnn_cell/kernel']), vec(v['multi_rnn_cell/cell_1/basic_rnn_cell/bias']));
    expectClose((sess.run(out) as NDArray).data, l1);
    expectClose((sess.run((state as tf.Tensor[])[0]) as NDArray).data, l0);
    expect(() => rnn_cell.MultiRNNCell([])).to.throw(tf.errors.ValueError, 'Must specify at least one cell for MultiRNNCell.');
    expect(() => rnn_cell.MultiRNNCell([rnn_cell.BasicLSTMCell(2)], { state_is_tuple: false })).to.throw(tf.errors.ValueError, 'state_is_tuple is not set');
  }));

  it('zero_state: zeros of [batch, size] per state part, for a number or a tensor batch size', () => inGraph(() => {
    const cell = rnn_cell.MultiRNNCell([rnn_cell.BasicLSTMCell(3), rnn_cell.GRUCell(2)]);
    const z = cell.zero_state(5, tf.float32) as any[];
    expect(z[0].c.shape).to.deep.equal([5, 3]);
    expect(z[1].shape).to.deep.equal([5, 2]);
    const batch = tf.placeholder(tf.int32, []);
    const zt = rnn_cell.BasicRNNCell(4).zero_state(batch, 'float32') as tf.Tensor;
    const value = new tf.Session().run(zt, new Map([[batch, NDArray.from(2, 'int32')]])) as NDArray;
    expect(value.shape).to.deep.equal([2, 4]);
    expect(vec(value)).to.deep.equal(new Array(8).fill(0));
    expect(z[0].c.op.name).to.match(/^MultiRNNCellZeroState\//);
    expect(zt.op.name).to.match(/^BasicRNNCellZeroState\//);
  }));

  it('a second call re-enters the first call\'s scope with reuse; an explicit scope names the variables directly', () => inGraph(() => {
    const cell = rnn_cell.GRUCell(2);
    cell.call(tf.constant(X), tf.zeros([2, 2]));
    cell.call(tf.constant(X), tf.zeros([2, 2]));
    expect(tf.global_variables()).to.have.length(4);
    const other = rnn_cell.BasicRNNCell(2);
    other.call(tf.constant(X), tf.zeros([2, 2]), { scope: 'mine' });
    expect(tf.global_variables().slice(4).map((v) => v.name)).to.deep.equal(['mine/kernel:0', 'mine/bias:0']);
  }));

  it('errors: an unknown input depth, and unknown keywords', () => inGraph(() => {
    const x = tf.placeholder(tf.float32, [2, null]);
    expect(() => rnn_cell.BasicLSTMCell(3).call(x, rnn_cell.BasicLSTMCell(3).zero_state(2, 'float32')))
      .to.throw(tf.errors.ValueError, 'Expected inputs.shape[-1] to be known, saw shape: (2, ?)');
    expect(() => rnn_cell.GRUCell(3, { units: 3 })).to.throw(TypeError, "GRUCell() got an unexpected keyword argument 'units'");
    expect(() => rnn_cell.BasicRNNCell(3).call(tf.zeros([2, 2]), tf.zeros([2, 3]), { scop: 'a' }))
      .to.throw(TypeError, "BasicRNNCell() got an unexpected keyword argument 'scop'");
  }));
});

describe('DropoutWrapper', () => {
  it('keep probabilities of 1 add no op and give the wrapped cell\'s values and variable names', () => inGraph(() => {
    const cell = rnn_cell.DropoutWrapper(rnn_cell.BasicRNNCell(4));
    const before = tf.get_default_graph().get_operations().length;
    const wrappedAlone = new tf.Graph().as_default(() => {
      rnn_cell.BasicRNNCell(4).call(tf.constant(X), tf.constant(H));
      return tf.get_default_graph().get_operations().length;
    });
    cell.call(tf.constant(X), tf.constant(H));
    expect(tf.get_default_graph().get_operations().length - before).to.equal(wrappedAlone);
    expect(tf.global_variables().map((v) => v.name)).to.deep.equal(['basic_rnn_cell/kernel:0', 'basic_rnn_cell/bias:0']);
  }));

  it('a seeded output_keep_prob zeroes some outputs and scales the rest by 1/keep; the LSTM c state is never dropped', () => inGraph(() => {
    tf.set_random_seed(1);
    const inner = rnn_cell.BasicLSTMCell(16);
    const cell = rnn_cell.DropoutWrapper(inner, { output_keep_prob: 0.5, state_keep_prob: 0.5, seed: 4 });
    const x = tf.constant(randomArray([4, 3], 2));
    const s0 = inner.zero_state(4, 'float32');
    const [out, state] = cell.call(x, s0);
    const [plain, plainState] = inner.call(x, s0);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const [o, p, c, pc, h] = sess.run([out, plain, (state as any).c, (plainState as any).c, (state as any).h]) as NDArray[];
    let zeros = 0;
    o.data.forEach((val, i) => { if (val === 0) zeros++; else expect(val).to.be.closeTo(2 * p.data[i], 1e-6); });
    expect(zeros).to.be.within(16, 48);
    expect(vec(c)).to.deep.equal(vec(pc));
    expect(Array.from(h.data).filter((val) => val === 0).length).to.be.greaterThan(0);
    expect(() => rnn_cell.DropoutWrapper(inner, { input_keep_prob: 1.5 })).to.throw(tf.errors.ValueError, 'Parameter input_keep_prob must be between 0 and 1: 1.5');
  }));
});

describe('RNN cells: numerical gradients of one step', () => {
  for (const [name, make] of [['BasicLSTMCell', () => rnn_cell.BasicLSTMCell(3)], ['GRUCell', () => rnn_cell.GRUCell(3)],
    ['LSTMCell (peepholes, projection)', () => rnn_cell.LSTMCell(3, { use_peepholes: true, num_proj: 2 })]] as const) {
    it(`${name}: inputs and every variable`, () => inGraph(() => {
      const cell = make();
      const x = tf.placeholder(tf.float32, [2, 3]);
      const zero = cell.zero_state(2, 'float32');
      const [out] = cell.call(x, zero);
      const sess = new tf.Session();
      sess.run(tf.global_variables_initializer());
      randomizeVariables(sess);
      checkGradientsInSession(sess, out, [x, ...tf.trainable_variables()], new Map([[x, X]]));
    }));
  }
});

