/**
 * tf.examples.tutorials.mnist.input_data: reads the four standard MNIST files
 * (downloading them when missing) into train / validation / test DataSets.
 *
 *   const mnist = tf.examples.tutorials.mnist.input_data.read_data_sets('MNIST_data', {one_hot: true});
 *   const [batch_xs, batch_ys] = mnist.train.next_batch(100);
 *
 * Images are float32 [N, 784] in [0, 1] (uint8 0..255 with dtype 'uint8'); labels are
 * int64 [N] class ids, or float32 [N, 10] one-hot vectors with one_hot.
 */
import { NDArray } from '../framework/ndarray';
import { ValueError, InvalidArgumentError } from '../framework/errors';
import { parseIdxImages, parseIdxLabels } from './mnist/idx';
import { readGzipFile } from './mnist/gzip_file';
import { maybe_download, DEFAULT_SOURCE_URL } from './mnist/download';
import { DataSet, ImageDType, checkImageDType } from './mnist/dataset';

export { DataSet, maybe_download, DEFAULT_SOURCE_URL };
export type { DataSetOptions, ImageDType } from './mnist/dataset';

export const TRAIN_IMAGES = 'train-images-idx3-ubyte.gz';
export const TRAIN_LABELS = 'train-labels-idx1-ubyte.gz';
export const TEST_IMAGES = 't10k-images-idx3-ubyte.gz';
export const TEST_LABELS = 't10k-labels-idx1-ubyte.gz';
export const VALIDATION_SIZE = 5000;

export interface Datasets { train: DataSet; validation: DataSet; test: DataSet }

export interface ReadDataSetsOptions {
  fake_data?: boolean;
  one_hot?: boolean;
  dtype?: ImageDType | string;
  reshape?: boolean;
  /** How many of the first training examples become the validation set (TF1: 5000). */
  validation_size?: number;
  seed?: number | null;
  /** Where missing files are downloaded from (TF1's source_url). */
  source_url?: string;
  /** Print "Extracting <file>" as TF1 does (default true). */
  verbose?: boolean;
}

/** Reads an idx3 .gz file into a uint8 NDArray [N, rows, cols, 1]. */
export function extract_images(file: string, verbose = true): NDArray {
  if (verbose) console.log('Extracting', file);
  const { count, rows, cols, pixels } = parseIdxImages(readGzipFile(file), file);
  return new NDArray(pixels, [count, rows, cols, 1], 'uint8');
}

/** Converts class ids to one-hot float32 rows; `source` names the labels in errors. */
export function dense_to_one_hot(labels_dense: NDArray, num_classes = 10, source = 'labels'): NDArray {
  const n = labels_dense.size;
  const out = new Float32Array(n * num_classes);
  for (let i = 0; i < n; i++) {
    const c = labels_dense.data[i];
    if (!(Number.isInteger(c) && c >= 0 && c < num_classes)) {
      throw new InvalidArgumentError(`Label ${c} at index ${i} of ${source} is not a class id in [0, ${num_classes})`);
    }
    out[i * num_classes + c] = 1;
  }
  return new NDArray(out, [n, num_classes], 'float32');
}

/** Reads an idx1 .gz file: int64 [N] class ids, or float32 [N, num_classes] with one_hot. */
export function extract_labels(file: string, one_hot = false, num_classes = 10, verbose = true): NDArray {
  if (verbose) console.log('Extracting', file);
  const bytes = parseIdxLabels(readGzipFile(file), file);
  const dense = new NDArray(Float64Array.from(bytes), [bytes.length], 'int64');
  return one_hot ? dense_to_one_hot(dense, num_classes, file) : dense;
}

function firstRows(a: NDArray, from: number, to: number): NDArray {
  const rowSize = a.size / a.shape[0];
  return new NDArray(a.data.slice(from * rowSize, to * rowSize), [to - from, ...a.shape.slice(1)], a.dtype);
}

function checkSameCount(images: NDArray, labels: NDArray, imagesFile: string, labelsFile: string): void {
  if (images.shape[0] !== labels.shape[0]) {
    throw new ValueError(`${imagesFile} holds ${images.shape[0]} images but ${labelsFile} holds ${labels.shape[0]} labels`);
  }
}

/** TF1's read_data_sets(train_dir, fake_data, one_hot, dtype, reshape, validation_size, seed, source_url). */
export function read_data_sets(train_dir: string, options: ReadDataSetsOptions = {}): Datasets {
  const dtype = checkImageDType(options.dtype);
  const one_hot = !!options.one_hot;
  const seed = options.seed;
  if (options.fake_data) {
    const fake = () => new DataSet(null, null, { fake_data: true, one_hot, dtype, seed });
    return { train: fake(), validation: fake(), test: fake() };
  }
  const sourceUrl = options.source_url || DEFAULT_SOURCE_URL;
  const verbose = options.verbose ?? true;
  const load = (name: string) => maybe_download(name, train_dir, sourceUrl);

  const trainImagesFile = load(TRAIN_IMAGES), trainLabelsFile = load(TRAIN_LABELS);
  const testImagesFile = load(TEST_IMAGES), testLabelsFile = load(TEST_LABELS);
  const trainImages = extract_images(trainImagesFile, verbose);
  const trainLabels = extract_labels(trainLabelsFile, one_hot, 10, verbose);
  const testImages = extract_images(testImagesFile, verbose);
  const testLabels = extract_labels(testLabelsFile, one_hot, 10, verbose);
  checkSameCount(trainImages, trainLabels, trainImagesFile, trainLabelsFile);
  checkSameCount(testImages, testLabels, testImagesFile, testLabelsFile);

  const validationSize = options.validation_size ?? VALIDATION_SIZE;
  const numTrain = trainImages.shape[0];
  if (!(Number.isInteger(validationSize) && validationSize >= 0 && validationSize <= numTrain)) {
    throw new ValueError(`Validation size should be between 0 and ${numTrain}. Received: ${validationSize}.`);
  }
  const dataSetOptions = { dtype, reshape: options.reshape ?? true, seed };
  const validation = new DataSet(firstRows(trainImages, 0, validationSize), firstRows(trainLabels, 0, validationSize), dataSetOptions);
  const train = new DataSet(firstRows(trainImages, validationSize, numTrain), firstRows(trainLabels, validationSize, numTrain), dataSetOptions);
  const test = new DataSet(testImages, testLabels, dataSetOptions);
  return { train, validation, test };
}
