/**
 * TF1's tutorial mnist_with_summaries.py (tensorflow/examples/tutorials/mnist/), line by line
 * in TypeScript: a 784-500-10 network with name scopes, variable summaries, dropout, and two
 * FileWriters (train/ and test/) that TensorBoard, or tensorgraph-summary, reads.
 *
 *   node dist/examples/mnist_with_summaries.js [--max_steps 200] [--data_dir MNIST_data]
 *       [--log_dir /tmp/tensorflow/mnist/logs/mnist_with_summaries] [--seed N]
 *   node dist/tools/summary_cli.js LOG_DIR --tag accuracy_1 --svg accuracy.svg
 *
 * The tutorial runs 1000 steps; this runs 200 by default (--max_steps). learning_rate (0.001)
 * and dropout (0.9) are the tutorial's defaults (options of main()).
 */
import * as fs from 'fs';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { runAsProgram, parseFlags } from './cli';

export interface WithSummariesOptions {
  data_dir?: string;
  log_dir?: string;
  max_steps?: number;
  learning_rate?: number;
  dropout?: number;
  seed?: number | null;
  /** Test images used for the every-10-steps evaluation (the tutorial uses all of mnist.test). */
  test_images?: number;
  log?: (line: string) => void;
}

export interface WithSummariesResult { accuracies: [number, number][]; log_dir: string }

export function train(FLAGS: Required<Omit<WithSummariesOptions, 'log' | 'test_images'>> & WithSummariesOptions): WithSummariesResult {
  const print = FLAGS.log ?? ((line: string) => console.log(line));
  if (FLAGS.seed !== null) tf.set_random_seed(FLAGS.seed);
  // Import data
  const mnist = tf.examples.tutorials.mnist.input_data.read_data_sets(FLAGS.data_dir, { seed: FLAGS.seed, verbose: !FLAGS.log });

  const sess = tf.InteractiveSession();
  // Create a multilayer model.

  // Input placeholders
  const [x, y_] = tf.name_scope('input', () => [
    tf.placeholder(tf.float32, [null, 784], 'x-input'),
    tf.placeholder(tf.int64, [null], 'y-input'),
  ]);

  tf.name_scope('input_reshape', () => {
    const image_shaped_input = tf.reshape(x, [-1, 28, 28, 1]);
    tf.summary.image('input', image_shaped_input, 10);
  });

  // We can't initialize these variables to 0 - the network will get stuck.
  function weight_variable(shape: number[]): tf.Variable {
    // Create a weight variable with appropriate initialization.
    const initial = tf.truncated_normal(shape, { stddev: 0.1 });
    return tf.Variable(initial);
  }

  function bias_variable(shape: number[]): tf.Variable {
    // Create a bias variable with appropriate initialization.
    const initial = tf.constant(0.1, { shape });
    return tf.Variable(initial);
  }

  function variable_summaries(v: tf.Variable): void {
    // Attach a lot of summaries to a Tensor (for TensorBoard visualization).
    tf.name_scope('summaries', () => {
      const mean = tf.reduce_mean(v);
      tf.summary.scalar('mean', mean);
      const stddev = tf.name_scope('stddev', () => tf.sqrt(tf.reduce_mean(tf.square(tf.subtract(v, mean)))));
      tf.summary.scalar('stddev', stddev);
      tf.summary.scalar('max', tf.reduce_max(v));
      tf.summary.scalar('min', tf.reduce_min(v));
      tf.summary.histogram('histogram', v);
    });
  }

  function nn_layer(input_tensor: tf.Tensor, input_dim: number, output_dim: number, layer_name: string,
    act: (t: tf.Tensor, options: { name: string }) => tf.Tensor = tf.nn.relu): tf.Tensor {
    // Reusable code for making a simple neural net layer: a matrix multiply, bias add, and a
    // nonlinearity, with name scoping that makes the resulting graph easy to read, and summary ops.
    return tf.name_scope(layer_name, () => {
      // This Variable will hold the state of the weights for the layer
      const weights = tf.name_scope('weights', () => { const w = weight_variable([input_dim, output_dim]); variable_summaries(w); return w; });
      const biases = tf.name_scope('biases', () => { const b = bias_variable([output_dim]); variable_summaries(b); return b; });
      const preactivate = tf.name_scope('Wx_plus_b', () => {
        const p = tf.add(tf.matmul(input_tensor, weights), biases);
        tf.summary.histogram('pre_activations', p);
        return p;
      });
      const activations = act(preactivate, { name: 'activation' });
      tf.summary.histogram('activations', activations);
      return activations;
    });
  }

  const hidden1 = nn_layer(x, 784, 500, 'layer1');

  const [keep_prob, dropped] = tf.name_scope('dropout', () => {
    const keep_prob = tf.placeholder(tf.float32);
    tf.summary.scalar('dropout_keep_probability', keep_prob);
    return [keep_prob, tf.nn.dropout(hidden1, keep_prob)] as const;
  });

  // Do not apply softmax activation yet, see below.
  const y = nn_layer(dropped, 500, 10, 'layer2', (t, o) => tf.identity(t, o.name));

  const cross_entropy = tf.name_scope('cross_entropy', () => tf.name_scope('total', () =>
    // The raw formulation of cross-entropy is numerically unstable; sparse_softmax_cross_entropy
    // takes the unnormalized logits and averages over the batch.
    tf.losses.sparse_softmax_cross_entropy({ labels: y_, logits: y })));
  tf.summary.scalar('cross_entropy', cross_entropy);

  const train_step = tf.name_scope('train', () => tf.train.AdamOptimizer(FLAGS.learning_rate).minimize(cross_entropy));

  const accuracy = tf.name_scope('accuracy', () => {
    const correct_prediction = tf.name_scope('correct_prediction', () => tf.equal(tf.argmax(y, 1), y_));
    return tf.name_scope('accuracy', () => tf.reduce_mean(tf.cast(correct_prediction, tf.float32)));
  });
  tf.summary.scalar('accuracy', accuracy);

  // Merge all the summaries and write them out to log_dir/train and log_dir/test.
  const merged = tf.summary.merge_all()!;
  const train_writer = new tf.summary.FileWriter(FLAGS.log_dir + '/train', sess.graph);
  const test_writer = new tf.summary.FileWriter(FLAGS.log_dir + '/test');
  tf.global_variables_initializer().run();

  // Train the model, and also write summaries.
  // Every 10th step, measure test-set accuracy, and write test summaries.
  // All other steps, run train_step on training data, & add training summaries.
  const testImages = FLAGS.test_images ?? mnist.test.num_examples;
  const test_xs = testImages === mnist.test.num_examples ? mnist.test.images : firstRows(mnist.test.images, testImages);
  const test_ys = testImages === mnist.test.num_examples ? mnist.test.labels : firstRows(mnist.test.labels, testImages);
  function feed_dict(trainBatch: boolean): Map<tf.Tensor, NDArray | number> {
    // Make a TensorFlow feed_dict: maps data onto Tensor placeholders.
    const [xs, ys, k] = trainBatch ? [...mnist.train.next_batch(100), FLAGS.dropout] : [test_xs, test_ys, 1.0];
    return new Map<tf.Tensor, NDArray | number>([[x, xs], [y_, ys], [keep_prob, k]]);
  }

  const accuracies: [number, number][] = [];
  for (let i = 0; i < FLAGS.max_steps; i++) {
    if (i % 10 === 0) { // Record summaries and test-set accuracy
      const [summary, acc] = sess.run([merged, accuracy], { feed_dict: feed_dict(false) }) as [Uint8Array, number];
      test_writer.add_summary(summary, i);
      accuracies.push([i, acc]);
      print(`Accuracy at step ${i}: ${tf.numpy_like.str(acc)}`);
    } else { // Record train set summaries, and train
      if (i % 100 === 99) { // Record execution stats
        // tensorgraph's sessions record no trace: the RunMetadata written is TF1's shape, empty.
        const run_metadata = {};
        const [summary] = sess.run([merged, train_step], { feed_dict: feed_dict(true), run_metadata }) as [Uint8Array];
        train_writer.add_run_metadata(run_metadata, `step${String(i).padStart(3, '0')}`);
        train_writer.add_summary(summary, i);
        print(`Adding run metadata for ${i}`);
      } else { // Record a summary
        const [summary] = sess.run([merged, train_step], { feed_dict: feed_dict(true) }) as [Uint8Array];
        train_writer.add_summary(summary, i);
      }
    }
  }
  train_writer.close();
  test_writer.close();
  sess.close();
  return { accuracies, log_dir: FLAGS.log_dir };
}

function firstRows(a: NDArray, n: number): NDArray {
  const row = a.size / a.shape[0];
  return new NDArray(a.data.slice(0, n * row), [n, ...a.shape.slice(1)], a.dtype);
}

export function main(options: WithSummariesOptions = {}): WithSummariesResult {
  const FLAGS = {
    data_dir: 'MNIST_data', log_dir: '/tmp/tensorflow/mnist/logs/mnist_with_summaries', max_steps: 200,
    learning_rate: 0.001, dropout: 0.9, seed: null, ...options,
  };
  // As the tutorial: start from an empty log_dir.
  fs.rmSync(FLAGS.log_dir, { recursive: true, force: true });
  fs.mkdirSync(FLAGS.log_dir, { recursive: true });
  return tf.Graph().as_default(() => train(FLAGS));
}

if (require.main === module) {
  runAsProgram(() => {
    const usage = 'mnist_with_summaries [--max_steps 200] [--data_dir MNIST_data] [--log_dir DIR] [--seed N]';
    const flags = parseFlags(process.argv.slice(2),
      { max_steps: 200, data_dir: 'MNIST_data', log_dir: '/tmp/tensorflow/mnist/logs/mnist_with_summaries', seed: null }, usage);
    main({ max_steps: flags.max_steps as number, data_dir: flags.data_dir as string, log_dir: flags.log_dir as string, seed: flags.seed as number | null });
  });
}
