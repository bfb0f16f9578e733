import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkThroughVariables } from './helpers/layer_gradient_check';

/* tf.layers.batch_normalization: TF1's variables, update ops in UPDATE_OPS, training and inference values, fused or not. */

const nd = (shape: number[], f: (i: number) => number) => {
  const a = NDArray.zeros(shape, 'float32');
  for (let i = 0; i < a.size; i++) a.data[i] = f(i);
  return a;
};
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-4) => {
  expect(a.length).to.equal(b.length);
  for (let i = 0; i < a.length; i++) expect(a[i]).to.be.closeTo(b[i], tol, `element ${i}`);
};
const varNames = (vs: tf.Variable[]) => vs.map((v) => v.name);

/** Per-channel (last axis) mean, biased and unbiased variance of a channels-last array, by hand. */
function channelStats(x: NDArray): { mean: number[]; biased: number[]; unbiased: number[] } {
  const c = x.shape[x.shape.length - 1], n = x.size / c;
  const mean = new Array(c).fill(0), sq = new Array(c).fill(0);
  for (let i = 0; i < x.size; i++) mean[i % c] += x.data[i] / n;
  for (let i = 0; i < x.size; i++) sq[i % c] += (x.data[i] - mean[i % c]) ** 2;
  return { mean, biased: sq.map((s) => s / n), unbiased: sq.map((s) => s / (n - 1)) };
}
/** gamma * (x - mean) / sqrt(var + eps) + beta per channel. */
function normalize(x: NDArray, mean: number[], variance: number[], gamma: number[], beta: number[], eps: number): number[] {
  const c = mean.length;
  return Array.from(x.data, (v, i) => gamma[i % c] * (v - mean[i % c]) / Math.sqrt(variance[i % c] + eps) + beta[i % c]);
}

for (const fused of [false, true]) {
  const shape = fused ? [2, 2, 3, 2] : [6, 2];
  describe(`tf.layers.batch_normalization (${fused ? 'fused, 4-D' : 'not fused, 2-D'})`, () => {
    beforeEach(() => tf.reset_default_graph());
    const xv = nd(shape, (i) => Math.sin(i * 1.3) * 3 + (i % 2));

    it('names gamma, beta (trainable), moving_mean, moving_variance (global only), and the update ops', () => {
      const x = tf.placeholder(tf.float32, [null, ...shape.slice(1)]);
      const y = tf.layers.batch_normalization(x, { training: true });
      tf.layers.batch_normalization(x);
      expect(varNames(tf.global_variables())).to.deep.equal([
        'batch_normalization/gamma:0', 'batch_normalization/beta:0', 'batch_normalization/moving_mean:0', 'batch_normalization/moving_variance:0',
        'batch_normalization_1/gamma:0', 'batch_normalization_1/beta:0', 'batch_normalization_1/moving_mean:0', 'batch_normalization_1/moving_variance:0']);
      expect(varNames(tf.trainable_variables())).to.deep.equal(['batch_normalization/gamma:0', 'batch_normalization/beta:0',
        'batch_normalization_1/gamma:0', 'batch_normalization_1/beta:0']);
      const updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS) as tf.Tensor[];
      expect(updates.map((u) => u.op.name)).to.deep.equal(['batch_normalization/AssignMovingAvg', 'batch_normalization/AssignMovingAvg_1']);
      expect(y.shape).to.deep.equal([null, ...shape.slice(1)]);
      if (fused) expect(tf.get_default_graph().get_operations().map((o) => o.name)).to.include('batch_normalization/FusedBatchNorm');
    });

    it('training: normalizes with the batch statistics; the update ops move the averages as TF1 after N steps', () => {
      const x = tf.placeholder(tf.float32, shape);
      const layer = new tf.layers.BatchNormalization({ momentum: 0.9, gamma_initializer: tf.constant_initializer([2, 3]), beta_initializer: tf.constant_initializer([0.5, -1]) });
      const y = layer.apply(x, { training: true });
      expect(layer.updates).to.have.length(2);
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const feed = new Map([[x, xv]]);
      const s = channelStats(xv);
      close((sess.run(y, feed) as NDArray).data, normalize(xv, s.mean, s.biased, [2, 3], [0.5, -1], 1e-3));
      for (let step = 0; step < 3; step++) sess.run(layer.updates, feed);
      const [mm, mv] = sess.run([layer.moving_mean, layer.moving_variance]) as NDArray[];
      const keep = 0.9 ** 3;
      const batchVar = fused ? s.unbiased : s.biased; // TF1's fused path updates with the unbiased variance
      close(mm.data, s.mean.map((m) => m * (1 - keep)));
      close(mv.data, batchVar.map((v) => keep + v * (1 - keep)));
    });

    it('inference: normalizes with the moving statistics and adds no updates', () => {
      const x = tf.placeholder(tf.float32, shape);
      const y = tf.layers.batch_normalization(x, { moving_mean_initializer: tf.constant_initializer([1, -2]),
        moving_variance_initializer: tf.constant_initializer([4, 0.5]), gamma_initializer: tf.constant_initializer([2, 3]),
        beta_initializer: tf.constant_initializer([0.5, -1]), epsilon: 0.01 });
      expect(tf.get_collection(tf.GraphKeys.UPDATE_OPS)).to.deep.equal([]);
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      close((sess.run(y, new Map([[x, xv]])) as NDArray).data, normalize(xv, [1, -2], [4, 0.5], [2, 3], [0.5, -1], 0.01));
    });

    it('training as a bool tensor: batch statistics and updates when true, moving statistics and no change when false', () => {
      const x = tf.placeholder(tf.float32, shape);
      const training = tf.placeholder(tf.bool, []);
      const y = tf.layers.batch_normalization(x, { training, momentum: 0.5 });
      const updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS) as tf.Tensor[];
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const s = channelStats(xv);
      const off = sess.run([y, ...updates], new Map<tf.Tensor, NDArray | boolean>([[x, xv], [training, false]])) as NDArray[];
      close(off[0].data, normalize(xv, [0, 0], [1, 1], [1, 1], [0, 0], 1e-3));
      const mean = tf.global_variables()[2];
      close((sess.run(mean) as NDArray).data, [0, 0]);
      const on = sess.run([y, ...updates], new Map<tf.Tensor, NDArray | boolean>([[x, xv], [training, true]])) as NDArray[];
      close(on[0].data, normalize(xv, s.mean, s.biased, [1, 1], [0, 0], 1e-3));
      close((sess.run(mean) as NDArray).data, s.mean.map((m) => m * 0.5));
    });

    it('the UPDATE_OPS control_dependencies idiom updates the moving averages with each training step', () => {
      const x = tf.placeholder(tf.float32, shape);
      const y = tf.layers.batch_normalization(x, { training: true, momentum: 0.5 });
      const loss = tf.reduce_sum(tf.square(y));
      const train = tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS) as tf.Tensor[],
        () => new tf.train.GradientDescentOptimizer(0.01).minimize(loss));
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      sess.run(train, new Map([[x, xv]]));
      sess.run(train, new Map([[x, xv]]));
      close((sess.run(tf.global_variables()[2]) as NDArray).data, channelStats(xv).mean.map((m) => m * 0.75));
    });

    it('has the numerical gradient of the training-mode output w.r.t. input, gamma and beta', () => {
      const x = tf.placeholder(tf.float32, shape);
      const layer = new tf.layers.BatchNormalization({ gamma_initializer: tf.constant_initializer([1.5, 0.7]), beta_initializer: tf.constant_initializer([0.2, -0.1]) });
      checkThroughVariables(layer.apply(x, { training: true }), x, xv, () => layer.trainable_weights, 5e-3);
    });
  });
}

describe('tf.layers.batch_normalization arguments', () => {
  beforeEach(() => tf.reset_default_graph());

  it('center/scale off create no beta/gamma; axis 1 of a 3-D input normalizes per axis-1 channel', () => {
    const x = tf.placeholder(tf.float32, [2, 2, 3]);
    const y = tf.layers.batch_normalization(x, { axis: 1, center: false, scale: false, training: true });
    expect(varNames(tf.global_variables())).to.deep.equal(['batch_normalization/moving_mean:0', 'batch_normalization/moving_variance:0']);
    expect(tf.global_variables()[0].shape).to.deep.equal([2]);
    const xv = nd([2, 2, 3], (i) => i * i * 0.1);
    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    const out = sess.run(y, new Map([[x, xv]])) as NDArray;
    // Channel of element i is floor(i / 3) % 2; statistics over the 6 values of each channel.
    const ch = (i: number) => Math.floor(i / 3) % 2;
    const vals = [0, 1].map((c) => Array.from(xv.data).filter((_, i) => ch(i) === c));
    const mean = vals.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
    const variance = vals.map((v, c) => v.reduce((a, b) => a + (b - mean[c]) ** 2, 0) / v.length);
    close(out.data, Array.from(xv.data, (v, i) => (v - mean[ch(i)]) / Math.sqrt(variance[ch(i)] + 1e-3)));
  });

  it('reuse by name shares the variables; errors for renorm, fused on a 2-D input, a non-bool training', () => {
    const x = tf.placeholder(tf.float32, [4, 3]);
    tf.layers.batch_normalization(x, { name: 'bn' });
    tf.layers.batch_normalization(x, { name: 'bn', reuse: true });
    expect(tf.global_variables()).to.have.length(4);
    expect(() => tf.layers.batch_normalization(x, { renorm: true })).to.throw(tf.errors.ValueError, 'renorm');
    expect(() => tf.layers.batch_normalization(x, { fused: true })).to.throw(tf.errors.ValueError, 'Unsupported axis, fused batch norm');
    expect(() => tf.layers.batch_normalization(x, { training: 1 as never })).to.throw(tf.errors.ValueError, 'training must be a bool');
  });
});
