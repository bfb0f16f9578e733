import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { Xoshiro128 } from '../lib/framework/random';

const FEATURES = 4, CLASSES = 3;

/**
 * A linearly separable data set: points uniform in [-1, 1]^4 labelled by the argmax of
 * a fixed "teacher" linear model, keeping only points whose best class wins by a margin,
 * so a softmax regression can classify every one of them.
 */
function separableData(count: number, seed: number): { x: NDArray; labels: NDArray } {
  const rng = new Xoshiro128(seed, 1);
  const teacher = [[2, -1, 0.5], [-1, 2, 1], [0.5, 1, -2], [1, 0, 1]];
  const bias = [0.2, -0.1, 0];
  const x = NDArray.zeros([count, FEATURES], 'float32');
  const labels = NDArray.zeros([count], 'int64');
  let n = 0;
  while (n < count) {
    const p = Array.from({ length: FEATURES }, () => rng.uniform() * 2 - 1);
    const scores = bias.map((b, k) => b + p.reduce((s, v, i) => s + v * teacher[i][k], 0));
    const sorted = scores.slice().sort((a, b) => b - a);
    if (sorted[0] - sorted[1] < 0.5) continue;
    x.data.set(p, n * FEATURES);
    labels.data[n] = scores.indexOf(sorted[0]);
    n++;
  }
  return { x, labels };
}

describe('softmax regression on a separable synthetic data set', () => {
  beforeEach(() => tf.reset_default_graph());

  const { x: images, labels } = separableData(150, 42);

  it('GradientDescent on tf.losses.sparse_softmax_cross_entropy (the notebook\'s model) reaches > 95% training accuracy', () => {
    const x = tf.placeholder(tf.float32, [null, FEATURES], 'x');
    const W = tf.Variable(tf.zeros([FEATURES, CLASSES]));
    const b = tf.Variable(tf.zeros([CLASSES]));
    const y = tf.add(tf.matmul(x, W), b, 'model');
    const y_ = tf.placeholder(tf.int64, [null]);
    const crossEntropy = tf.losses.sparse_softmax_cross_entropy({ labels: y_, logits: y });
    const trainStep = tf.train.GradientDescentOptimizer(0.5).minimize(crossEntropy);
    const correct = tf.equal(tf.argmax(y, 1), y_);
    const accuracy = tf.reduce_mean(tf.cast(correct, tf.float32));

    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const feed = new Map<tf.Tensor, NDArray>([[x, images], [y_, labels]]);
    const before = sess.run([accuracy, crossEntropy], feed) as number[];
    expect(before[1]).to.be.closeTo(Math.log(CLASSES), 1e-5);
    for (let step = 0; step < 300; step++) sess.run(trainStep, feed);
    const [acc, loss] = sess.run([accuracy, crossEntropy], feed) as number[];
    expect(acc).to.be.above(0.95);
    expect(loss).to.be.below(before[1] / 2);
  });

  it('the tutorial\'s hand-written cross-entropy on one-hot labels trains too (mini-batches)', () => {
    const x = tf.placeholder('float32', [null, FEATURES]);
    const W = tf.Variable(tf.zeros([FEATURES, CLASSES]));
    const b = tf.Variable(tf.zeros([CLASSES]));
    const y = tf.nn.softmax(tf.add(tf.matmul(x, W), b));
    const y_ = tf.placeholder('float32', [null, CLASSES]);
    const crossEntropy = tf.reduce_mean(tf.negative(tf.reduce_sum(tf.multiply(y_, tf.log(y)), { reduction_indices: [1] })));
    const trainStep = tf.train.GradientDescentOptimizer(0.5).minimize(crossEntropy);
    const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1)), 'float'));

    const oneHot = NDArray.zeros([labels.size, CLASSES], 'float32');
    labels.data.forEach((l, i) => { oneHot.data[i * CLASSES + l] = 1; });
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const batch = 30;
    for (let step = 0; step < 300; step++) {
      const start = (step * batch) % labels.size;
      const xs = new NDArray(images.data.slice(start * FEATURES, (start + batch) * FEATURES), [batch, FEATURES], 'float32');
      const ys = new NDArray(oneHot.data.slice(start * CLASSES, (start + batch) * CLASSES), [batch, CLASSES], 'float32');
      sess.run(trainStep, new Map([[x, xs], [y_, ys]]));
    }
    expect(sess.run(accuracy, new Map([[x, images], [y_, oneHot]]))).to.be.above(0.95);
  });

  it('Adam (as the Deep MNIST tutorial builds it) with a global step reaches > 95% too', () => {
    const x = tf.placeholder('float32', [null, FEATURES]);
    const W = tf.Variable(tf.zeros([FEATURES, CLASSES]));
    const b = tf.Variable(tf.zeros([CLASSES]));
    const logits = tf.add(tf.matmul(x, W), b);
    const y_ = tf.placeholder('int64', [null]);
    const loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: y_, logits }));
    const step = tf.train.get_or_create_global_step();
    const trainStep = tf.train.AdamOptimizer(0.05).minimize(loss, { global_step: step });
    const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y_), 'float32'));
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const feed = new Map<tf.Tensor, NDArray>([[x, images], [y_, labels]]);
    for (let i = 0; i < 200; i++) sess.run(trainStep, feed);
    expect(sess.run(step)).to.equal(200);
    expect(sess.run(accuracy, feed)).to.be.above(0.95);
  });
});
