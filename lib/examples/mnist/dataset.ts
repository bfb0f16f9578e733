/**
 * TF1's mnist DataSet (tensorflow/contrib/learn/python/learn/datasets/mnist.py, 1.4+):
 * images and labels in memory, handed out in shuffled mini-batches.
 */
import { NDArray, formatShape } from '../../framework/ndarray';
import { DType, TypedArray, typedArrayFor } from '../../framework/dtypes';
import { InvalidArgumentError, ValueError } from '../../framework/errors';
import { Xoshiro128 } from '../../framework/random';

export type ImageDType = 'float32' | 'uint8';

export interface DataSetOptions {
  /** A stand-in data set of 10,000 all-ones images (for tests of training scripts). */
  fake_data?: boolean;
  /** Used only with fake_data: the shape of the fake labels. */
  one_hot?: boolean;
  /** 'float32' scales pixels to [0, 1]; 'uint8' keeps 0..255. */
  dtype?: ImageDType | string;
  /** Flatten [N, rows, cols, 1] images to [N, rows * cols] (default true). */
  reshape?: boolean;
  /** Seeds the shuffling; without one every run shuffles differently, as TF1 does. */
  seed?: number | null;
}

const FAKE_NUM_EXAMPLES = 10000;
const FAKE_IMAGE_SIZE = 784;
const NUM_CLASSES = 10;

export function checkImageDType(dtype: unknown): ImageDType {
  if (dtype === 'float32' || dtype === 'float' || dtype === undefined) return 'float32';
  if (dtype === 'uint8') return 'uint8';
  throw new TypeError(`Invalid image dtype ${JSON.stringify(dtype)}, expected uint8 or float32`);
}

function newStream(seed: number | null | undefined): Xoshiro128 {
  if (seed === null || seed === undefined) {
    return new Xoshiro128((Math.random() * 2 ** 32) >>> 0, (Math.random() * 2 ** 32) >>> 0);
  }
  if (!Number.isInteger(seed)) throw new ValueError(`DataSet seed must be an integer, got ${seed}`);
  return new Xoshiro128(seed, 0x6d6e6973 /* "mnis": keeps these streams apart from op seeds */);
}

/** Fisher-Yates over an index permutation. */
function shuffleInPlace(order: Int32Array, rng: Xoshiro128): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = order[i]; order[i] = order[j]; order[j] = t;
  }
}

function toImageArray(images: NDArray, dtype: ImageDType, reshape: boolean): NDArray {
  let shape = images.shape;
  if (reshape && shape.length === 4) {
    if (shape[3] !== 1) throw new ValueError(`DataSet images must have depth 1 to be reshaped, got shape ${formatShape(shape)}`);
    shape = [shape[0], shape[1] * shape[2]];
  } else if (shape.length !== 2 && shape.length !== 4) {
    throw new ValueError(`DataSet images must be [N, rows, cols, 1] or [N, pixels], got shape ${formatShape(shape)}`);
  }
  if (dtype === 'uint8') return images.reshape(shape);
  // float32(x) * float32(1/255) rounded to float32 is exactly NumPy's float32 multiply.
  const scale = Math.fround(1 / 255);
  const out = new Float32Array(images.size);
  const src = images.data;
  for (let i = 0; i < out.length; i++) out[i] = src[i] * scale;
  return new NDArray(out, shape, 'float32');
}

/** Copies rows order[from..to) of `src` into `dst` starting at row `at`. */
function gatherRows(src: NDArray, order: Int32Array, from: number, to: number, dst: TypedArray, at: number): void {
  const rowSize = src.shape.length === 0 ? 1 : src.size / src.shape[0];
  const data = src.data;
  if (rowSize === 1) {
    for (let i = from; i < to; i++) dst[at++] = data[order[i]];
    return;
  }
  for (let i = from; i < to; i++, at++) {
    const r = order[i] * rowSize;
    dst.set(data.subarray(r, r + rowSize), at * rowSize);
  }
}

export class DataSet {
  private readonly _images: NDArray;
  private readonly _labels: NDArray;
  private readonly _num_examples: number;
  private readonly order: Int32Array;
  private readonly rng: Xoshiro128;
  private readonly fake: boolean;
  private _epochs_completed = 0;
  private _index_in_epoch = 0;
  readonly dtype: ImageDType;
  readonly one_hot: boolean;

  /**
   * `images`: uint8 [N, rows, cols, 1] as extract_images gives (or [N, pixels]);
   * `labels`: dense [N] or one-hot [N, classes]. Both ignored (may be null) with fake_data.
   */
  constructor(images: NDArray | null, labels: NDArray | null, options: DataSetOptions = {}) {
    this.dtype = checkImageDType(options.dtype);
    this.rng = newStream(options.seed);
    this.fake = !!options.fake_data;
    if (this.fake) {
      this.one_hot = !!options.one_hot;
      this._num_examples = FAKE_NUM_EXAMPLES;
      this._images = new NDArray(typedArrayFor(this.dtype, 0), [0, FAKE_IMAGE_SIZE], this.dtype);
      this._labels = this.one_hot ? NDArray.zeros([0, NUM_CLASSES], 'float32') : NDArray.zeros([0], 'int64');
    } else {
      if (!(images instanceof NDArray) || !(labels instanceof NDArray)) {
        throw new ValueError('DataSet needs images and labels as NDArrays (or fake_data: true)');
      }
      if (images.rank === 0 || labels.rank === 0 || images.shape[0] !== labels.shape[0]) {
        throw new ValueError(`DataSet images and labels differ in number: images.shape: ${formatShape(images.shape)} labels.shape: ${formatShape(labels.shape)}`);
      }
      this._images = toImageArray(images, this.dtype, options.reshape ?? true);
      this._labels = labels;
      this._num_examples = images.shape[0];
      this.one_hot = labels.rank === 2;
    }
    this.order = new Int32Array(this.fake ? 0 : this._num_examples);
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
  }

  /** All images, in the order they were given (shuffling only changes the batches' order). */
  get images(): NDArray { return this._images; }
  get labels(): NDArray { return this._labels; }
  get num_examples(): number { return this._num_examples; }
  get epochs_completed(): number { return this._epochs_completed; }

  /**
   * The next `batch_size` examples as [images, labels]. As in TF 1.4+: with
   * `shuffle` the first epoch is shuffled too, and a batch that reaches the end of
   * an epoch takes the rest of that epoch followed by the start of the next
   * (reshuffled) one, so every batch is full and no example is skipped. A batch larger
   * than the data set runs on through as many epochs as it needs, each reshuffled
   * (TF1's code here returns a batch cut short at the end of the second epoch).
   */
  next_batch(batch_size: number, fake_data = false, shuffle = true): [NDArray, NDArray] {
    if (!Number.isInteger(batch_size) || batch_size < 1) {
      throw new InvalidArgumentError(`next_batch: batch_size must be a positive integer, got ${batch_size}`);
    }
    if (fake_data || this.fake) return this.fakeBatch(batch_size);
    const n = this._num_examples;
    if (n === 0) throw new InvalidArgumentError('next_batch: the data set has no examples');
    const images = typedArrayFor(this._images.dtype, batch_size * this.rowSize(this._images));
    const labels = typedArrayFor(this._labels.dtype, batch_size * this.rowSize(this._labels));
    let start = this._index_in_epoch;
    if (this._epochs_completed === 0 && start === 0 && shuffle) shuffleInPlace(this.order, this.rng);
    let filled = 0;
    while (start + (batch_size - filled) > n) {
      // Finish this epoch, then start the next one (reshuffled).
      this._epochs_completed++;
      gatherRows(this._images, this.order, start, n, images, filled);
      gatherRows(this._labels, this.order, start, n, labels, filled);
      filled += n - start;
      if (shuffle) shuffleInPlace(this.order, this.rng);
      start = 0;
    }
    this._index_in_epoch = start + (batch_size - filled);
    gatherRows(this._images, this.order, start, this._index_in_epoch, images, filled);
    gatherRows(this._labels, this.order, start, this._index_in_epoch, labels, filled);
    return [this.batchArray(this._images, images, batch_size), this.batchArray(this._labels, labels, batch_size)];
  }

  private rowSize(a: NDArray): number { return a.shape.slice(1).reduce((p, d) => p * d, 1); }

  private batchArray(like: NDArray, data: TypedArray, batchSize: number): NDArray {
    return new NDArray(data, [batchSize, ...like.shape.slice(1)], like.dtype);
  }

  /** TF1's fake batch: all-ones images, every label 0. */
  private fakeBatch(batchSize: number): [NDArray, NDArray] {
    const images = typedArrayFor(this.dtype, batchSize * FAKE_IMAGE_SIZE).fill(1);
    const oneHot = this.fake ? this.one_hot : this._labels.rank === 2;
    let labels: NDArray;
    if (oneHot) {
      labels = NDArray.zeros([batchSize, NUM_CLASSES], 'float32');
      for (let i = 0; i < batchSize; i++) labels.data[i * NUM_CLASSES] = 1;
    } else {
      labels = NDArray.zeros([batchSize], 'int64');
    }
    return [new NDArray(images, [batchSize, FAKE_IMAGE_SIZE], this.dtype as DType), labels];
  }
}
