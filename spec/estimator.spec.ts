import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { OutOfRangeError, ValueError } from '../lib/framework/errors';
import { nextFeeds } from '../lib/estimator/feeding';
import { captureStderr } from './helpers/capture_stderr';

const { Estimator, EstimatorSpec, ModeKeys, RunConfig } = tf.estimator;
const { numpy_input_fn } = tf.estimator.inputs;

const column = (values: number[]) => new NDArray(Float32Array.from(values), [values.length, 1], 'float32');

/**
 * y = x·w + b with w, b starting at params.w, params.b and trained by gradient descent at params.lr;
 * a 'label_sum' metric (a local variable summed per batch) and the predictions {y}.
 */
function linearModelFn(features: any, labels: any, mode: string, params: any) {
  const w = new tf.Variable(tf.constant([[params.w ?? 0]]), { name: 'w' });
  const b = new tf.Variable(tf.constant([params.b ?? 0]), { name: 'b' });
  const y = tf.add(tf.matmul(features.x, w), b);
  if (mode === ModeKeys.PREDICT) return new EstimatorSpec({ mode, predictions: { y, double: tf.multiply(y, 2) } });
  const loss = tf.reduce_mean(tf.square(tf.subtract(y, labels)));
  if (mode === ModeKeys.EVAL) {
    const total = new tf.Variable(0, { name: 'label_sum', trainable: false, collections: [tf.GraphKeys.LOCAL_VARIABLES] });
    const update = tf.assign_add(total, tf.reduce_sum(labels));
    return new EstimatorSpec({ mode, loss, eval_metric_ops: { label_sum: [total.value(), update] } });
  }
  const train_op = new tf.train.GradientDescentOptimizer(params.lr ?? 0.1).minimize(loss, { global_step: tf.train.get_global_step() });
  return new EstimatorSpec({ mode, loss, train_op });
}

function tempDir(): string { return fs.mkdtempSync(path.join(os.tmpdir(), 'estimator-')); }
const quiet = <T>(fn: () => T): T => captureStderr(fn).result;

describe('tf.estimator', () => {
  let savedVerbosity: number;
  beforeEach(() => { savedVerbosity = tf.logging.get_verbosity(); tf.logging.set_verbosity(tf.logging.INFO); });
  afterEach(() => { tf.logging.set_verbosity(savedVerbosity); });

  it('trains a linear model_fn to convergence on synthetic data', () => {
    const xs = Array.from({ length: 40 }, (_, i) => i / 20 - 1);
    const est = quiet(() => new Estimator(linearModelFn, { model_dir: tempDir(), params: { lr: 0.2 }, config: new RunConfig({ tf_random_seed: 1 }) }));
    const input = numpy_input_fn({ x: column(xs) }, column(xs.map((x) => 2 * x + 1)), { batch_size: 10, num_epochs: null, shuffle: true });
    quiet(() => est.train(input, { steps: 300 }));
    expect(est.get_variable_value('global_step')).to.equal(300);
    expect((est.get_variable_value('w') as NDArray).data[0]).to.be.closeTo(2, 1e-3);
    expect((est.get_variable_value('b') as NDArray).data[0]).to.be.closeTo(1, 1e-3);
  });

  it('saves TF1-named checkpoints in model_dir, keeps keep_checkpoint_max, and a second train resumes the step', () => {
    const dir = tempDir();
    const config = new RunConfig({ save_checkpoints_steps: 5, keep_checkpoint_max: 2 });
    const est = quiet(() => new Estimator(linearModelFn, { model_dir: dir, config, params: {} }));
    const input = numpy_input_fn({ x: column([1, 2, 3]) }, column([3, 5, 7]), { batch_size: 3, num_epochs: null, shuffle: false });
    const first = captureStderr(() => est.train(input, { steps: 12 }));
    expect(first.result).to.equal(est);
    expect(first.lines).to.include(`INFO:tensorflow:Saving checkpoints for 0 into ${dir}/model.ckpt.`);
    expect(first.lines).to.include(`INFO:tensorflow:Saving checkpoints for 10 into ${dir}/model.ckpt.`);
    expect(first.lines).to.include(`INFO:tensorflow:Saving checkpoints for 12 into ${dir}/model.ckpt.`);
    expect(fs.readFileSync(path.join(dir, 'checkpoint'), 'utf8')).to.equal(
      'model_checkpoint_path: "model.ckpt-12"\nall_model_checkpoint_paths: "model.ckpt-10"\nall_model_checkpoint_paths: "model.ckpt-12"\n');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('model.ckpt-12')).sort())
      .to.deep.equal(['model.ckpt-12.data-00000-of-00001', 'model.ckpt-12.index', 'model.ckpt-12.meta']);
    expect(fs.existsSync(path.join(dir, 'model.ckpt-5.index'))).to.equal(false);
    const w12 = (est.get_variable_value('w') as NDArray).data[0];

    const second = captureStderr(() => est.train(input, { steps: 3 }));
    expect(second.lines).to.include(`INFO:tensorflow:Saving checkpoints for 12 into ${dir}/model.ckpt.`);
    expect(est.get_variable_value('global_step')).to.equal(15);
    expect(est.latest_checkpoint()).to.equal(path.join(dir, 'model.ckpt-15'));
    expect((est.get_variable_value('w') as NDArray).data[0]).to.not.equal(w12);
    // The Saver took over the first call's checkpoints: only the newest two remain.
    expect(fs.existsSync(path.join(dir, 'model.ckpt-10.index'))).to.equal(false);
  });

  it('creates a model_dir that does not exist yet (nested), as TF1 does, and saves into it', () => {
    const dir = path.join(tempDir(), 'new', 'model');
    const est = quiet(() => new Estimator(linearModelFn, { model_dir: dir, params: {} }));
    const { lines } = captureStderr(() => est.train(numpy_input_fn({ x: column([1]) }, column([1]), { num_epochs: null, shuffle: false }), { steps: 2 }));
    expect(lines).to.include(`INFO:tensorflow:Saving checkpoints for 2 into ${dir}/model.ckpt.`);
    expect(fs.existsSync(path.join(dir, 'model.ckpt-2.index'))).to.equal(true);
    expect(est.get_variable_value('global_step')).to.equal(2);
  });

  it('max_steps trains up to it and skips training once it is reached, without calling input_fn', () => {
    const est = quiet(() => new Estimator(linearModelFn, { model_dir: tempDir(), params: {} }));
    let calls = 0;
    const data = numpy_input_fn({ x: column([1]) }, column([1]), { num_epochs: null, shuffle: false });
    const input = () => { calls += 1; return data(); };
    quiet(() => est.train(input, { max_steps: 4 }));
    expect(est.get_variable_value('global_step')).to.equal(4);
    const again = captureStderr(() => est.train(input, { max_steps: 4 }));
    expect(again.lines).to.deep.equal(['INFO:tensorflow:Skipping training since max_steps has already saved.']);
    expect(calls).to.equal(1);
    quiet(() => est.train(input, { max_steps: 6 }));
    expect(est.get_variable_value('global_step')).to.equal(6);
  });

  it('stops training at the end of the input (num_epochs) with the final partial batch', () => {
    const est = quiet(() => new Estimator(linearModelFn, { model_dir: tempDir(), params: {} }));
    // 5 examples, batches of 2, 2 epochs: 5 runs.
    quiet(() => est.train(numpy_input_fn({ x: column([1, 2, 3, 4, 5]) }, column([1, 2, 3, 4, 5]), { batch_size: 2, num_epochs: 2, shuffle: false })));
    expect(est.get_variable_value('global_step')).to.equal(5);
  });

  it('logs loss and step/sec as TF1 prints them', () => {
    const dir = tempDir();
    const est = quiet(() => new Estimator(linearModelFn, { model_dir: dir, params: { lr: 0 }, config: new RunConfig({ log_step_count_steps: 2 }) }));
    // w = b = 0 and a learning rate of 0: every loss is mean((0 - 2)^2) = 4.
    const { lines } = captureStderr(() => est.train(numpy_input_fn({ x: column([1, 1]) }, column([2, 2]), { num_epochs: null, shuffle: false }), { steps: 5 }));
    const ours = lines.filter((l) => l.startsWith('INFO:tensorflow:'));
    expect(ours).to.include('INFO:tensorflow:loss = 4.0, step = 1');
    expect(ours.filter((l) => /^INFO:tensorflow:global_step\/sec: [0-9.e+]+$/.test(l))).to.have.length(2);
    expect(ours.filter((l) => /^INFO:tensorflow:loss = 4\.0, step = (3|5) \(\d+\.\d{3} sec\)$/.test(l))).to.have.length(2);
    const stepSec = ours.findIndex((l) => l.startsWith('INFO:tensorflow:global_step/sec'));
    expect(ours[stepSec + 1]).to.match(/^INFO:tensorflow:loss = 4\.0, step = 3 /);
    expect(ours).to.include(`INFO:tensorflow:Saving checkpoints for 5 into ${dir}/model.ckpt.`);
    expect(ours[ours.length - 1]).to.equal('INFO:tensorflow:Loss for final step: 4.0.');
  });

  it('LoggingTensorHook logs tensors named by op name every N iterations', () => {
    const modelFn = (features: any, labels: any, mode: string) => {
      const w = new tf.Variable(tf.zeros([1, 2]), { name: 'w' });
      const logits = tf.matmul(features, w);
      tf.nn.softmax(logits, { name: 'softmax_tensor' });
      const loss = tf.reduce_mean(tf.square(tf.subtract(logits, labels)));
      const train_op = tf.assign_add(tf.train.get_global_step()!, 1);
      return new EstimatorSpec({ mode, loss, train_op });
    };
    const est = quiet(() => new Estimator(modelFn, { model_dir: tempDir() }));
    const hook = new tf.train.LoggingTensorHook({ tensors: { probabilities: 'softmax_tensor' }, every_n_iter: 2 });
    const { text } = captureStderr(() => est.train(numpy_input_fn(column([1, 2]), column([0, 0]), { batch_size: 2, num_epochs: null, shuffle: false }), { steps: 3, hooks: [hook] }));
    expect(text).to.include('INFO:tensorflow:probabilities = [[0.5 0.5]\n [0.5 0.5]]\n');
    expect(text).to.match(/INFO:tensorflow:probabilities = \[\[0\.5 0\.5\]\n \[0\.5 0\.5\]\] \(\d+\.\d{3} sec\)\n/);
    expect(() => new tf.train.LoggingTensorHook({ tensors: ['a'] })).to.throw(ValueError,
      'either at_end and/or exactly one of every_n_iter and every_n_secs must be provided.');
  });

  it('evaluate returns the metrics, the mean batch loss and global_step, and logs them', () => {
    const dir = tempDir();
    const est = quiet(() => new Estimator(linearModelFn, { model_dir: dir, params: { lr: 0 } }));
    quiet(() => est.train(numpy_input_fn({ x: column([0]) }, column([0]), { shuffle: false }), { steps: 1 }));
    // Predictions are 0; labels 1..5 in batches [1,2], [3,4], [5]: losses 2.5, 12.5, 25 -> mean 40/3.
    const input = numpy_input_fn({ x: column([1, 2, 3, 4, 5]) }, column([1, 2, 3, 4, 5]), { batch_size: 2, shuffle: false });
    const { result, lines } = captureStderr(() => est.evaluate(input));
    expect(result).to.deep.equal({ label_sum: 15, loss: Math.fround(40 / 3), global_step: 1 });
    expect(lines).to.include('INFO:tensorflow:Saving dict for global step 1: global_step = 1, label_sum = 15.0, loss = 13.333333');
    expect(lines.some((l) => /^INFO:tensorflow:Starting evaluation at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(l))).to.equal(true);
    // steps=2 stops after two batches: loss (2.5 + 12.5) / 2.
    const two = quiet(() => est.evaluate(input, { steps: 2 }));
    expect(two).to.deep.equal({ label_sum: 10, loss: 7.5, global_step: 1 });
  });

  it('predict yields one dict per example, or values for a single tensor, or batches', () => {
    const est = quiet(() => new Estimator(linearModelFn, { model_dir: tempDir(), params: { w: 2, b: 1, lr: 0 } }));
    quiet(() => est.train(numpy_input_fn({ x: column([0]) }, column([1]), { shuffle: false }), { steps: 1 }));
    const input = numpy_input_fn({ x: column([0, 1, 2]) }, null, { batch_size: 2, shuffle: false });
    const rows = quiet(() => [...est.predict(input)]) as { y: NDArray; double: NDArray }[];
    expect(rows.map((r) => [r.y.toArray(), r.double.toArray()])).to.deep.equal([[[1], [2]], [[3], [6]], [[5], [10]]]);
    const onlyY = quiet(() => [...est.predict(input, { predict_keys: ['y'] })]) as Record<string, NDArray>[];
    expect(onlyY.map((r) => Object.keys(r))).to.deep.equal([['y'], ['y'], ['y']]);
    const batches = quiet(() => [...est.predict(input, { yield_single_examples: false })]) as { y: NDArray }[];
    expect(batches.map((b) => b.y.shape)).to.deep.equal([[2, 1], [1, 1]]);
    expect(() => quiet(() => [...est.predict(input, { predict_keys: ['z'] })])).to.throw(ValueError,
      'Expected to run at least one output from ["y","double"], provided ["z"].');
    const singleFn = (features: any, _l: any, mode: string) =>
      new EstimatorSpec({ mode, predictions: tf.reduce_sum(features.x, 1) });
    const single = quiet(() => new Estimator(singleFn, { model_dir: tempDir() }));
    expect(quiet(() => [...single.predict(input)])).to.deep.equal([0, 1, 2]);
  });

  it('export_savedmodel writes a timestamped SavedModel that loads and predicts', () => {
    const est = quiet(() => new Estimator(linearModelFn, { model_dir: tempDir(), params: { w: 2, b: 1, lr: 0 } }));
    quiet(() => est.train(numpy_input_fn({ x: column([0]) }, column([1]), { shuffle: false }), { steps: 1 }));
    const base = tempDir();
    const receiverFn = tf.estimator.export.build_raw_serving_input_receiver_fn({ x: tf.placeholder(tf.float32, [null, 1]) });
    const dir = quiet(() => est.export_savedmodel(base, receiverFn));
    expect(path.dirname(dir)).to.equal(base);
    expect(path.basename(dir)).to.match(/^\d{10}$/);
    const graph = new tf.Graph();
    const sess = new tf.Session({ graph });
    const meta = quiet(() => tf.saved_model.loader.load(sess, [tf.saved_model.tag_constants.SERVING], dir));
    const sig = meta.signature_def.serving_default;
    expect(sig.method_name).to.equal('tensorflow/serving/predict');
    expect(Object.keys(sig.inputs)).to.deep.equal(['x']);
    expect(Object.keys(sig.outputs).sort()).to.deep.equal(['double', 'y']);
    const out = sess.run(graph.get_tensor_by_name(sig.outputs.y.name), { [sig.inputs.x.name]: [[0], [1], [2]] }) as NDArray;
    expect(out.toArray()).to.deep.equal([[1], [3], [5]]);
    sess.close();
  });

  it('raises TF1 errors', () => {
    const dir = tempDir();
    const est = quiet(() => new Estimator(linearModelFn, { model_dir: dir, params: {} }));
    const input = numpy_input_fn({ x: column([1]) }, column([1]), { shuffle: false });
    expect(() => est.train(input, { steps: 1, max_steps: 2 })).to.throw(ValueError, 'Can not provide both steps and max_steps.');
    expect(() => quiet(() => est.evaluate(input))).to.throw(ValueError, `Could not find trained model in model_dir: ${dir}.`);
    expect(() => new EstimatorSpec({ mode: ModeKeys.TRAIN, train_op: tf.no_op() })).to.throw(ValueError, 'Missing loss.');
    expect(() => new EstimatorSpec({ mode: ModeKeys.TRAIN, loss: tf.constant(1) })).to.throw(ValueError, 'Missing train_op.');
    expect(() => new EstimatorSpec({ mode: ModeKeys.EVAL })).to.throw(ValueError, 'Missing loss.');
    expect(() => new EstimatorSpec({ mode: ModeKeys.PREDICT })).to.throw(ValueError, 'Missing predictions.');
    expect(() => new EstimatorSpec({ mode: ModeKeys.EVAL, loss: tf.constant([1, 2]) })).to.throw(ValueError, 'Loss must be scalar');
    const noLoss = quiet(() => new Estimator((_f: any, _l: any, mode: string) => new EstimatorSpec({ mode, train_op: tf.no_op() }), { model_dir: tempDir() }));
    expect(() => quiet(() => noLoss.train(input, { steps: 1 }))).to.throw(ValueError, 'Missing loss.');
    expect(() => new RunConfig({ save_checkpoints_steps: 1, save_checkpoints_secs: 1 })).to.throw(ValueError,
      'save_checkpoints_steps and save_checkpoints_secs cannot be both set.');
    expect(() => new tf.train.StopAtStepHook()).to.throw(ValueError, 'Exactly one of num_steps and last_step must be provided.');
    expect(() => (tf.estimator as any).DNNClassifier).to.throw(tf.errors.AttributeError, 'tf.estimator.DNNClassifier');
  });

  it('makes a temporary model_dir, logged as TF1 logs it, and defaults RunConfig as TF1', () => {
    const { result: est, lines } = captureStderr(() => new Estimator(linearModelFn));
    expect(fs.statSync(est.model_dir).isDirectory()).to.equal(true);
    expect(lines[0]).to.equal(`WARNING:tensorflow:Using temporary folder as model directory: ${est.model_dir}`);
    const c = new RunConfig();
    expect([c.save_checkpoints_secs, c.save_checkpoints_steps, c.keep_checkpoint_max, c.log_step_count_steps]).to.deep.equal([600, null, 5, 100]);
    expect(est.config.model_dir).to.equal(est.model_dir);
  });
});

describe('tf.estimator.inputs.numpy_input_fn', () => {
  /** The batches the input_fn's feeder gives for the first placeholder, until the input ends. */
  function batches(input: () => unknown, seed: number | null = null): number[][] {
    const graph = new tf.Graph();
    graph.seed = seed;
    const out: number[][] = [];
    graph.as_default(() => {
      const result = input() as any;
      const t = Array.isArray(result) ? (result[0].x ?? result[0]) : (result.x ?? result);
      for (;;) {
        let feeds;
        try { feeds = nextFeeds(graph); } catch (e) { if (e instanceof OutOfRangeError) break; throw e; }
        out.push([...(feeds.get(t) as NDArray).data]);
        if (out.length > 100) break;
      }
    });
    return out;
  }

  it('streams epochs in batches across epoch boundaries, the last one partial', () => {
    const x = { x: column([0, 1, 2, 3, 4]) };
    expect(batches(numpy_input_fn(x, null, { batch_size: 2, shuffle: false }))).to.deep.equal([[0, 1], [2, 3], [4]]);
    expect(batches(numpy_input_fn(x, null, { batch_size: 2, num_epochs: 2, shuffle: false })))
      .to.deep.equal([[0, 1], [2, 3], [4, 0], [1, 2], [3, 4]]);
    expect(batches(numpy_input_fn(x, null, { batch_size: 5, num_epochs: null, shuffle: false }))).to.have.length(101);
  });

  it('shuffles each epoch as a permutation, reproducibly for a seeded graph', () => {
    const input = numpy_input_fn({ x: column([0, 1, 2, 3, 4, 5, 6, 7]) }, null, { batch_size: 8, num_epochs: 3, shuffle: true });
    const a = batches(input, 7), b = batches(input, 7);
    expect(a).to.deep.equal(b);
    for (const epoch of a) expect([...epoch].sort()).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(a.some((epoch) => epoch.join() !== '0,1,2,3,4,5,6,7')).to.equal(true);
    expect(batches(input, 8)).to.not.deep.equal(a);
  });

  it('gives a tensor for an array x, dicts for dict x and y, with a free batch dimension', () => {
    const graph = new tf.Graph();
    graph.as_default(() => {
      const [features, labels] = numpy_input_fn(column([1, 2]), { a: column([3, 4]), b: column([5, 6]) }, { shuffle: false })() as any;
      expect(features).to.be.instanceOf(tf.Tensor);
      expect(features.shape).to.deep.equal([null, 1]);
      expect(Object.keys(labels)).to.deep.equal(['a', 'b']);
      const only = numpy_input_fn({ x: column([1]) }, null, { shuffle: false })() as any;
      expect(Object.keys(only)).to.deep.equal(['x']);
    });
  });

  it('raises TF1 errors', () => {
    expect(() => numpy_input_fn({ x: column([1]) }, column([1]))).to.throw(ValueError,
      'shuffle must be provided and explicitly set as boolean (it is recommended to set it as True for training); got undefined');
    expect(() => numpy_input_fn({ x: column([1, 2]) }, column([1]), { shuffle: false })).to.throw(ValueError,
      'Length of tensors in x and y is mismatched.');
    expect(() => numpy_input_fn({ x: column([1]) }, { x: column([1]) }, { shuffle: false })).to.throw(ValueError,
      '1 duplicate keys are found in both x and y: ["x"]');
    expect(() => numpy_input_fn({}, null, { shuffle: false })).to.throw(ValueError, 'x cannot be an empty dict');
    // A lone dict is x, not keywords: the error is the missing shuffle, not an unknown keyword.
    expect(() => numpy_input_fn({ x: column([1]) })).to.throw(ValueError, 'shuffle must be provided');
    expect(() => new tf.train.LoggingTensorHook({ probabilities: 'softmax_tensor' })).to.throw(ValueError, 'either at_end');
    expect(() => numpy_input_fn(5 as never, null, { shuffle: false })).to.throw(TypeError, 'x must be a dict or array; got number');
  });
});
