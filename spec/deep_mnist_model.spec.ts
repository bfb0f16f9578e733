import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { Xoshiro128 } from '../lib/framework/random';

/**
 * The "Deep MNIST for Experts" model, built line by line as the tutorial writes it
 * (weight_variable, bias_variable, conv2d, max_pool_2x2, two conv layers, fc 1024,
 * dropout with a fed keep_prob, softmax readout, -reduce_sum(y_ * log(y_conv)), Adam 1e-4).
 */
function buildDeepMnist() {
  const x = tf.placeholder('float', [null, 784]);
  const y_ = tf.placeholder('float', [null, 10]);

  const weight_variable = (shape: number[]) => tf.Variable(tf.truncated_normal(shape, { stddev: 0.1 }));
  const bias_variable = (shape: number[]) => tf.Variable(tf.constant(0.1, { shape }));
  const conv2d = (input: tf.Tensor, W: tf.Variable) => tf.nn.conv2d(input, W, [1, 1, 1, 1], 'SAME');
  const max_pool_2x2 = (input: tf.Tensor) => tf.nn.max_pool(input, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');

  const W_conv1 = weight_variable([5, 5, 1, 32]);
  const b_conv1 = bias_variable([32]);
  const x_image = tf.reshape(x, [-1, 28, 28, 1]);
  const h_conv1 = tf.nn.relu(tf.add(conv2d(x_image, W_conv1), b_conv1));
  const h_pool1 = max_pool_2x2(h_conv1);

  const W_conv2 = weight_variable([5, 5, 32, 64]);
  const b_conv2 = bias_variable([64]);
  const h_conv2 = tf.nn.relu(tf.add(conv2d(h_pool1, W_conv2), b_conv2));
  const h_pool2 = max_pool_2x2(h_conv2);

  const W_fc1 = weight_variable([7 * 7 * 64, 1024]);
  const b_fc1 = bias_variable([1024]);
  const h_pool2_flat = tf.reshape(h_pool2, [-1, 7 * 7 * 64]);
  const h_fc1 = tf.nn.relu(tf.add(tf.matmul(h_pool2_flat, W_fc1), b_fc1));

  const keep_prob = tf.placeholder('float');
  const h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob);

  const W_fc2 = weight_variable([1024, 10]);
  const b_fc2 = bias_variable([10]);
  const y_conv = tf.nn.softmax(tf.add(tf.matmul(h_fc1_drop, W_fc2), b_fc2));

  const cross_entropy = tf.negative(tf.reduce_sum(tf.multiply(y_, tf.log(y_conv))));
  const train_step = tf.train.AdamOptimizer(1e-4).minimize(cross_entropy);
  const correct_prediction = tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1));
  const accuracy = tf.reduce_mean(tf.cast(correct_prediction, 'float'));
  return { x, y_, keep_prob, h_pool1, h_pool2, y_conv, cross_entropy, train_step, accuracy };
}

/** A fixed batch of synthetic 28x28 "digits": each class a bright block at its own place, plus noise. */
function fixedBatch(size: number): { images: NDArray; labels: NDArray } {
  const rng = new Xoshiro128(2024, 1);
  const images = NDArray.zeros([size, 784]), labels = NDArray.zeros([size, 10]);
  for (let i = 0; i < size; i++) {
    const label = i % 10;
    labels.data[i * 10 + label] = 1;
    const top = 2 + 6 * Math.floor(label / 4), left = 2 + 6 * (label % 4);
    for (let p = 0; p < 784; p++) {
      const r = Math.floor(p / 28), c = p % 28;
      const inBlock = r >= top && r < top + 8 && c >= left && c < left + 8;
      images.data[i * 784 + p] = (inBlock ? 0.8 : 0) + 0.2 * rng.uniform();
    }
  }
  return { images, labels };
}

describe('Deep MNIST for Experts model', function () {
  this.timeout(120000);
  const batch = fixedBatch(10);

  /** Trains `steps` steps with keep_prob 0.5; returns the keep_prob-1 loss before and after, and every training loss. */
  function train(steps: number, seed: number | null) {
    const g = new tf.Graph();
    return g.as_default(() => {
      if (seed !== null) tf.set_random_seed(seed);
      const m = buildDeepMnist();
      const sess = new tf.Session({ graph: g });
      sess.run(tf.initialize_all_variables());
      const feed = (keep: number) => new Map<tf.Tensor, NDArray>([[m.x, batch.images], [m.y_, batch.labels], [m.keep_prob, NDArray.scalar(keep)]]);
      const before = sess.run(m.cross_entropy, feed(1.0)) as number;
      const losses: number[] = [];
      for (let i = 0; i < steps; i++) losses.push((sess.run([m.train_step, m.cross_entropy], feed(0.5)) as [null, number])[1]);
      const after = sess.run(m.cross_entropy, feed(1.0)) as number;
      const accuracy = sess.run(m.accuracy, feed(1.0)) as number;
      sess.close();
      return { model: m, before, after, losses, accuracy };
    });
  }

  it('has the tutorial\'s static shapes', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const m = buildDeepMnist();
      expect(m.h_pool1.shape).to.deep.equal([null, 14, 14, 32]);
      expect(m.h_pool2.shape).to.deep.equal([null, 7, 7, 64]);
      expect(m.y_conv.shape).to.deep.equal([null, 10]);
    });
  });

  it('trains: the loss on a fixed batch falls over 20 Adam steps', () => {
    const r = train(20, 1);
    for (const l of r.losses) expect(Number.isFinite(l)).to.equal(true);
    expect(r.after).to.be.below(r.before * 0.8);
    // The last training steps (dropout on) are below the first ones too.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(r.losses.slice(-5))).to.be.below(mean(r.losses.slice(0, 5)));
  });

  it('with tf.set_random_seed, two fresh graphs and sessions give identical losses', () => {
    const a = train(3, 77), b = train(3, 77);
    expect([a.before, ...a.losses, a.after]).to.deep.equal([b.before, ...b.losses, b.after]);
    const c = train(0, 78);
    expect(c.before).to.not.equal(a.before);
  });
});
