import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

/*
 * Issue #18: TF1's classic linear-regression example feeds plain numbers to placeholders of
 * unknown shape, so reduce_sum's gradient meets a rank-0 input whose rank is known only at
 * run time. It used to fail with "Integer division by zero in 'gradients/Sum_grad/FloorMod'".
 */

const TRAIN_X = [3.3, 4.4, 5.5, 6.71, 6.93, 4.168, 9.779, 6.182, 7.59, 2.167, 7.042, 10.791, 5.313, 7.997, 5.654, 9.27, 3.1];
const TRAIN_Y = [1.7, 2.76, 2.09, 3.19, 1.694, 1.573, 3.366, 2.596, 2.53, 1.221, 2.827, 3.465, 1.65, 2.904, 2.42, 2.94, 1.3];

/** The same training in float64 JS: d/dW of (W x + b - y)^2 / (2 n) is (W x + b - y) x / n. */
function reference(epochs: number, rate: number, w0: number, b0: number): { W: number; b: number; cost: number } {
  const n = TRAIN_X.length;
  let W = w0, b = b0;
  for (let e = 0; e < epochs; e++) {
    for (let i = 0; i < n; i++) {
      const err = W * TRAIN_X[i] + b - TRAIN_Y[i];
      [W, b] = [W - rate * err * TRAIN_X[i] / n, b - rate * err / n];
    }
  }
  const cost = TRAIN_X.reduce((s, x, i) => s + (W * x + b - TRAIN_Y[i]) ** 2, 0) / (2 * n);
  return { W, b, cost };
}

describe('porting: the classic linear regression (placeholders of unknown shape fed numbers)', () => {
  it('trains with reduce_sum over a rank-0 feed: the loss falls and W, b are the float64 reference values', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const X = tf.placeholder(tf.float32), Y = tf.placeholder(tf.float32);
      const W = tf.Variable(0.3, { name: 'weight' }), b = tf.Variable(-0.2, { name: 'bias' });
      const pred = tf.add(tf.multiply(X, W), b);
      const n = TRAIN_X.length;
      const cost = tf.divide(tf.reduce_sum(tf.pow(tf.subtract(pred, Y), 2)), 2 * n);
      const optimizer = tf.train.GradientDescentOptimizer(0.01).minimize(cost);
      const sess = tf.Session({ graph: g });
      sess.run(tf.global_variables_initializer());
      // A fetched scalar is a number, as TF1's numpy scalar.
      const costOf = () => sess.run(cost, { [X.name]: TRAIN_X, [Y.name]: TRAIN_Y }) as number;
      const before = costOf();
      for (let epoch = 0; epoch < 50; epoch++) {
        for (let i = 0; i < n; i++) sess.run(optimizer, { [X.name]: TRAIN_X[i], [Y.name]: TRAIN_Y[i] });
      }
      const after = costOf();
      const [w, bias] = sess.run([W, b]) as number[];
      const ref = reference(50, 0.01, 0.3, -0.2);
      expect(after).to.be.lessThan(before / 2);
      expect(w).to.be.closeTo(ref.W, 1e-4);
      expect(bias).to.be.closeTo(ref.b, 1e-4);
      expect(after).to.be.closeTo(ref.cost, 1e-4);
      sess.close();
    });
  });

  it('differentiates every reduction of a rank-0 feed, and of a fed matrix through the same graph', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32);
      const ys = [tf.reduce_sum(x), tf.reduce_mean(x), tf.reduce_max(x), tf.reduce_min(x), tf.reduce_prod(x)];
      const grads = ys.map((y) => tf.gradients(tf.multiply(y, 3), [x])[0]);
      const sess = tf.Session({ graph: g });
      expect(sess.run(grads, { [x.name]: 2.5 })).to.deep.equal([3, 3, 3, 3, 3]);
      const matrix = sess.run(grads, { [x.name]: [[1, 2], [4, 3]] }) as NDArray[];
      expect(matrix.map((a) => Array.from(a.data))).to.deep.equal([[3, 3, 3, 3], [0.75, 0.75, 0.75, 0.75],
        [0, 0, 3, 0], [3, 0, 0, 0], [72, 36, 18, 24]]);
      sess.close();
    });
  });

  it('keeps negative axes of an input of unknown rank counting from the end', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32);
      const y = tf.reduce_sum(tf.multiply(tf.reduce_sum(x, -1), tf.constant([1, 10])));
      const z = tf.reduce_sum(tf.multiply(tf.reduce_mean(x, [-2]), tf.constant([1, 10, 100])));
      const [dy, dz] = [tf.gradients(y, [x])[0], tf.gradients(z, [x])[0]];
      const sess = tf.Session({ graph: g });
      const [gy, gz] = sess.run([dy, dz], { [x.name]: [[1, 2, 3], [4, 5, 6]] }) as NDArray[];
      expect(Array.from(gy.data)).to.deep.equal([1, 1, 1, 10, 10, 10]);
      expect(Array.from(gz.data)).to.deep.equal([0.5, 5, 50, 0.5, 5, 50]);
      sess.close();
    });
  });
});
