import * as tf from '../../lib/index';
import { NDArray } from '../../lib/framework/ndarray';
import type { CnnWeights } from './data';

/**
 * The tutorials' models in tensorgraph, written as the TF1 scripts write them
 * (seeds 002 and 003), each in its own graph and session.
 */

/** Seed 002: softmax regression trained by GradientDescentOptimizer(0.5). */
export interface SoftmaxModel {
  sess: tf.Session;
  x: tf.Tensor;
  y_: tf.Tensor;
  y: tf.Tensor;
  train_step: tf.Operation;
  /** Runs one training step on a batch given as flat views. */
  step(xs: Float32Array, ys: Float32Array, batch: number): void;
}

export function softmaxModel(): SoftmaxModel {
  const graph = new tf.Graph();
  return graph.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, 784]);
    const W = tf.Variable(tf.zeros([784, 10]));
    const b = tf.Variable(tf.zeros([10]));
    const y = tf.nn.softmax(tf.add(tf.matmul(x, W), b));
    const y_ = tf.placeholder(tf.float32, [null, 10]);
    const cross_entropy = tf.reduce_mean(tf.negative(tf.reduce_sum(tf.multiply(y_, tf.log(y)), [1])));
    const train_step = new tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy) as tf.Operation;
    const sess = new tf.Session({ graph });
    sess.run(tf.global_variables_initializer());
    const step = (xs: Float32Array, ys: Float32Array, batch: number) => {
      sess.run(train_step, new Map([[x, new NDArray(xs, [batch, 784], 'float32')], [y_, new NDArray(ys, [batch, 10], 'float32')]]));
    };
    return { sess, x, y_, y, train_step, step };
  });
}

/** Seed 003: the Deep MNIST CNN, with AdamOptimizer(1e-4) when training. */
export interface CnnModel {
  sess: tf.Session;
  x: tf.Tensor;
  y_: tf.Tensor;
  keep_prob: tf.Tensor;
  y_conv: tf.Tensor;
  train_step: tf.Operation;
  trainStep(xs: Float32Array, ys: Float32Array, batch: number): void;
  predict(xs: Float32Array, batch: number): NDArray;
}

export function cnnModel(weights: CnnWeights): CnnModel {
  const graph = new tf.Graph();
  return graph.as_default(() => {
    const variable = (name: string) => tf.Variable(tf.constant(new NDArray(weights.values[name], weights.shapes[name], 'float32')));
    const conv2d = (input: tf.Tensor, W: tf.TensorLike) => tf.nn.conv2d(input, W, [1, 1, 1, 1], 'SAME');
    const max_pool_2x2 = (input: tf.Tensor) => tf.nn.max_pool(input, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');

    const x = tf.placeholder('float', [null, 784]);
    const y_ = tf.placeholder('float', [null, 10]);
    const x_image = tf.reshape(x, [-1, 28, 28, 1]);
    const h_conv1 = tf.nn.relu(tf.add(conv2d(x_image, variable('W_conv1')), variable('b_conv1')));
    const h_pool1 = max_pool_2x2(h_conv1);
    const h_conv2 = tf.nn.relu(tf.add(conv2d(h_pool1, variable('W_conv2')), variable('b_conv2')));
    const h_pool2 = max_pool_2x2(h_conv2);
    const h_pool2_flat = tf.reshape(h_pool2, [-1, 7 * 7 * 64]);
    const h_fc1 = tf.nn.relu(tf.add(tf.matmul(h_pool2_flat, variable('W_fc1')), variable('b_fc1')));
    const keep_prob = tf.placeholder('float');
    const h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob);
    const y_conv = tf.nn.softmax(tf.add(tf.matmul(h_fc1_drop, variable('W_fc2')), variable('b_fc2')));
    const cross_entropy = tf.negative(tf.reduce_sum(tf.multiply(y_, tf.log(y_conv))));
    const train_step = new tf.train.AdamOptimizer(1e-4).minimize(cross_entropy) as tf.Operation;
    const sess = new tf.Session({ graph });
    sess.run(tf.global_variables_initializer());
    const feed = (xs: Float32Array, batch: number, keep: number, ys?: Float32Array) => {
      const m = new Map<tf.Tensor, NDArray>([[x, new NDArray(xs, [batch, 784], 'float32')], [keep_prob, NDArray.scalar(keep)]]);
      if (ys) m.set(y_, new NDArray(ys, [batch, 10], 'float32'));
      return m;
    };
    return {
      sess, x, y_, keep_prob, y_conv, train_step,
      trainStep: (xs, ys, batch) => { sess.run(train_step, feed(xs, batch, 0.5, ys)); },
      predict: (xs, batch) => sess.run(y_conv, feed(xs, batch, 1.0)) as NDArray,
    };
  });
}

/** The softmax model's forward pass alone, with given weights, for inference. */
export function softmaxInference(W: Float32Array, b: Float32Array): (xs: Float32Array, batch: number) => NDArray {
  const graph = new tf.Graph();
  return graph.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, 784]);
    const y = tf.nn.softmax(tf.add(tf.matmul(x, tf.constant(new NDArray(W, [784, 10], 'float32'))),
      tf.constant(new NDArray(b, [10], 'float32'))));
    const sess = new tf.Session({ graph });
    return (xs: Float32Array, batch: number) => sess.run(y, new Map([[x, new NDArray(xs, [batch, 784], 'float32')]])) as NDArray;
  });
}
