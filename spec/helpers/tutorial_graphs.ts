import * as tf from '../../lib/index';

/*
 * The TF1 tutorials' graphs, built as the tutorials write them, for export checks: the MNIST
 * softmax regression (GradientDescent) and Deep MNIST (conv, max pool, dropout, Adam), each with
 * the accuracy ops. Variables get small fixed values so exports are deterministic.
 */

export function buildSoftmaxTutorial() {
  const x = tf.placeholder('float32', [null, 784], 'x');
  const y_ = tf.placeholder('float32', [null, 10], 'y_');
  const W = tf.Variable(tf.zeros([784, 10]), { name: 'W' });
  const b = tf.Variable(tf.zeros([10]), { name: 'b' });
  const y = tf.nn.softmax(tf.add(tf.matmul(x, W), b), undefined, 'y');
  const cross_entropy = tf.reduce_mean(tf.negative(tf.reduce_sum(tf.multiply(y_, tf.log(y)), [1])));
  const train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy);
  const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1)), 'float32'), undefined, undefined, 'accuracy');
  return { x, y_, y, train_step, accuracy };
}

export function buildDeepMnistTutorial() {
  const x = tf.placeholder('float32', [null, 784], 'x');
  const y_ = tf.placeholder('float32', [null, 10], 'y_');
  const weight_variable = (shape: number[]) => tf.Variable(tf.truncated_normal(shape, { stddev: 0.1, seed: 1 }));
  const bias_variable = (shape: number[]) => tf.Variable(tf.constant(0.1, { shape }));
  const conv2d = (input: tf.Tensor, W: tf.Variable) => tf.nn.conv2d(input, W, [1, 1, 1, 1], 'SAME');
  const max_pool_2x2 = (input: tf.Tensor) => tf.nn.max_pool(input, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');
  const x_image = tf.reshape(x, [-1, 28, 28, 1]);
  const h_pool1 = max_pool_2x2(tf.nn.relu(tf.add(conv2d(x_image, weight_variable([5, 5, 1, 4])), bias_variable([4]))));
  const h_pool2 = max_pool_2x2(tf.nn.relu(tf.add(conv2d(h_pool1, weight_variable([5, 5, 4, 8])), bias_variable([8]))));
  const h_fc1 = tf.nn.relu(tf.add(tf.matmul(tf.reshape(h_pool2, [-1, 7 * 7 * 8]), weight_variable([7 * 7 * 8, 16])), bias_variable([16])));
  const keep_prob = tf.placeholder('float32', undefined, 'keep_prob');
  const h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob);
  const y_conv = tf.add(tf.matmul(h_fc1_drop, weight_variable([16, 10])), bias_variable([10]), 'y_conv');
  const cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ labels: y_, logits: y_conv }));
  const train_step = tf.train.AdamOptimizer(1e-4).minimize(cross_entropy);
  const probs = tf.nn.softmax(y_conv, undefined, 'probs');
  const log_probs = tf.nn.log_softmax(y_conv, undefined, 'log_probs');
  const nll = tf.negative(tf.reduce_mean(tf.reduce_sum(tf.multiply(y_, log_probs), [1])));
  const train_nll = tf.train.GradientDescentOptimizer(0.1).minimize(tf.add(nll, tf.reduce_sum(probs)));
  const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1)), 'float32'), undefined, undefined, 'accuracy');
  return { x, y_, keep_prob, y_conv, probs, train_step, train_nll, accuracy };
}
