/**
 * The classic TF1 recurrent-network example: an LSTM reads each MNIST image row by row
 * (28 steps of 28 pixels), 128 units (tf.contrib.rnn.BasicLSTMCell, forget_bias 1.0,
 * tf.contrib.rnn.static_rnn), a dense layer on the last output, softmax cross entropy,
 * Adam 1e-3, batches of 128, line by line in TypeScript.
 *
 *   node dist/examples/mnist_lstm.js [--data_dir MNIST_data] [--steps 1000] [--seed N]
 *                                    [--validation_size 0] [--display_step 100]
 *
 * The original trains 10,000 steps on full MNIST (about 0.97); see examples/README.md for
 * what the bundled 10,000 digits give in fewer steps.
 */
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { runAsProgram, Progress, formatG, parseFlags } from './cli';

export const DEFAULT_STEPS = 1000;

export interface LstmOptions {
  data_dir?: string;
  steps?: number;
  seed?: number | null;
  /** Training images held out (TF1's default 5,000); 0 trains on all 8,495 bundled ones. */
  validation_size?: number;
  display_step?: number;
  log?: (line: string) => void;
  quiet?: boolean;
}

export interface LstmResult { accuracy: number; steps: number; seconds: number; lastLoss: number }

export function main(options: LstmOptions = {}): LstmResult {
  const training_steps = options.steps ?? DEFAULT_STEPS;
  const display_step = options.display_step ?? 100;
  const log = options.quiet ? () => {} : options.log ?? ((line: string) => console.log(line));
  const { input_data } = tf.examples.tutorials.mnist;
  const mnist = input_data.read_data_sets(options.data_dir ?? 'MNIST_data', {
    one_hot: true, seed: options.seed, validation_size: options.validation_size ?? 0, verbose: !options.quiet && !options.log,
  });

  // Training parameters and network parameters, as the original.
  const learning_rate = 0.001, batch_size = 128;
  const num_input = 28, timesteps = 28, num_hidden = 128, num_classes = 10;

  return new tf.Graph().as_default(() => {
    if (options.seed !== undefined && options.seed !== null) tf.set_random_seed(options.seed);
    const X = tf.placeholder('float', [null, timesteps, num_input]);
    const Y = tf.placeholder('float', [null, num_classes]);
    const weights = { out: tf.Variable(tf.random_normal([num_hidden, num_classes])) };
    const biases = { out: tf.Variable(tf.random_normal([num_classes])) };

    function RNN(x: tf.Tensor, w: typeof weights, b: typeof biases): tf.Tensor {
      const steps = tf.unstack(x, timesteps, 1);
      const lstm_cell = tf.contrib.rnn.BasicLSTMCell(num_hidden, { forget_bias: 1.0 });
      const [outputs] = tf.contrib.rnn.static_rnn(lstm_cell, steps, { dtype: tf.float32 });
      return tf.matmul(outputs[outputs.length - 1], w.out).add(b.out);
    }

    const logits = RNN(X, weights, biases);
    const prediction = tf.nn.softmax(logits);
    const loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ logits, labels: Y }));
    const train_op = tf.train.AdamOptimizer({ learning_rate }).minimize(loss_op);
    const correct_pred = tf.equal(tf.argmax(prediction, 1), tf.argmax(Y, 1));
    const accuracy = tf.reduce_mean(tf.cast(correct_pred, tf.float32));

    const sess = tf.Session();
    try {
      sess.run(tf.global_variables_initializer());
      const feed = (xs: NDArray, ys: NDArray) => new Map<tf.Tensor, NDArray>([[X, xs.reshape([-1, timesteps, num_input])], [Y, ys]]);
      const progress = new Progress(batch_size);
      let lastLoss = NaN;
      for (let step = 1; step <= training_steps; step++) {
        const [batch_x, batch_y] = mnist.train.next_batch(batch_size);
        sess.run(train_op, feed(batch_x, batch_y));
        if (step % display_step === 0 || step === 1) {
          const [loss, acc] = sess.run([loss_op, accuracy], feed(batch_x, batch_y)) as number[];
          lastLoss = loss;
          log(`Step ${step}, Minibatch Loss= ${loss.toFixed(4)}, Training Accuracy= ${acc.toFixed(3)}  [${progress.summary(step)}]`);
        }
      }
      const seconds = progress.seconds;
      log('Optimization Finished!');
      const testAccuracy = sess.run(accuracy, feed(mnist.test.images, mnist.test.labels)) as number;
      log(`Testing Accuracy: ${formatG(testAccuracy)}  [${training_steps} steps in ${progress.summary(training_steps)}]`);
      return { accuracy: testAccuracy, steps: training_steps, seconds, lastLoss };
    } finally {
      sess.close();
    }
  });
}

if (require.main === module) {
  runAsProgram(() => {
    const usage = 'mnist_lstm [--data_dir MNIST_data] [--steps 1000] [--seed N] [--validation_size 0] [--display_step 100]';
    const flags = parseFlags(process.argv.slice(2),
      { data_dir: 'MNIST_data', steps: DEFAULT_STEPS, seed: null, validation_size: 0, display_step: 100 }, usage);
    main({
      data_dir: flags.data_dir as string, steps: flags.steps as number, seed: flags.seed as number | null,
      validation_size: flags.validation_size as number, display_step: flags.display_step as number,
    });
  });
}
