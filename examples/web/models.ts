/**
 * The demo's two models: the Deep MNIST CNN loaded from its SavedModel over HTTP
 * (tf.saved_model.loader.load_async), and softmax regression trained in the page. Each
 * has its own graph and session on the chosen backend ('' picks as Node does: gpu.js
 * only on real graphics hardware, else the CPU backend).
 */
import * as tf from '../../lib/browser';

const IMAGE_SIZE = 784;

export interface Digits { images: Float32Array; labels: Int32Array; count: number }

/** A slice written by tools/web_model.ts: N images of 784 bytes, then N label bytes. */
export async function fetchDigits(url: string): Promise<Digits> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Cannot fetch ${url}: HTTP ${response.status} (run npm run web:model)`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const count = bytes.length / (IMAGE_SIZE + 1);
  const images = new Float32Array(count * IMAGE_SIZE);
  for (let i = 0; i < images.length; i++) images[i] = bytes[i] / 255;
  return { images, labels: Int32Array.from(bytes.subarray(count * IMAGE_SIZE)), count };
}

const sessionConfig = (device: string) => ({ config: device ? { device } : {} });

export class CnnPredictor {
  private constructor(private readonly sess: tf.Session, private readonly x: string, private readonly keepProb: string,
    private readonly probabilities: string) {}

  static async load(device: string, modelUrl: string): Promise<CnnPredictor> {
    const graph = new tf.Graph();
    const sess = graph.as_default(() => tf.Session(sessionConfig(device)));
    const meta = await graph.as_default(() => tf.saved_model.loader.load_async(sess, [tf.saved_model.tag_constants.SERVING], modelUrl));
    const sig = meta.signature_def.predict;
    return new CnnPredictor(sess, sig.inputs.x.name, sig.inputs.keep_prob.name, sig.outputs.probabilities.name);
  }

  get device(): string { return this.sess.device; }

  /** Class probabilities of n images (n x 784 values). */
  predict(images: Float32Array): Float32Array {
    const n = images.length / IMAGE_SIZE;
    const out = this.sess.run(this.probabilities, {
      [this.x]: new tf.NDArray(images, [n, IMAGE_SIZE], 'float32'), [this.keepProb]: 1,
    }) as tf.NDArray;
    return out.data as Float32Array;
  }
}

export class SoftmaxTrainer {
  private readonly sess: tf.Session;
  private readonly x: tf.Tensor;
  private readonly labels: tf.Tensor;
  private readonly loss: tf.Tensor;
  private readonly accuracy: tf.Tensor;
  private readonly trainStep: tf.Operation;

  constructor(device: string) {
    const graph = new tf.Graph();
    [this.sess, this.x, this.labels, this.loss, this.accuracy, this.trainStep] = graph.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, IMAGE_SIZE], 'x');
      const labels = tf.placeholder(tf.int32, [null], 'labels');
      const W = tf.Variable(tf.zeros([IMAGE_SIZE, 10]));
      const b = tf.Variable(tf.zeros([10]));
      const logits = tf.add(tf.matmul(x, W), b);
      const loss = tf.losses.sparse_softmax_cross_entropy({ labels, logits });
      const trainStep = tf.train.GradientDescentOptimizer(0.5).minimize(loss);
      const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1, { output_type: tf.int32 }), labels), tf.float32));
      const sess = tf.Session(sessionConfig(device));
      sess.run(tf.global_variables_initializer());
      return [sess, x, labels, loss, accuracy, trainStep] as const;
    });
  }

  get device(): string { return this.sess.device; }

  /** One gradient-descent step on `batch` digits from `from` (wrapping); returns the batch's loss before the step. */
  step(digits: Digits, from: number, batch: number): number {
    const [x, y] = slice(digits, from, batch);
    const [, loss] = this.sess.run([this.trainStep, this.loss], new Map<tf.Tensor, tf.NDArray>([[this.x, x], [this.labels, y]]));
    return loss as number;
  }

  evaluate(digits: Digits): number {
    const [x, y] = slice(digits, 0, digits.count);
    return this.sess.run(this.accuracy, new Map<tf.Tensor, tf.NDArray>([[this.x, x], [this.labels, y]])) as number;
  }
}

function slice(d: Digits, from: number, n: number): [tf.NDArray, tf.NDArray] {
  const images = new Float32Array(n * IMAGE_SIZE), labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = (from + i) % d.count;
    images.set(d.images.subarray(k * IMAGE_SIZE, (k + 1) * IMAGE_SIZE), i * IMAGE_SIZE);
    labels[i] = d.labels[k];
  }
  return [new tf.NDArray(images, [n, IMAGE_SIZE], 'float32'), new tf.NDArray(labels, [n], 'int32')];
}
