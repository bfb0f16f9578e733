import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { readGzipFile, writeGzipFile } from '../lib/examples/mnist/gzip_file';
import { encodeIdxImages, encodeIdxLabels, parseIdxImages, parseIdxLabels } from '../lib/examples/mnist/idx';
import { TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES, TRAIN_LABELS } from '../lib/examples/input_data';
import { prepareMnist } from '../tools/prepare_mnist';
import { formatG, parseFlags, UsageError } from '../examples/cli';
import * as tf from '../lib/index';
import * as mnist_softmax from '../examples/mnist_softmax';
import * as mnist_deep from '../examples/mnist_deep';
import * as mnist_saved_model from '../examples/mnist_saved_model';
import * as mnist_layers_estimator from '../examples/mnist_layers_estimator';
import { captureStderr } from './helpers/capture_stderr';
import * as mnist_lstm from '../examples/mnist_lstm';

function tempDir(): string { return fs.mkdtempSync(path.join(os.tmpdir(), 'tg-examples-')); }

/**
 * A smaller MNIST folder cut from the bundled one, for the CNN's short run: the 5,000
 * validation images plus `train` training images, and the first `test` test images.
 */
function cutMnist(from: string, to: string, train: number, test: number): void {
  fs.mkdirSync(to, { recursive: true });
  const cut = (imagesFile: string, labelsFile: string, n: number) => {
    const img = parseIdxImages(readGzipFile(path.join(from, imagesFile)), imagesFile);
    const labels = parseIdxLabels(readGzipFile(path.join(from, labelsFile)), labelsFile);
    writeGzipFile(path.join(to, imagesFile), encodeIdxImages(img.pixels.subarray(0, n * 784), n, 28, 28));
    writeGzipFile(path.join(to, labelsFile), encodeIdxLabels(labels.subarray(0, n)));
  };
  cut(TRAIN_IMAGES, TRAIN_LABELS, 5000 + train);
  cut(TEST_IMAGES, TEST_LABELS, test);
}

describe('MNIST examples, end to end on the bundled digits', function () {
  this.timeout(180000);
  let dir: string;
  let dataDir: string;
  const logLevel = process.env.TENSORGRAPH_LOG_LEVEL;
  before(() => {
    process.env.TENSORGRAPH_LOG_LEVEL = 'WARN'; // no INFO lines from saving and loading
    dir = tempDir();
    dataDir = path.join(dir, 'MNIST_data');
    prepareMnist(dataDir, { log: () => {} });
  });
  after(() => {
    if (logLevel === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL; else process.env.TENSORGRAPH_LOG_LEVEL = logLevel;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('mnist_softmax: the full 1000 steps reach the documented ~0.89 test accuracy and print it', () => {
    const lines: string[] = [];
    const result = mnist_softmax.main({ data_dir: dataDir, seed: 1, log: (l) => lines.push(l) });
    expect(result.steps).to.equal(1000);
    expect(result.accuracy).to.be.within(0.86, 0.92);
    expect(lines[lines.length - 1]).to.equal(tf.numpy_like.str(result.accuracy));
    expect(lines[lines.length - 1]).to.match(/^0\.\d{1,8}$/); // float32's shortest digits, not the double's
    expect(lines.filter((l) => /^step \d+\/1000: [\d.]+ s, [\d,]+ examples\/s$/.test(l))).to.have.length(10);
  });

  it('mnist_softmax: the same seed gives the same accuracy', () => {
    const a = mnist_softmax.main({ data_dir: dataDir, seed: 7, steps: 200, quiet: true });
    const b = mnist_softmax.main({ data_dir: dataDir, seed: 7, steps: 200, quiet: true });
    expect(a.accuracy).to.equal(b.accuracy);
  });

  it('mnist_saved_model: trains, saves version 1 then 2, reloads in a fresh graph and predicts [5 4 2]', () => {
    const lines: string[] = [];
    const exportBase = path.join(dir, 'models', 'mnist');
    const result = mnist_saved_model.main({ data_dir: dataDir, export_base: exportBase, seed: 1, log: (l) => lines.push(l) });
    expect(result.export_dir).to.equal(path.join(exportBase, '1'));
    expect(result.accuracy).to.be.within(0.86, 0.92);
    expect(result.predictions).to.deep.equal([5, 4, 2]);
    expect(lines.slice(-5)).to.deep.equal([tf.numpy_like.str(result.accuracy), 'Model saved', '784', '[5 4 2]', 'done']);
    expect(fs.existsSync(path.join(exportBase, '1', 'variables'))).to.equal(true);
    // TensorFlow's SavedModel format (what TensorFlow Serving loads), the default since issue 14.
    expect(fs.readdirSync(path.join(exportBase, '1')).sort()).to.deep.equal(['saved_model.pb', 'variables']);
    expect(tf.train.list_variables(path.join(exportBase, '1', 'variables', 'variables')).map(([n]) => n)).to.deep.equal(['Variable', 'Variable_1']);
    const again = mnist_saved_model.main({ data_dir: dataDir, export_base: exportBase, seed: 2, steps: 300, quiet: true });
    expect(again.export_dir).to.equal(path.join(exportBase, '2'));
    expect(again.predictions).to.deep.equal([5, 4, 2]);
  });

  it('runs mnist_softmax as a program: prints the accuracy last, and a usage error for a bad flag', () => {
    const ext = path.extname(__filename);
    const script = path.join(__dirname, '..', 'examples', `mnist_softmax${ext}`);
    const args = ext === '.ts' ? ['--require', 'tsx/cjs', script] : [script];
    const run = spawnSync(process.execPath, [...args, '--data_dir', dataDir, '--steps', '50', '--seed', '1'], { encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    const out = run.stdout.trim().split('\n');
    expect(out[0]).to.equal(`Extracting ${path.join(dataDir, TRAIN_IMAGES)}`);
    expect(out[out.length - 2]).to.match(/^step 50\/50: /);
    expect(Number(out[out.length - 1])).to.be.within(0.5, 1);
    const bad = spawnSync(process.execPath, [...args, '--stepz', '5'], { encoding: 'utf8' });
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.match(/^Unknown argument --stepz\nusage: mnist_softmax/);
  });

  it('mnist_deep: a short schedule learns well above chance and prints the tutorial\'s lines', () => {
    // 20 steps of 50 on real digits, tested on 200 (the full schedule is too slow for CI);
    // seeds 3 and 4 reach about 0.5 by then, chance is 0.1.
    const small = path.join(dir, 'MNIST_small');
    cutMnist(dataDir, small, 1500, 200);
    const lines: string[] = [];
    const result = mnist_deep.main({ data_dir: small, steps: 20, seed: 3, log_every: 10, eval_batch: 64, log: (l) => lines.push(l) });
    const stepLines = lines.filter((l) => l.startsWith('step '));
    expect(stepLines.map((l) => l.replace(/ {2}\[.*\]$/, '').replace(/accuracy [\d.]+$/, 'accuracy X')))
      .to.deep.equal(['step 0, training accuracy X', 'step 10, training accuracy X']);
    expect(lines[lines.length - 1]).to.match(/^test accuracy [\d.]+ {2}\[20 steps in [\d.]+ s, [\d,]+ examples\/s\]$/);
    expect(lines[lines.length - 1]).to.contain(`test accuracy ${formatG(result.accuracy)}`);
    expect(result.trainingAccuracies.map(([s]) => s)).to.deep.equal([0, 10]);
    expect(result.accuracy).to.be.above(0.3);
  });

  it('mnist_layers_estimator: a short Estimator run logs TF1\'s lines and prints the eval dict', () => {
    // 20 steps of 50 on 1,500 real digits (validation_size 5000 skips the cut's first 5,000),
    // evaluated on 200; the full schedule (2,000 steps of 100) is too slow for CI.
    const small = path.join(dir, 'MNIST_small_layers');
    cutMnist(dataDir, small, 1500, 200);
    const model_dir = path.join(dir, 'layers_model');
    const printed: string[] = [];
    const verbosity = tf.logging.get_verbosity();
    tf.logging.set_verbosity(tf.logging.INFO);
    let run;
    try {
      run = captureStderr(() => mnist_layers_estimator.main({
        data_dir: small, steps: 20, seed: 3, batch_size: 50, validation_size: 5000, log_every: 10, model_dir, log: (l) => printed.push(l) }));
    } finally {
      tf.logging.set_verbosity(verbosity);
    }
    const { result, lines, text } = run;
    expect(lines).to.include('INFO:tensorflow:Calling model_fn.');
    expect(lines.filter((l) => /^INFO:tensorflow:loss = [\d.]+, step = 1$/.test(l))).to.have.length(1);
    // The LoggingTensorHook's softmax_tensor every 10 steps: at 1 and 11, a [50, 10] array.
    expect(text.match(/INFO:tensorflow:probabilities = \[\[/g)).to.have.length(2);
    expect(text).to.match(/INFO:tensorflow:probabilities = \[\[[^\]]*\]\n(?: \[[^\]]*\]\n){48} \[[^\]]*\]\] \(\d+\.\d{3} sec\)\n/);
    expect(lines).to.include(`INFO:tensorflow:Saving checkpoints for 20 into ${model_dir}/model.ckpt.`);
    expect(lines.filter((l) => /^INFO:tensorflow:Saving dict for global step 20: accuracy = [\d.]+, global_step = 20, loss = [\d.]+$/.test(l)))
      .to.have.length(1);
    expect(Object.keys(result.eval_results)).to.have.members(['accuracy', 'loss', 'global_step']);
    expect(result.eval_results.global_step).to.equal(20);
    expect(result.eval_results.accuracy).to.be.above(0.3); // chance is 0.1
    expect(result.model_dir).to.equal(model_dir);
    expect(fs.existsSync(path.join(model_dir, 'model.ckpt-20.index'))).to.equal(true);
    expect(printed[0]).to.match(/^trained in [\d.]+ s$/);
    expect(printed[1]).to.equal(mnist_layers_estimator.formatEvalResults(result.eval_results));
    expect(printed[1]).to.match(/^\{'accuracy': 0\.\d+, 'loss': \d\.\d+, 'global_step': 20\}$/);
  });

  it('mnist_layers_estimator: prints the eval dict as Python does and rejects an unknown optimizer', () => {
    expect(mnist_layers_estimator.formatEvalResults({ accuracy: Math.fround(0.9714), loss: Math.fround(0.0912), global_step: 2000 }))
      .to.equal("{'accuracy': 0.9714, 'loss': 0.0912, 'global_step': 2000}");
    expect(mnist_layers_estimator.formatEvalResults({ accuracy: 1, loss: 0, global_step: 5 }))
      .to.equal("{'accuracy': 1.0, 'loss': 0.0, 'global_step': 5}");
    expect(() => mnist_layers_estimator.main({ optimizer: 'rmsprop' as 'adam', data_dir: dataDir }))
      .to.throw(UsageError, '--optimizer must be adam or sgd, got rmsprop');
  });

  it('mnist_lstm: 25 steps of the row-by-row LSTM learn well above chance and print the original\'s lines', () => {
    const lines: string[] = [];
    const result = mnist_lstm.main({ data_dir: dataDir, seed: 1, steps: 25, display_step: 25, log: (l) => lines.push(l) });
    expect(result.accuracy).to.be.above(0.3);
    expect(lines[0]).to.match(/^Step 1, Minibatch Loss= 2\.\d{4}, Training Accuracy= 0\.\d{3}/);
    expect(lines[1]).to.match(/^Step 25, Minibatch Loss= [\d.]+, Training Accuracy= 0\.\d{3}/);
    expect(result.lastLoss).to.be.below(Number(/Loss= ([\d.]+)/.exec(lines[0])![1]));
    expect(lines[lines.length - 1]).to.match(/^Testing Accuracy: 0\.\d+/);
  });
});

describe('example command lines', () => {
  it('parses --name value and --name=value, checks numbers, and rejects unknown flags', () => {
    const defaults = { data_dir: 'MNIST_data', steps: 1000, seed: null };
    expect(parseFlags(['--steps', '20', '--data_dir=/tmp/x'], defaults, 'u')).to.deep.equal({ data_dir: '/tmp/x', steps: 20, seed: null });
    expect(parseFlags(['--seed=4'], defaults, 'u').seed).to.equal(4);
    expect(() => parseFlags(['--steps', 'many'], defaults, 'u')).to.throw(/--steps must be a non-negative integer, got many/);
    expect(() => parseFlags(['--stepz', '3'], defaults, 'usage: x')).to.throw(/Unknown argument --stepz\nusage: usage: x/);
    expect(() => parseFlags(['--steps'], defaults, 'u')).to.throw(/--steps needs a value/);
  });

  it('prints numbers as NumPy (float32) and Python\'s %g do', () => {
    expect(tf.numpy_like.str(Math.fround(0.9188))).to.equal('0.9188');
    expect(tf.numpy_like.str(Math.fround(0.8770764))).to.equal('0.8770764');
    expect(tf.numpy_like.str(1)).to.equal('1.0'); // print(np.float32(1)), as an accuracy of 1 prints
    expect(formatG(0.86)).to.equal('0.86');
    expect(formatG(1)).to.equal('1');
    expect(formatG(0.972093023)).to.equal('0.972093');
  });
});
