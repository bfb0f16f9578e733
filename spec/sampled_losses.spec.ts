import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkGradients, randomArray } from './helpers/gradient_check';

// 5 classes of dimension 3, a batch of 2 with labels 1 and 3, and a fixed sample [0, 3, 4].
const W = [[0.1, -0.2, 0.3], [0.5, 0.4, -0.1], [-0.3, 0.2, 0.2], [0.0, -0.6, 0.7], [0.25, 0.1, -0.4]];
const B = [0.05, -0.1, 0.2, 0.3, -0.2];
const X = [[1.0, 0.5, -1.0], [-0.5, 2.0, 0.25]];
const LABELS = [[1], [3]];
const SAMPLED = [0, 3, 4];
const TRUE_EXPECTED = [[0.5], [0.25]];
const SAMPLED_EXPECTED = [0.2, 0.4, 0.8];

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
const logit = (i: number, c: number, q: number) => dot(X[i], W[c]) + B[c] - Math.log(q);
const softplus = (z: number) => Math.log1p(Math.exp(z));

/** The fixed sampled_values triple as constants of the current graph. */
function sampledValues(): [tf.Tensor, tf.Tensor, tf.Tensor] {
  return [tf.constant(NDArray.from(SAMPLED, 'int64')), tf.constant(TRUE_EXPECTED), tf.constant(SAMPLED_EXPECTED)];
}

function runIn<T>(fn: (sess: tf.Session) => T): T {
  const g = new tf.Graph();
  return g.as_default(() => {
    const sess = new tf.Session({ graph: g });
    try { return fn(sess); } finally { sess.close(); }
  });
}

describe('sampled losses', () => {
  it('nce_loss: per example, logistic losses of the true logit (label 1) and the sampled logits (label 0), log Q subtracted', () => {
    const got = runIn((sess) => {
      const loss = tf.nn.nce_loss(tf.constant(W), tf.constant(B), LABELS, tf.constant(X), 3, 5, { sampled_values: sampledValues() });
      expect(loss.shape).to.deep.equal([2]);
      expect(loss.op.name.startsWith('nce_loss/')).to.equal(true);
      return Array.from((sess.run(loss) as NDArray).data);
    });
    const want = [0, 1].map((i) => softplus(-logit(i, LABELS[i][0], TRUE_EXPECTED[i][0])) +
      SAMPLED.reduce((s, c, k) => s + softplus(logit(i, c, SAMPLED_EXPECTED[k])), 0));
    got.forEach((v, i) => expect(v).to.be.closeTo(want[i], 1e-5));
  });

  it('nce_loss with remove_accidental_hits drops a sampled class equal to the true one', () => {
    const got = runIn((sess) => Array.from((sess.run(tf.nn.nce_loss(tf.constant(W), tf.constant(B), LABELS, tf.constant(X), 3, 5,
      { sampled_values: sampledValues(), remove_accidental_hits: true })) as NDArray).data));
    // Row 1's label 3 is sample 1: its logit becomes -FLT_MAX, a logistic loss of 0.
    const want1 = softplus(-logit(1, 3, 0.25)) + softplus(logit(1, 0, 0.2)) + softplus(logit(1, 4, 0.8));
    expect(got[1]).to.be.closeTo(want1, 1e-5);
  });

  it('sampled_softmax_loss: softmax cross entropy over [true, sampled] logits, accidental hits removed by default', () => {
    const [hitsRemoved, hitsKept] = runIn((sess) => [true, false].map((remove) => Array.from((sess.run(tf.nn.sampled_softmax_loss(
      tf.constant(W), tf.constant(B), LABELS, tf.constant(X), 3, 5, { sampled_values: sampledValues(), remove_accidental_hits: remove },
    )) as NDArray).data)));
    const xent = (logits: number[]) => Math.log(logits.reduce((s, z) => s + Math.exp(z), 0)) - logits[0];
    const row = (i: number, skip: number | null) => [logit(i, LABELS[i][0], TRUE_EXPECTED[i][0]),
      ...SAMPLED.map((c, k) => (k === skip ? null : logit(i, c, SAMPLED_EXPECTED[k]))).filter((z): z is number => z !== null)];
    expect(hitsRemoved[0]).to.be.closeTo(xent(row(0, null)), 1e-5);
    expect(hitsRemoved[1]).to.be.closeTo(xent(row(1, 1)), 1e-5);
    expect(hitsKept[1]).to.be.closeTo(xent(row(1, null)), 1e-5);
  });

  it('num_true = 2: each true class has label 1/2, true logits per (example, class)', () => {
    const labels = [[1, 2], [3, 0]], te = [[0.5, 0.1], [0.25, 0.3]];
    const got = runIn((sess) => Array.from((sess.run(tf.nn.nce_loss(tf.constant(W), tf.constant(B), labels, tf.constant(X), 3, 5,
      { num_true: 2, sampled_values: [tf.constant(NDArray.from(SAMPLED, 'int64')), tf.constant(te), tf.constant(SAMPLED_EXPECTED)] })) as NDArray).data));
    const xe = (z: number, y: number) => Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    const want = [0, 1].map((i) => labels[i].reduce((s, c, j) => s + xe(logit(i, c, te[i][j]), 0.5), 0) +
      SAMPLED.reduce((s, c, k) => s + xe(logit(i, c, SAMPLED_EXPECTED[k]), 0), 0));
    got.forEach((v, i) => expect(v).to.be.closeTo(want[i], 1e-5));
  });

  for (const [fn, name] of [[tf.nn.nce_loss, 'nce_loss'], [tf.nn.sampled_softmax_loss, 'sampled_softmax_loss']] as const) {
    it(`${name}: numerical gradients w.r.t. weights, biases and inputs`, () => {
      checkGradients((w, b, x) => fn(w, b, LABELS, x, 3, 5, { sampled_values: sampledValues() }),
        [randomArray([5, 3], 1), randomArray([5], 2), randomArray([2, 3], 3)]);
    });
  }

  it('GradientDescent on nce_loss changes only the rows of the true and sampled classes', () => {
    runIn((sess) => {
      const weights = tf.Variable(tf.constant(W), { name: 'nce_weights' });
      const biases = tf.Variable(tf.constant(B), { name: 'nce_biases' });
      const loss = tf.reduce_mean(tf.nn.nce_loss(weights, biases, [[1]], tf.constant([X[0]]), 2, 5, {
        sampled_values: [tf.constant(NDArray.from([0, 3], 'int64')), tf.constant([[0.5]]), tf.constant([0.2, 0.4])] }));
      const step = new tf.train.GradientDescentOptimizer(0.5).minimize(loss);
      sess.run(tf.global_variables_initializer());
      sess.run(step);
      const w = (sess.run(weights) as NDArray).data, b = (sess.run(biases) as NDArray).data;
      const rowChanged = (r: number) => [0, 1, 2].some((j) => w[r * 3 + j] !== Math.fround(W[r][j]));
      expect([0, 1, 2, 3, 4].map(rowChanged)).to.deep.equal([true, true, false, true, false]);
      expect(Array.from(b).map((v, r) => v !== Math.fround(B[r]))).to.deep.equal([true, true, false, true, false]);
    });
  });

  it('without sampled_values, samples with the seeded log-uniform sampler: a fresh graph repeats the loss', () => {
    const lossOnce = () => runIn((sess) => {
      const loss = tf.nn.sampled_softmax_loss(tf.constant(W), tf.constant(B), LABELS, tf.constant(X), 2, 5, { seed: 11 });
      const sampler = tf.get_default_graph().get_operations().find((op) => op.type === 'LogUniformCandidateSampler')!;
      expect(sampler.attrs).to.include({ unique: true, range_max: 5, num_sampled: 2, num_true: 1 });
      return Array.from((sess.run(loss) as NDArray).data);
    });
    const a = lossOnce();
    expect(a.every(Number.isFinite)).to.equal(true);
    expect(lossOnce()).to.deep.equal(a);
  });
});
