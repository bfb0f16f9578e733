/**
 * "MNIST For ML Beginners": softmax regression on MNIST, line by line as in the
 * tutorial (tensorflow/examples/tutorials/mnist/mnist_softmax.py), in TypeScript.
 *
 *   node dist/examples/mnist_softmax.js [--data_dir MNIST_data] [--steps 1000] [--seed N]
 *
 * Prints the test accuracy: about 0.92 on full MNIST, about 0.89 on the 10,000
 * bundled digits that tools/prepare_mnist.ts writes (3,495 training images after
 * the 5,000-image validation split).
 */
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { runAsProgram, Progress, parseFlags } from './cli';

export interface SoftmaxOptions {
  data_dir?: string;
  /** Training steps of 100 examples (the tutorial's 1000). */
  steps?: number;
  /** Seeds the order of the training batches; unseeded by default, as in TF1. */
  seed?: number | null;
  log?: (line: string) => void;
  /** No "Extracting" lines or progress. */
  quiet?: boolean;
}

export interface SoftmaxResult { accuracy: number; steps: number; seconds: number }

export function main(options: SoftmaxOptions = {}): SoftmaxResult {
  const steps = options.steps ?? 1000;
  const log = options.quiet ? () => {} : options.log ?? ((line: string) => console.log(line));
  const { input_data } = tf.examples.tutorials.mnist;
  const mnist = input_data.read_data_sets(options.data_dir ?? 'MNIST_data', { one_hot: true, seed: options.seed, verbose: !options.quiet && !options.log });

  return new tf.Graph().as_default(() => {
    const x = tf.placeholder(tf.float32, [null, 784]);
    const W = tf.Variable(tf.zeros([784, 10]));
    const b = tf.Variable(tf.zeros([10]));
    const y = tf.nn.softmax(tf.matmul(x, W).add(b));

    const y_ = tf.placeholder(tf.float32, [null, 10]);
    const cross_entropy = tf.reduce_mean(tf.negative(tf.reduce_sum(y_.mul(tf.log(y)), { reduction_indices: [1] })));
    const train_step = tf.train.GradientDescentOptimizer(0.05).minimize(cross_entropy);

    const sess = tf.InteractiveSession();
    try {
      tf.global_variables_initializer().run();

      const progress = new Progress(100);
      for (let i = 0; i < steps; i++) {
        const [batch_xs, batch_ys] = mnist.train.next_batch(100);
        sess.run(train_step, new Map<tf.Tensor, NDArray>([[x, batch_xs], [y_, batch_ys]]));
        if ((i + 1) % 100 === 0 || i + 1 === steps) log(`step ${i + 1}/${steps}: ${progress.summary(i + 1)}`);
      }
      const seconds = progress.seconds;

      const correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1));
      const accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));
      const result = sess.run(accuracy, new Map<tf.Tensor, NDArray>([[x, mnist.test.images], [y_, mnist.test.labels]])) as number;
      log(tf.numpy_like.str(result)); // print(sess.run(accuracy, ...)): a float32 as NumPy prints it
      return { accuracy: result, steps, seconds };
    } finally {
      sess.close();
    }
  });
}

if (require.main === module) {
  runAsProgram(() => {
    const usage = 'mnist_softmax [--data_dir MNIST_data] [--steps 1000] [--seed N]';
    const flags = parseFlags(process.argv.slice(2), { data_dir: 'MNIST_data', steps: 1000, seed: null }, usage);
    main({ data_dir: flags.data_dir as string, steps: flags.steps as number, seed: flags.seed as number | null });
  });
}
