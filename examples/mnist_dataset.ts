/**
 * The softmax regression of "MNIST For ML Beginners" fed by tf.data instead of
 * feed_dict: the training images go through
 * Dataset.from_tensor_slices((images, labels)).shuffle(10000).batch(100).repeat(), a
 * one-shot iterator's get_next() is the model's input, and the test set is read through
 * an initializable iterator whose placeholders are fed when its initializer runs.
 * One iterator (Iterator.from_structure) serves both: make_initializer switches it.
 *
 *   node dist/examples/mnist_dataset.js [--data_dir MNIST_data] [--steps 1000] [--seed N]
 *
 * Prints the test accuracy: as mnist_softmax, about 0.89 on the bundled digits.
 */
import * as tf from '../lib/index';
import type { NDArray } from '../lib/framework/ndarray';
import { runAsProgram, Progress } from './cli';

export interface DatasetExampleOptions {
  data_dir?: string;
  steps?: number;
  seed?: number | null;
  log?: (line: string) => void;
  quiet?: boolean;
}

export interface DatasetExampleResult { accuracy: number; steps: number; seconds: number }

export function main(options: DatasetExampleOptions = {}): DatasetExampleResult {
  const steps = options.steps ?? 1000;
  const log = options.quiet ? () => {} : options.log ?? ((line: string) => console.log(line));
  const mnist = tf.examples.tutorials.mnist.input_data.read_data_sets(options.data_dir ?? 'MNIST_data',
    { one_hot: true, verbose: !options.quiet && !options.log });

  return new tf.Graph().as_default(() => {
    if (options.seed !== undefined && options.seed !== null) tf.set_random_seed(options.seed);
    const images = tf.placeholder(tf.float32, [null, 784], 'images');
    const labels = tf.placeholder(tf.float32, [null, 10], 'labels');
    const train = tf.data.Dataset.from_tensor_slices([mnist.train.images, mnist.train.labels]).shuffle(10000).batch(100).repeat();
    // The test set's size is unknown to the graph: one batch of whatever was fed.
    const test = tf.data.Dataset.from_tensor_slices([images, labels]).batch(100000);

    const iterator = tf.data.Iterator.from_structure(train.output_types, train.output_shapes);
    const [x, y_] = iterator.get_next() as [tf.Tensor, tf.Tensor];
    const useTrain = iterator.make_initializer(train), useTest = iterator.make_initializer(test);

    const W = tf.Variable(tf.zeros([784, 10]));
    const b = tf.Variable(tf.zeros([10]));
    const y = tf.nn.softmax(tf.matmul(x, W).add(b));
    const cross_entropy = tf.reduce_mean(tf.negative(tf.reduce_sum(y_.mul(tf.log(y)), { reduction_indices: [1] })));
    const train_step = tf.train.GradientDescentOptimizer(0.05).minimize(cross_entropy);
    const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1)), tf.float32));

    const sess = tf.Session();
    try {
      sess.run([tf.global_variables_initializer(), useTrain]);
      const progress = new Progress(100);
      for (let i = 0; i < steps; i++) {
        sess.run(train_step);
        if ((i + 1) % 100 === 0 || i + 1 === steps) log(`step ${i + 1}/${steps}: ${progress.summary(i + 1)}`);
      }
      const seconds = progress.seconds;
      sess.run(useTest, { 'images:0': mnist.test.images as NDArray, 'labels:0': mnist.test.labels as NDArray });
      const result = sess.run(accuracy) as number;
      log(tf.numpy_like.str(result));
      return { accuracy: result, steps, seconds };
    } finally {
      sess.close();
    }
  });
}

if (require.main === module) {
  runAsProgram(() => {
    tf.flags.DEFINE_string('data_dir', 'MNIST_data', 'where the MNIST files are');
    tf.flags.DEFINE_integer('steps', 1000, 'training steps of 100 images');
    tf.flags.DEFINE_integer('seed', null, 'graph seed (shuffling); unseeded by default');
    tf.app.run(() => {
      const F = tf.flags.FLAGS;
      main({ data_dir: F.data_dir, steps: F.steps, seed: F.seed });
    });
  });
}
