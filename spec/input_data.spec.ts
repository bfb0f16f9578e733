import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gzipSync } from 'fflate';
import { spawn, ChildProcess } from 'child_process';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { DataLossError, InvalidArgumentError, NotFoundError, ValueError } from '../lib/framework/errors';
import { encodeIdxImages, encodeIdxLabels, parseIdxImages, parseIdxLabels } from '../lib/examples/mnist/idx';
import { gunzipChecked, writeGzipFile } from '../lib/examples/mnist/gzip_file';
import { DataSet } from '../lib/examples/mnist/dataset';
import { loadBundledDigits, prepareMnist, splitDigits } from '../tools/prepare_mnist';

const input_data = tf.examples.tutorials.mnist.input_data;
const UNREACHABLE_URL = 'http://127.0.0.1:9/'; // the discard port: connection refused at once

function tempDir(): string { return fs.mkdtempSync(path.join(os.tmpdir(), 'tg-mnist-')); }

/** Images whose every pixel is (index * 7 + pixel) % 256, so rows can be traced back to their example. */
function tracedImages(count: number, rows: number, cols: number): Uint8Array {
  const px = new Uint8Array(count * rows * cols);
  for (let i = 0; i < count; i++) for (let j = 0; j < rows * cols; j++) px[i * rows * cols + j] = (i * 7 + j) % 256;
  return px;
}

/** Writes a small MNIST-format folder: `train` and `test` examples of 2x2 pixels, label = index % 10. */
function writeTinyMnist(dir: string, train: number, test: number): void {
  const labels = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 10);
  writeGzipFile(path.join(dir, input_data.TRAIN_IMAGES), encodeIdxImages(tracedImages(train, 2, 2), train, 2, 2));
  writeGzipFile(path.join(dir, input_data.TRAIN_LABELS), encodeIdxLabels(labels(train)));
  writeGzipFile(path.join(dir, input_data.TEST_IMAGES), encodeIdxImages(tracedImages(test, 2, 2), test, 2, 2));
  writeGzipFile(path.join(dir, input_data.TEST_LABELS), encodeIdxLabels(labels(test)));
}

function quietly<T>(fn: () => T): T {
  const log = console.log;
  console.log = () => {};
  try { return fn(); } finally { console.log = log; }
}

describe('MNIST IDX files', () => {
  it('round-trips images and labels through the IDX encoding', () => {
    const px = tracedImages(3, 4, 5);
    const parsed = parseIdxImages(encodeIdxImages(px, 3, 4, 5), 'f');
    expect([parsed.count, parsed.rows, parsed.cols]).to.deep.equal([3, 4, 5]);
    expect(Array.from(parsed.pixels)).to.deep.equal(Array.from(px));
    expect(Array.from(parseIdxLabels(encodeIdxLabels(Uint8Array.from([7, 0, 9])), 'f'))).to.deep.equal([7, 0, 9]);
  });

  it('writes the header big-endian with the magic numbers 2051 and 2049', () => {
    const img = encodeIdxImages(new Uint8Array(2 * 28 * 28), 2, 28, 28);
    expect(Array.from(img.subarray(0, 16))).to.deep.equal([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28]);
    expect(Array.from(encodeIdxLabels(new Uint8Array(300)).subarray(0, 8))).to.deep.equal([0, 0, 8, 1, 0, 0, 1, 44]);
  });

  it('rejects a wrong magic number with a ValueError naming the file', () => {
    const labels = encodeIdxLabels(Uint8Array.from([1, 2]));
    expect(() => parseIdxImages(labels, 'x/labels.gz')).to.throw(ValueError, /Invalid magic number 2049 in MNIST image file: x\/labels\.gz/);
    const images = encodeIdxImages(new Uint8Array(4), 1, 2, 2);
    expect(() => parseIdxLabels(images, 'x/images.gz')).to.throw(ValueError, /Invalid magic number 2051 in MNIST label file: x\/images\.gz/);
  });

  it('rejects truncated headers, truncated data and trailing bytes with DataLossError', () => {
    const images = encodeIdxImages(tracedImages(2, 3, 3), 2, 3, 3);
    expect(() => parseIdxImages(images.subarray(0, 2), 'a.gz')).to.throw(DataLossError, /a\.gz is truncated/);
    expect(() => parseIdxImages(images.subarray(0, 12), 'a.gz')).to.throw(DataLossError, /a\.gz is truncated.*header/);
    expect(() => parseIdxImages(images.subarray(0, images.length - 1), 'a.gz'))
      .to.throw(DataLossError, /a\.gz is truncated: its header \(2 images of 3x3\) needs 34 bytes, the file has 33/);
    const longer = new Uint8Array(images.length + 5); longer.set(images);
    expect(() => parseIdxImages(longer, 'a.gz')).to.throw(DataLossError, /a\.gz does not match its header/);
    const labels = encodeIdxLabels(Uint8Array.from([1, 2, 3]));
    expect(() => parseIdxLabels(labels.subarray(0, 10), 'b.gz')).to.throw(DataLossError, /b\.gz is truncated: its header \(3 labels\)/);
  });

  it('detects gzip files that are not gzip, truncated or corrupt', () => {
    const data = tracedImages(50, 28, 28);
    const gz = gzipSync(data);
    expect(Array.from(gunzipChecked(gz, 'ok.gz'))).to.deep.equal(Array.from(data));
    expect(() => gunzipChecked(data, 'plain.gz')).to.throw(DataLossError, /plain\.gz is not a gzip file/);
    expect(() => gunzipChecked(gz.subarray(0, gz.length >> 1), 'half.gz')).to.throw(DataLossError, /half\.gz is a corrupt or truncated gzip file/);
    for (const at of [20, gz.length >> 1, gz.length - 6]) {
      const flipped = gz.slice(); flipped[at] ^= 0x10;
      expect(() => gunzipChecked(flipped, 'flip.gz')).to.throw(DataLossError, /flip\.gz is a corrupt or truncated gzip file/);
    }
  });
});

describe('input_data.read_data_sets', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir(); writeTinyMnist(dir, 30, 12); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('splits train into validation and train, scales images to [0, 1] as float32 and keeps labels dense int64', () => {
    const mnist = quietly(() => input_data.read_data_sets(dir, { validation_size: 10, seed: 1 }));
    expect(mnist.validation.num_examples).to.equal(10);
    expect(mnist.train.num_examples).to.equal(20);
    expect(mnist.test.num_examples).to.equal(12);
    expect(mnist.train.images.shape).to.deep.equal([20, 4]);
    expect(mnist.train.images.dtype).to.equal('float32');
    expect(mnist.train.labels.dtype).to.equal('int64');
    expect(mnist.train.labels.shape).to.deep.equal([20]);
    // train is the training file from example 10 on: example 10's pixels are 70..73.
    expect(Array.from(mnist.train.images.data.subarray(0, 4))).to.deep.equal([70, 71, 72, 73].map((v) => Math.fround(v * Math.fround(1 / 255))));
    expect(Array.from(mnist.train.labels.data.subarray(0, 3))).to.deep.equal([0, 1, 2]);
    expect(Array.from(mnist.validation.labels.data)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('gives one-hot float32 labels, uint8 images and unflattened images on request', () => {
    const mnist = quietly(() => input_data.read_data_sets(dir, { one_hot: true, dtype: 'uint8', reshape: false, validation_size: 0 }));
    expect(mnist.train.labels.shape).to.deep.equal([30, 10]);
    expect(mnist.train.labels.dtype).to.equal('float32');
    expect(Array.from(mnist.train.labels.data.subarray(30, 40))).to.deep.equal([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(mnist.train.images.dtype).to.equal('uint8');
    expect(mnist.train.images.shape).to.deep.equal([30, 2, 2, 1]);
    expect(Array.from(mnist.train.images.data.subarray(4, 8))).to.deep.equal([7, 8, 9, 10]);
  });

  it('prints "Extracting <file>" for each file as TF1 does', () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => { lines.push(a.join(' ')); };
    try { input_data.read_data_sets(dir, { validation_size: 0 }); } finally { console.log = log; }
    expect(lines).to.deep.equal([input_data.TRAIN_IMAGES, input_data.TRAIN_LABELS, input_data.TEST_IMAGES, input_data.TEST_LABELS]
      .map((f) => `Extracting ${path.join(dir, f)}`));
  });

  it('rejects a validation size outside [0, train size] and a bad dtype', () => {
    expect(() => quietly(() => input_data.read_data_sets(dir, { validation_size: 31 })))
      .to.throw(ValueError, 'Validation size should be between 0 and 30. Received: 31.');
    // The default of 5000 exceeds this tiny set: the TF1 error, not a silent empty train set.
    expect(() => quietly(() => input_data.read_data_sets(dir))).to.throw(ValueError, /Received: 5000/);
    expect(() => input_data.read_data_sets(dir, { dtype: 'int32' })).to.throw(TypeError, /Invalid image dtype "int32", expected uint8 or float32/);
  });

  it('names both files when images and labels differ in number', () => {
    writeGzipFile(path.join(dir, input_data.TEST_LABELS), encodeIdxLabels(new Uint8Array(11)));
    expect(() => quietly(() => input_data.read_data_sets(dir, { validation_size: 0 })))
      .to.throw(ValueError, /t10k-images-idx3-ubyte\.gz holds 12 images but .*t10k-labels-idx1-ubyte\.gz holds 11 labels/);
  });

  it('names the file for corrupt, truncated and wrong-magic files', () => {
    const file = path.join(dir, input_data.TRAIN_IMAGES);
    const good = fs.readFileSync(file);
    fs.writeFileSync(file, good.subarray(0, good.length - 9));
    expect(() => quietly(() => input_data.read_data_sets(dir, { validation_size: 0 }))).to.throw(DataLossError, new RegExp(`${file.replace(/[.]/g, '\\.')} is a corrupt or truncated gzip file`));
    fs.writeFileSync(file, 'not gzip at all, perhaps an HTML error page');
    expect(() => quietly(() => input_data.read_data_sets(dir, { validation_size: 0 }))).to.throw(DataLossError, /train-images-idx3-ubyte\.gz is not a gzip file/);
    writeGzipFile(file, encodeIdxLabels(new Uint8Array(3)));
    expect(() => quietly(() => input_data.read_data_sets(dir, { validation_size: 0 }))).to.throw(ValueError, /Invalid magic number 2049 in MNIST image file: .*train-images-idx3-ubyte\.gz/);
  });

  it('rejects labels that are not class ids when making one-hot vectors', () => {
    writeGzipFile(path.join(dir, input_data.TRAIN_LABELS), encodeIdxLabels(Uint8Array.from({ length: 30 }, (_, i) => (i === 4 ? 12 : 0))));
    expect(() => quietly(() => input_data.read_data_sets(dir, { one_hot: true, validation_size: 0 })))
      .to.throw(InvalidArgumentError, /Label 12 at index 4 of .*train-labels-idx1-ubyte\.gz is not a class id in \[0, 10\)/);
  });

  it('tries the download for a missing file and, offline, says how to prepare the data', () => {
    const empty = tempDir();
    try {
      expect(() => input_data.read_data_sets(path.join(empty, 'MNIST_data'), { source_url: UNREACHABLE_URL }))
        .to.throw(NotFoundError, /MNIST file .*MNIST_data\/train-images-idx3-ubyte\.gz is missing and downloading it from http:\/\/127\.0\.0\.1:9\/train-images-idx3-ubyte\.gz failed \(.*ECONNREFUSED.*\)\. .*tools\/prepare_mnist\.ts .*MNIST_data/);
      // A failed download leaves no partial file behind.
      expect(fs.readdirSync(path.join(empty, 'MNIST_data'))).to.deep.equal([]);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('hands out a fake batch from a real data set when next_batch is asked for fake_data', () => {
    const mnist = quietly(() => input_data.read_data_sets(dir, { one_hot: true, validation_size: 0 }));
    const [xs, ys] = mnist.train.next_batch(2, true);
    expect(xs.shape).to.deep.equal([2, 784]);
    expect(Array.from(xs.data).every((v) => v === 1)).to.equal(true);
    expect(ys.toArray()).to.deep.equal([[1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]]);
    // The real batches are untouched by it.
    expect(mnist.train.next_batch(3, false, false)[0].shape).to.deep.equal([3, 4]);
  });

  it('downloads missing files from source_url (following a redirect), then reads them', async function () {
    this.timeout(30000);
    // The server runs in another process: read_data_sets blocks this one while it downloads.
    const serverScript = `
      const http = require('http'), fs = require('fs'), path = require('path');
      const dir = process.argv[1];
      const server = http.createServer((req, res) => {
        if (req.url.startsWith('/moved/')) { res.writeHead(302, { location: '/files/' + req.url.slice(7) }); return res.end(); }
        const file = path.join(dir, path.basename(req.url));
        if (!req.url.startsWith('/files/') || !fs.existsSync(file)) { res.writeHead(404); return res.end(); }
        res.writeHead(200); res.end(fs.readFileSync(file));
      });
      server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
    const server: ChildProcess = spawn(process.execPath, ['-e', serverScript, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const target = tempDir();
    try {
      const port = await new Promise<string>((resolve, reject) => {
        server.stdout!.once('data', (d) => resolve(String(d).trim()));
        server.once('exit', (code) => reject(new Error(`test server exited with ${code}`)));
      });
      const lines: string[] = [];
      const log = console.log;
      console.log = (...a: unknown[]) => { lines.push(a.join(' ')); };
      let mnist;
      try {
        mnist = input_data.read_data_sets(path.join(target, 'MNIST_data'), { source_url: `http://127.0.0.1:${port}/moved/`, validation_size: 10 });
      } finally { console.log = log; }
      expect(mnist.train.num_examples).to.equal(20);
      expect(lines[0]).to.match(/^Successfully downloaded train-images-idx3-ubyte\.gz \d+ bytes\.$/);
      expect(fs.readdirSync(path.join(target, 'MNIST_data')).sort()).to.deep.equal(
        [input_data.TEST_IMAGES, input_data.TEST_LABELS, input_data.TRAIN_IMAGES, input_data.TRAIN_LABELS].sort());
      expect(() => input_data.read_data_sets(path.join(target, 'other'), { source_url: `http://127.0.0.1:${port}/nothing/` }))
        .to.throw(NotFoundError, /downloading it from http:\/\/127\.0\.0\.1:\d+\/nothing\/train-images-idx3-ubyte\.gz failed \(HTTP 404\)/);
    } finally {
      server.kill();
      fs.rmSync(target, { recursive: true, force: true });
    }
  });

  it('returns fake data sets of 10,000 all-ones images with fake_data', () => {
    const mnist = input_data.read_data_sets('', { fake_data: true, one_hot: true });
    expect(mnist.train.num_examples).to.equal(10000);
    const [xs, ys] = mnist.train.next_batch(3);
    expect(xs.shape).to.deep.equal([3, 784]);
    expect(Array.from(xs.data).every((v) => v === 1)).to.equal(true);
    expect(ys.toArray()).to.deep.equal([0, 1, 2].map(() => [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const [, dense] = input_data.read_data_sets('', { fake_data: true }).test.next_batch(2);
    expect(dense.dtype).to.equal('int64');
    expect(Array.from(dense.data)).to.deep.equal([0, 0]);
  });
});

describe('DataSet.next_batch', () => {
  /** A data set of n examples whose label is the example index and whose pixels are index-traced. */
  function indexed(n: number, seed?: number): DataSet {
    const images = new NDArray(tracedImages(n, 1, 3), [n, 1, 3, 1], 'uint8');
    const labels = new NDArray(Float64Array.from({ length: n }, (_, i) => i), [n], 'int64');
    return new DataSet(images, labels, { dtype: 'uint8', seed });
  }
  const ids = (labels: NDArray) => Array.from(labels.data);

  it('without shuffling goes in order and completes a batch that crosses the epoch from the next epoch', () => {
    const ds = indexed(10);
    expect(ids(ds.next_batch(4, false, false)[1])).to.deep.equal([0, 1, 2, 3]);
    expect(ids(ds.next_batch(4, false, false)[1])).to.deep.equal([4, 5, 6, 7]);
    expect(ds.epochs_completed).to.equal(0);
    expect(ids(ds.next_batch(4, false, false)[1])).to.deep.equal([8, 9, 0, 1]);
    expect(ds.epochs_completed).to.equal(1);
    expect(ids(ds.next_batch(4, false, false)[1])).to.deep.equal([2, 3, 4, 5]);
  });

  it('counts an epoch that ends exactly on a batch boundary at the next call, as TF1 does', () => {
    const ds = indexed(8);
    ds.next_batch(4, false, false); ds.next_batch(4, false, false);
    expect(ds.epochs_completed).to.equal(0);
    expect(ids(ds.next_batch(4, false, false)[1])).to.deep.equal([0, 1, 2, 3]);
    expect(ds.epochs_completed).to.equal(1);
  });

  it('keeps each image with its label through shuffling', () => {
    const ds = indexed(25, 3);
    for (let b = 0; b < 10; b++) {
      const [xs, ys] = ds.next_batch(7);
      expect(xs.shape).to.deep.equal([7, 3]);
      ids(ys).forEach((id, r) => expect(Array.from(xs.data.subarray(r * 3, r * 3 + 3))).to.deep.equal([0, 1, 2].map((j) => (id * 7 + j) % 256)));
    }
  });

  it('shuffles the first epoch too and visits every example once per epoch', () => {
    const ds = indexed(30, 7);
    const firstEpoch = [...ids(ds.next_batch(12)[1]), ...ids(ds.next_batch(12)[1])];
    const crossing = ids(ds.next_batch(12)[1]);
    firstEpoch.push(...crossing.slice(0, 6));
    expect(ds.epochs_completed).to.equal(1);
    expect([...firstEpoch].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 30 }, (_, i) => i));
    expect(firstEpoch).to.not.deep.equal(Array.from({ length: 30 }, (_, i) => i));
    const secondEpoch = [...crossing.slice(6), ...ids(ds.next_batch(12)[1]), ...ids(ds.next_batch(12)[1])];
    expect([...secondEpoch].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 30 }, (_, i) => i));
    expect(secondEpoch).to.not.deep.equal(firstEpoch);
  });

  it('repeats its batches for the same seed and differs for another seed', () => {
    const run = (seed: number) => { const ds = indexed(50, seed); return Array.from({ length: 8 }, () => ids(ds.next_batch(16)[1])); };
    expect(run(11)).to.deep.equal(run(11));
    expect(run(11)).to.not.deep.equal(run(12));
  });

  it('rejects bad batch sizes naming the value', () => {
    const ds = indexed(5);
    expect(() => ds.next_batch(0)).to.throw(InvalidArgumentError, /batch_size must be a positive integer, got 0/);
    expect(() => ds.next_batch(2.5)).to.throw(InvalidArgumentError, /got 2\.5/);
  });

  it('wraps a batch larger than the data set into the next epochs, in order without shuffling', () => {
    const ds = indexed(5);
    expect(ids(ds.next_batch(6, false, false)[1])).to.deep.equal([0, 1, 2, 3, 4, 0]);
    expect(ds.epochs_completed).to.equal(1);
    const [xs, ys] = ds.next_batch(12, false, false);
    expect(ids(ys)).to.deep.equal([1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2]);
    expect(xs.shape).to.deep.equal([12, 3]);
    expect(Array.from(xs.data.subarray(9 * 3, 10 * 3))).to.deep.equal([0, 1, 2]); // image 0 with label 0
    expect(ds.epochs_completed).to.equal(3);
    expect(ids(ds.next_batch(2, false, false)[1])).to.deep.equal([3, 4]);
    expect(ds.epochs_completed).to.equal(3);
  });

  it('wraps a batch larger than the data set with shuffling: each epoch a permutation, images with their labels', () => {
    const ds = indexed(5, 4);
    const [xs, ys] = ds.next_batch(13);
    const batch = ids(ys);
    expect(batch).to.have.length(13);
    const sorted = (a: number[]) => [...a].sort((p, q) => p - q);
    expect(sorted(batch.slice(0, 5))).to.deep.equal([0, 1, 2, 3, 4]);
    expect(sorted(batch.slice(5, 10))).to.deep.equal([0, 1, 2, 3, 4]);
    expect(ds.epochs_completed).to.equal(2);
    const rest = [...batch.slice(10), ...ids(ds.next_batch(2)[1])];
    expect(sorted(rest)).to.deep.equal([0, 1, 2, 3, 4]);
    batch.forEach((id, r) => expect(Array.from(xs.data.subarray(r * 3, r * 3 + 3))).to.deep.equal([0, 1, 2].map((j) => (id * 7 + j) % 256)));
    const epochs = [batch.slice(0, 5), batch.slice(5, 10)];
    const again = indexed(5, 4).next_batch(13)[1];
    expect(ids(again)).to.deep.equal(batch);
    expect(epochs[0]).to.not.deep.equal(epochs[1]); // reshuffled between epochs (this seed)
  });

  it('refuses a batch from a data set with no examples instead of looping', () => {
    const ds = new DataSet(new NDArray(new Uint8Array(0), [0, 1, 3, 1], 'uint8'), NDArray.zeros([0], 'int64'), { dtype: 'uint8' });
    expect(() => ds.next_batch(1)).to.throw(InvalidArgumentError, /next_batch: the data set has no examples/);
  });

  it('rejects images and labels of different lengths', () => {
    const images = new NDArray(new Uint8Array(12), [3, 2, 2, 1], 'uint8');
    expect(() => new DataSet(images, NDArray.zeros([2], 'int64'))).to.throw(ValueError, /images\.shape: \(3, 2, 2, 1\) labels\.shape: \(2,\)/);
  });
});

describe('tools/prepare_mnist', function () {
  this.timeout(60000);
  let dir: string;
  let byDigit: ReturnType<typeof loadBundledDigits>;
  before(() => {
    dir = tempDir();
    prepareMnist(dir, { log: () => {} });
    byDigit = loadBundledDigits();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('splits each digit 85% train / 15% test at random (seeded) and keeps every bundled digit', () => {
    expect(byDigit.reduce((n, d) => n + d.length, 0)).to.equal(10000);
    const { train, test } = splitDigits(byDigit, 0.85);
    for (let d = 0; d < 10; d++) {
      expect(train.filter((e) => e.label === d).length).to.equal(Math.floor(byDigit[d].length * 0.85));
      expect(test.filter((e) => e.label === d).length).to.equal(byDigit[d].length - Math.floor(byDigit[d].length * 0.85));
    }
    expect([train.length, test.length]).to.deep.equal([8495, 1505]);
    // Not the package's first 85% of each digit: its last images are harder, and would all be test images.
    const firstOfDigit = new Set(byDigit.map((d) => d.slice(0, Math.floor(d.length * 0.85))).flat());
    expect(train.filter((e) => !firstOfDigit.has(e)).length).to.be.above(500);
    expect(splitDigits(byDigit, 0.85).train.map((e) => e.pixels)).to.deep.equal(train.map((e) => e.pixels));
  });

  it('writes files read_data_sets reads: 3,495 train, 5,000 validation, 1,505 test, digits mixed', () => {
    const mnist = quietly(() => input_data.read_data_sets(dir, { one_hot: false }));
    expect([mnist.train.num_examples, mnist.validation.num_examples, mnist.test.num_examples]).to.deep.equal([3495, 5000, 1505]);
    expect(mnist.train.images.shape).to.deep.equal([3495, 784]);
    const counts = new Array(10).fill(0);
    for (const l of mnist.validation.labels.data) counts[l]++;
    // Shuffled before the validation split: every digit is in it, roughly a tenth each.
    for (const c of counts) expect(c).to.be.within(350, 650);
  });

  it('stores the bundled pixel values exactly (value = byte / 255 to 3 decimals)', () => {
    const mnist = quietly(() => input_data.read_data_sets(dir, { dtype: 'uint8', validation_size: 0 }));
    const firstZero = byDigit[0][0].pixels;
    const json = JSON.parse(fs.readFileSync(require.resolve('mnist/src/digits/0.json'), 'utf8')).data as number[];
    for (let j = 0; j < 784; j++) expect(Math.abs(firstZero[j] / 255 - json[j])).to.be.below(0.0005 + 1e-9);
    // That image is in the training or the test file.
    let found = false;
    for (const set of [mnist.train, mnist.test]) {
      const imgs = set.images.data;
      for (let i = 0; i < set.num_examples && !found; i++) found = firstZero.every((v, j) => imgs[i * 784 + j] === v);
    }
    expect(found).to.equal(true);
  });

  it('leaves a complete folder alone, refuses a partial one, and rewrites with force', () => {
    const before = fs.readFileSync(path.join(dir, input_data.TRAIN_LABELS));
    expect(prepareMnist(dir, { log: () => {} }).written).to.equal(false);
    const partial = tempDir();
    try {
      fs.writeFileSync(path.join(partial, input_data.TEST_LABELS), 'x');
      expect(() => prepareMnist(partial, { log: () => {} })).to.throw(/holds only some of the MNIST files \(t10k-labels-idx1-ubyte\.gz\)/);
    } finally { fs.rmSync(partial, { recursive: true, force: true }); }
    expect(prepareMnist(dir, { force: true, log: () => {} }).written).to.equal(true);
    expect(fs.readFileSync(path.join(dir, input_data.TRAIN_LABELS)).equals(before)).to.equal(true);
  });
});
