import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkGradients, randomArray } from './helpers/gradient_check';

function run<T>(fn: (sess: tf.Session) => T): T {
  const g = new tf.Graph();
  return g.as_default(() => {
    const sess = new tf.Session({ graph: g });
    try { return fn(sess); } finally { sess.close(); }
  });
}

function expectClose(got: NDArray, want: ArrayLike<number>, tol = 1e-5, what = ''): void {
  expect(got.size, what).to.equal(want.length);
  for (let i = 0; i < got.size; i++) {
    expect(Math.abs(got.data[i] - want[i]), `${what} element ${i}: ${got.data[i]} vs ${want[i]}`).to.be.at.most(tol * Math.max(1, Math.abs(want[i])));
  }
}

/** Per-channel sums over an NHWC array (the channel is the last dimension). */
function channelStats(x: NDArray): { mean: number[]; biased: number[]; count: number } {
  const c = x.shape[x.shape.length - 1], count = x.size / c;
  const mean = new Array(c).fill(0), biased = new Array(c).fill(0);
  for (let i = 0; i < x.size; i++) mean[i % c] += x.data[i] / count;
  for (let i = 0; i < x.size; i++) biased[i % c] += (x.data[i] - mean[i % c]) ** 2 / count;
  return { mean, biased, count };
}

/** (x - mean) / sqrt(var + eps) * scale + offset per channel of an NHWC array, in float64. */
function normalizeRef(x: NDArray, mean: number[], variance: number[], scale: number[], offset: number[], eps: number): number[] {
  const c = x.shape[3];
  return Array.from(x.data, (v, i) => (v - mean[i % c]) / Math.sqrt(variance[i % c] + eps) * scale[i % c] + offset[i % c]);
}

/** NHWC -> NCHW, by index. */
function toNCHW(x: NDArray): NDArray {
  const [n, h, w, c] = x.shape;
  const out = NDArray.zeros([n, c, h, w], 'float32');
  for (let b = 0; b < n; b++) for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) for (let k = 0; k < c; k++) {
    out.data[((b * c + k) * h + i) * w + j] = x.data[((b * h + i) * w + j) * c + k];
  }
  return out;
}

describe('tf.nn.moments', () => {
  it('gives the mean and the biased variance over the axes, as moments/mean and moments/variance', () => {
    run((sess) => {
      const xv = randomArray([2, 3, 2, 3], 1, -2, 3);
      const x = tf.constant(xv);
      const [mean, variance] = tf.nn.moments(x, [0, 1, 2]);
      expect(mean.shape).to.deep.equal([3]);
      expect(variance.shape).to.deep.equal([3]);
      const g = tf.get_default_graph();
      const byName = (n: string) => g.get_operation_by_name(n);
      expect(byName('moments/mean').type).to.equal('Mean');
      expect(byName('moments/variance').type).to.equal('Mean');
      expect(byName('moments/variance').inputs[0].op.type).to.equal('SquaredDifference');
      expect(byName('moments/variance').inputs[0].op.inputs[1].op.type).to.equal('StopGradient');
      expect(mean.op.type).to.equal('Squeeze');
      const ref = channelStats(xv);
      const [m, v] = sess.run([mean, variance]) as NDArray[];
      expectClose(m, ref.mean, 1e-5, 'mean');
      expectClose(v, ref.biased, 1e-5, 'variance');
    });
  });

  it('keeps the reduced dimensions with keep_dims, takes one axis as a number, and ignores shift', () => {
    run((sess) => {
      const x = tf.constant([[1, 2, 3], [5, 8, 14]]);
      const [m, v] = tf.nn.moments(x, 1, { keep_dims: true, shift: 100, name: 'rows' });
      expect(m.shape).to.deep.equal([2, 1]);
      expect(m.op.name).to.equal('rows/mean');
      const [mv, vv] = sess.run([m, v]) as NDArray[];
      expect(mv.toArray()).to.deep.equal([[2], [9]]);
      // ((1-2)² + 0 + 1)/3 and (16 + 1 + 25)/3
      expectClose(vv, [2 / 3, 14], 1e-6);
      const [m0] = tf.nn.moments(x, [0]);
      expect((sess.run(m0) as NDArray).toArray()).to.deep.equal([3, 5, 8.5]);
    });
  });

  it('differentiates the mean and the variance w.r.t. x', () => {
    checkGradients((x) => tf.nn.moments(x, [0, 2])[0], [randomArray([3, 2, 4], 2)]);
    checkGradients((x) => tf.nn.moments(x, [0, 2])[1], [randomArray([3, 2, 4], 3)]);
    checkGradients((x) => tf.nn.moments(x, [1], { keep_dims: true })[1], [randomArray([3, 5], 4)]);
  });
});

describe('tf.nn.batch_normalization', () => {
  it('computes x·inv + (offset - mean·inv), inv = rsqrt(variance + eps)·scale, in batchnorm/', () => {
    run((sess) => {
      const xv = randomArray([2, 2, 2, 3], 5, -3, 3);
      const mean = [0.5, -1, 2], variance = [0.25, 4, 1], offset = [1, 0, -2], scale = [2, 0.5, 3];
      const y = tf.nn.batch_normalization(tf.constant(xv), mean, variance, offset, scale, 0.01);
      expect(y.op.name.startsWith('batchnorm/')).to.equal(true);
      expect(tf.get_default_graph().get_operations().some((o) => o.type === 'Rsqrt' && o.name.startsWith('batchnorm/'))).to.equal(true);
      expectClose(sess.run(y) as NDArray, normalizeRef(xv, mean, variance, scale, offset, 0.01), 1e-5);
      // No offset: 0; no scale: 1.
      const bare = tf.nn.batch_normalization(tf.constant(xv), mean, variance, null, null, 0.01, 'bare');
      expect(bare.op.name.startsWith('bare/')).to.equal(true);
      expectClose(sess.run(bare) as NDArray, normalizeRef(xv, mean, variance, [1, 1, 1], [0, 0, 0], 0.01), 1e-5);
    });
  });

  it('differentiates w.r.t. x, mean, variance, offset and scale', () => {
    checkGradients((x, m, v, o, s) => tf.nn.batch_normalization(x, m, v, o, s, 0.001),
      [randomArray([2, 3, 3], 6), randomArray([3], 7), randomArray([3], 8, 0.5, 2), randomArray([3], 9), randomArray([3], 10)]);
  });

  it('with moments, normalizes a batch to zero mean and unit variance per channel', () => {
    run((sess) => {
      const x = tf.constant(randomArray([4, 3, 3, 2], 11, -5, 7));
      const [m, v] = tf.nn.moments(x, [0, 1, 2]);
      const [m2, v2] = tf.nn.moments(tf.nn.batch_normalization(x, m, v, null, null, 0), [0, 1, 2]);
      expectClose(sess.run(m2) as NDArray, [0, 0], 1e-5);
      expectClose(sess.run(v2) as NDArray, [1, 1], 1e-4);
    });
  });
});

describe('tf.nn.fused_batch_norm (FusedBatchNorm)', () => {
  const xv = randomArray([2, 3, 2, 3], 12, -2, 4);
  const scale = [1.5, -0.5, 2], offset = [0.1, 0.2, -0.3];

  it('training: y from the batch mean and biased variance; batch_variance Bessel-corrected', () => {
    run((sess) => {
      const [y, mean, variance] = tf.nn.fused_batch_norm(tf.constant(xv), scale, offset, { epsilon: 0.01 });
      const op = y.op;
      expect(op.type).to.equal('FusedBatchNorm');
      expect(op.name).to.equal('FusedBatchNorm');
      expect(op.outputs.map((t) => t.shape)).to.deep.equal([[2, 3, 2, 3], [3], [3], [3], [3]]);
      expect(mean).to.equal(op.outputs[1]);
      expect(variance).to.equal(op.outputs[2]);
      expect(op.attrs).to.deep.equal({ T: 'float32', epsilon: 0.01, data_format: 'NHWC', is_training: true });
      expect(Object.keys(op.node_def.attr).sort()).to.deep.equal(['T', 'data_format', 'epsilon', 'is_training']);
      const ref = channelStats(xv);
      expect(ref.count).to.equal(12);
      const [yv, mv, vv, r1, r2] = sess.run(op.outputs) as NDArray[];
      expectClose(yv, normalizeRef(xv, ref.mean, ref.biased, scale, offset, 0.01), 1e-5, 'y');
      expectClose(mv, ref.mean, 1e-5, 'batch_mean');
      expectClose(vv, ref.biased.map((b) => b * 12 / 11), 1e-5, 'batch_variance (unbiased)');
      expectClose(r1, ref.mean, 1e-5, 'reserve_space_1');
      expectClose(r2, ref.biased, 1e-5, 'reserve_space_2 (biased)');
    });
  });

  it('a hand-computed channel: x = 1, 2, 3, 6 gives mean 3, variance 14/3, y = (x - 3)/sqrt(3.5 + eps)', () => {
    run((sess) => {
      const x = tf.constant([[[[1], [2]], [[3], [6]]]]);
      const [y, m, v] = tf.nn.fused_batch_norm(x, [1], [0]);
      const [yv, mv, vv] = sess.run([y, m, v]) as NDArray[];
      expectClose(mv, [3]);
      expectClose(vv, [14 / 3]); // biased 3.5, times 4/3
      expectClose(yv, [-2, -1, 0, 3].map((d) => d / Math.sqrt(3.5 + 0.001)), 1e-5);
    });
  });

  it('one element per channel: batch_variance is 0, not n/(n-1) = inf', () => {
    run((sess) => {
      const [, , v] = tf.nn.fused_batch_norm(tf.constant([[[[4, -2]]]]), [1, 1], [0, 0]);
      expect((sess.run(v) as NDArray).toArray()).to.deep.equal([0, 0]);
    });
  });

  it('inference: normalizes by the given mean and variance and passes them through', () => {
    run((sess) => {
      const mean = [0.5, -1, 2], variance = [0.25, 4, 1];
      const [y, m, v] = tf.nn.fused_batch_norm(tf.constant(xv), scale, offset, mean, variance, { is_training: false, name: 'bn' });
      expect(y.op.name).to.equal('bn');
      expect(y.op.attrs.is_training).to.equal(false);
      expectClose(sess.run(y) as NDArray, normalizeRef(xv, mean, variance, scale, offset, 0.001), 1e-5, 'y');
      expectClose(sess.run(m) as NDArray, mean);
      expectClose(sess.run(v) as NDArray, variance);
    });
  });

  it('NCHW gives NHWC\'s result transposed', () => {
    run((sess) => {
      for (const training of [true, false]) {
        const stats = training ? {} : { mean: [0.5, -1, 2], variance: [0.25, 4, 1] };
        const [a, am, av] = tf.nn.fused_batch_norm(tf.constant(xv), scale, offset, { ...stats, is_training: training });
        const [b, bm, bv] = tf.nn.fused_batch_norm(tf.constant(toNCHW(xv)), scale, offset, { ...stats, is_training: training, data_format: 'NCHW' });
        expect(b.shape).to.deep.equal([2, 3, 3, 2]);
        const [av0, bv0] = sess.run([a, b]) as NDArray[];
        expectClose(bv0, toNCHW(av0).data, 1e-5, `y, training ${training}`);
        expectClose(sess.run(bm) as NDArray, (sess.run(am) as NDArray).data);
        expectClose(sess.run(bv) as NDArray, (sess.run(av) as NDArray).data);
      }
    });
  });

  it('epsilon defaults to 0.001 and is raised to 1.001e-5, as TF1\'s wrapper does', () => {
    run(() => {
      const x = tf.zeros([1, 2, 2, 1]);
      expect(tf.nn.fused_batch_norm(x, [1], [0])[0].op.attrs.epsilon).to.equal(0.001);
      expect(tf.nn.fused_batch_norm(x, [1], [0], { epsilon: 0 })[0].op.attrs.epsilon).to.equal(1.001e-5);
    });
  });

  it('checks ranks and channel counts at build time and at run time', () => {
    run((sess) => {
      expect(() => tf.nn.fused_batch_norm(tf.zeros([2, 3, 3]), [1, 1, 1], [0, 0, 0], { name: 'r3' }))
        .to.throw(tf.errors.ValueError, "Shape must be rank 4 but is rank 3 for 'r3' (op: 'FusedBatchNorm')");
      expect(() => tf.nn.fused_batch_norm(tf.zeros([2, 3, 3, 2]), [1, 1, 1], [0, 0], { name: 'c' }))
        .to.throw(tf.errors.ValueError, "Dimensions must be equal, but are 2 and 3 for 'c' (op: 'FusedBatchNorm')");
      // Inference needs the population statistics; TF1's empty default vectors do not fit.
      expect(() => tf.nn.fused_batch_norm(tf.zeros([2, 3, 3, 2]), [1, 1], [0, 0], { is_training: false, name: 'inf' }))
        .to.throw(tf.errors.ValueError, "Dimensions must be equal, but are 2 and 0 for 'inf' (op: 'FusedBatchNorm')");
      expect(() => tf.nn.fused_batch_norm(tf.zeros([2, 3, 3, 2]), [1, 1], [0, 0], { data_format: 'NWHC' }))
        .to.throw(tf.errors.ValueError, /data_format/);
      const x = tf.placeholder('float32', null), s = tf.placeholder('float32', null);
      const [y] = tf.nn.fused_batch_norm(x, s, [0, 0], { name: 'late' });
      expect(() => sess.run(y, new Map<tf.Tensor, NDArray>([[x, NDArray.zeros([1, 2, 2, 2])], [s, NDArray.zeros([3])]])))
        .to.throw(tf.errors.InvalidArgumentError, /scale must have the same number of elements as the channels of x, got 3 and 2[\s\S]*late \(FusedBatchNorm\)/);
      expect(() => sess.run(y, new Map<tf.Tensor, NDArray>([[x, NDArray.zeros([2, 2, 2])], [s, NDArray.zeros([2])]])))
        .to.throw(tf.errors.InvalidArgumentError, /input must be 4-dimensional/);
    });
  });

  describe('numerical gradient checks (w.r.t. x, scale, offset)', () => {
    for (const data_format of ['NHWC', 'NCHW']) {
      it(`training, ${data_format}`, () => {
        checkGradients((x, s, o) => tf.nn.fused_batch_norm(x, s, o, { data_format })[0],
          [randomArray([2, 3, 2, 3], 13, -2, 2), randomArray([3], 14, 0.5, 2), randomArray([3], 15)]);
      });
      it(`inference, ${data_format}`, () => {
        checkGradients((x, s, o) => tf.nn.fused_batch_norm(x, s, o, [0.1, -0.2, 0.3], [0.5, 1, 2], { data_format, is_training: false })[0],
          [randomArray([2, 3, 2, 3], 16), randomArray([3], 17), randomArray([3], 18)]);
      });
    }

    it('training gradient equals that of moments + batch_normalization', () => {
      run((sess) => {
        const x = tf.constant(randomArray([3, 2, 2, 2], 19)), s = tf.constant([1.5, 0.7]), o = tf.constant([0.2, -0.1]);
        const w = tf.constant(randomArray([3, 2, 2, 2], 20));
        const [fused] = tf.nn.fused_batch_norm(x, s, o);
        const [m, v] = tf.nn.moments(x, [0, 1, 2]);
        const plain = tf.nn.batch_normalization(x, m, v, o, s, 0.001);
        const gf = tf.gradients(tf.reduce_sum(tf.multiply(fused, w)), [x, s, o]);
        // moments stops the gradient through the mean inside the variance only; the mean's own path remains.
        const gp = tf.gradients(tf.reduce_sum(tf.multiply(plain, w)), [x, s, o]);
        const [a, b] = [sess.run(gf as tf.Tensor[]) as NDArray[], sess.run(gp as tf.Tensor[]) as NDArray[]];
        a.forEach((t, i) => expectClose(t, b[i].data, 1e-4, `input ${i}`));
      });
    });
  });
});

describe('tf.nn.l2_normalize', () => {
  it('divides by the L2 norm along axis, floored at epsilon', () => {
    run((sess) => {
      const x = tf.constant([[3, 4], [0, 0], [1e-7, 0]]);
      const y = tf.nn.l2_normalize(x, 1);
      expect(y.op.name).to.equal('l2_normalize');
      expect(y.op.type).to.equal('Mul');
      const got = sess.run(y) as NDArray;
      // The second row stays 0; the third, with a sum of squares 1e-14 < 1e-12, is divided by 1e-6.
      expectClose(got, [0.6, 0.8, 0, 0, 0.1, 0], 1e-5);
      const cols = tf.nn.l2_normalize(x, { dim: 0, epsilon: 1e-4, name: 'cols' });
      expect(cols.op.name).to.equal('cols');
      expectClose(sess.run(cols) as NDArray, [1, 1, 0, 0, 1e-7 / 3, 0], 1e-5);
    });
  });

  it('differentiates w.r.t. x', () => {
    checkGradients((x) => tf.nn.l2_normalize(x, 1), [randomArray([3, 4], 21)]);
  });
});
