/**
 * TF1's "layers" tutorial (tensorflow/examples/tutorials/layers/cnn_mnist.py), line by line:
 * a CNN built with tf.layers (conv 32 5x5 same relu, 2x2 max-pool, conv 64, max-pool, dense
 * 1024 relu, dropout 0.4, logits 10) in a model_fn, trained and evaluated through
 * tf.estimator.Estimator on numpy_input_fn batches of 100.
 *
 *   node dist/examples/mnist_layers_estimator.js [--data_dir MNIST_data] [--steps 2000] [--seed N]
 *       [--model_dir DIR] [--batch_size 100] [--optimizer adam|sgd] [--learning_rate 0.001]
 *       [--validation_size 0]
 *
 * Deviation from the tutorial: it trains with GradientDescentOptimizer(0.001) for 20,000
 * steps, about an hour here (0.2 s a step on 2 cores). The defaults are Adam(0.001) for 2,000
 * steps, which reach the same >= 0.97 on the bundled digits in minutes; the tutorial's
 * schedule is `--optimizer sgd --learning_rate 0.001 --steps 20000`. As in mnist_deep.ts,
 * all 8,495 bundled training images are used (--validation_size 0); the tutorial's
 * load_dataset('mnist') holds out 5,000, which on full MNIST leaves 55,000 but here only 3,495.
 * model_dir defaults to a fresh temporary folder (the tutorial's /tmp/mnist_convnet_model
 * would resume an earlier run's checkpoints).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';
import type { Tensor } from '../lib/framework/tensor';
import { runAsProgram, Progress, parseFlags, UsageError } from './cli';

export const DEFAULT_STEPS = 2000;

export interface LayersEstimatorOptions {
  data_dir?: string;
  steps?: number;
  /** The Estimator's tf_random_seed (weights, dropout, input shuffling); unseeded by default, as in TF1. */
  seed?: number | null;
  model_dir?: string;
  batch_size?: number;
  /** 'adam' (the default here) or 'sgd' (the tutorial's GradientDescentOptimizer). */
  optimizer?: 'adam' | 'sgd';
  learning_rate?: number;
  validation_size?: number;
  /** The LoggingTensorHook's every_n_iter (the tutorial's 50). */
  log_every?: number;
  /** Where print() goes; tf.logging's lines go to stderr as in TF1. */
  log?: (line: string) => void;
}

export interface LayersEstimatorResult { eval_results: Record<string, number>; model_dir: string; seconds: number }

interface Params { optimizer: 'adam' | 'sgd'; learning_rate: number }

function cnn_model_fn(features: Record<string, Tensor>, labels: Tensor, mode: string, params: Params) {
  // Input Layer
  const input_layer = tf.reshape(features['x'], [-1, 28, 28, 1]);

  // Convolutional Layer #1
  const conv1 = tf.layers.conv2d({ inputs: input_layer, filters: 32, kernel_size: [5, 5], padding: 'same', activation: tf.nn.relu });

  // Pooling Layer #1
  const pool1 = tf.layers.max_pooling2d({ inputs: conv1, pool_size: [2, 2], strides: 2 });

  // Convolutional Layer #2 and Pooling Layer #2
  const conv2 = tf.layers.conv2d({ inputs: pool1, filters: 64, kernel_size: [5, 5], padding: 'same', activation: tf.nn.relu });
  const pool2 = tf.layers.max_pooling2d({ inputs: conv2, pool_size: [2, 2], strides: 2 });

  // Dense Layer
  const pool2_flat = tf.reshape(pool2, [-1, 7 * 7 * 64]);
  const dense = tf.layers.dense({ inputs: pool2_flat, units: 1024, activation: tf.nn.relu });
  const dropout = tf.layers.dropout({ inputs: dense, rate: 0.4, training: mode === tf.estimator.ModeKeys.TRAIN });

  // Logits Layer
  const logits = tf.layers.dense({ inputs: dropout, units: 10 });

  const predictions = {
    // Generate predictions (for PREDICT and EVAL mode)
    classes: tf.argmax({ input: logits, axis: 1 }),
    // Add `softmax_tensor` to the graph. It is used for PREDICT and by the `logging_hook`.
    probabilities: tf.nn.softmax(logits, { name: 'softmax_tensor' }),
  };

  if (mode === tf.estimator.ModeKeys.PREDICT) {
    return new tf.estimator.EstimatorSpec({ mode, predictions });
  }

  // Calculate Loss (for both TRAIN and EVAL modes)
  const loss = tf.losses.sparse_softmax_cross_entropy({ labels, logits });

  // Configure the Training Op (for TRAIN mode)
  if (mode === tf.estimator.ModeKeys.TRAIN) {
    const optimizer = params.optimizer === 'sgd'
      ? new tf.train.GradientDescentOptimizer({ learning_rate: params.learning_rate })
      : new tf.train.AdamOptimizer({ learning_rate: params.learning_rate });
    const train_op = optimizer.minimize({ loss, global_step: tf.train.get_global_step() });
    return new tf.estimator.EstimatorSpec({ mode, loss, train_op });
  }

  // Add evaluation metrics (for EVAL mode)
  const eval_metric_ops = {
    accuracy: tf.metrics.accuracy({ labels, predictions: predictions['classes'] }),
  };
  return new tf.estimator.EstimatorSpec({ mode, loss, eval_metric_ops });
}

/** Python's print of the eval dict: `{'accuracy': 0.9714, 'loss': 0.0912, 'global_step': 2000}`. */
export function formatEvalResults(results: Record<string, number>): string {
  const items = Object.entries(results).map(([k, v]) =>
    `'${k}': ${k === 'global_step' ? String(v) : tf.numpy_like.str(v)}`);
  return `{${items.join(', ')}}`;
}

export function main(options: LayersEstimatorOptions = {}): LayersEstimatorResult {
  const print = options.log ?? ((line: string) => console.log(line));
  const optimizer = options.optimizer ?? 'adam';
  if (optimizer !== 'adam' && optimizer !== 'sgd') throw new UsageError(`--optimizer must be adam or sgd, got ${String(optimizer)}`);
  const learning_rate = options.learning_rate ?? 0.001;
  const model_dir = options.model_dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mnist_convnet_model-'));

  // Load training and eval data
  const mnist = tf.examples.tutorials.mnist.input_data.read_data_sets(options.data_dir ?? 'MNIST_data', {
    validation_size: options.validation_size ?? 0, verbose: !options.log,
  });
  const train_data = mnist.train.images; // Returns an NDArray
  const train_labels = mnist.train.labels.astype('int32');
  const eval_data = mnist.test.images;
  const eval_labels = mnist.test.labels.astype('int32');

  // Create the Estimator
  const config = new tf.estimator.RunConfig({ tf_random_seed: options.seed ?? null });
  const mnist_classifier = new tf.estimator.Estimator({
    model_fn: cnn_model_fn, model_dir, config, params: { optimizer, learning_rate } });

  // Set up logging for predictions
  // Log the values in the "Softmax" tensor with label "probabilities"
  const tensors_to_log = { probabilities: 'softmax_tensor' };
  const logging_hook = new tf.train.LoggingTensorHook({ tensors: tensors_to_log, every_n_iter: options.log_every ?? 50 });

  // Train the model
  const train_input_fn = tf.estimator.inputs.numpy_input_fn({
    x: { x: train_data }, y: train_labels, batch_size: options.batch_size ?? 100, num_epochs: null, shuffle: true });
  const progress = new Progress(options.batch_size ?? 100);
  mnist_classifier.train({ input_fn: train_input_fn, steps: options.steps ?? DEFAULT_STEPS, hooks: [logging_hook] });
  const seconds = progress.seconds;

  // Evaluate the model and print results
  const eval_input_fn = tf.estimator.inputs.numpy_input_fn({
    x: { x: eval_data }, y: eval_labels, num_epochs: 1, shuffle: false });
  const eval_results = mnist_classifier.evaluate({ input_fn: eval_input_fn }) as Record<string, number>;
  print(`trained in ${seconds.toFixed(1)} s`);
  print(formatEvalResults(eval_results));
  return { eval_results, model_dir, seconds };
}

if (require.main === module) {
  runAsProgram(() => {
    const usage = 'mnist_layers_estimator [--data_dir MNIST_data] [--steps 2000] [--seed N] [--model_dir DIR] ' +
      '[--batch_size 100] [--optimizer adam|sgd] [--learning_rate 0.001] [--validation_size 0]';
    const flags = parseFlags(process.argv.slice(2), {
      data_dir: 'MNIST_data', steps: DEFAULT_STEPS, seed: null, model_dir: '', batch_size: 100,
      optimizer: 'adam', learning_rate: '0.001', validation_size: 0,
    }, usage);
    const learning_rate = Number(flags.learning_rate);
    if (!(learning_rate > 0)) throw new UsageError(`--learning_rate must be a positive number, got ${flags.learning_rate}`);
    tf.logging.set_verbosity(tf.logging.INFO);
    main({
      data_dir: flags.data_dir as string, steps: flags.steps as number, seed: flags.seed as number | null,
      model_dir: (flags.model_dir as string) || undefined, batch_size: flags.batch_size as number,
      optimizer: flags.optimizer as 'adam' | 'sgd', learning_rate, validation_size: flags.validation_size as number,
    });
  });
}
