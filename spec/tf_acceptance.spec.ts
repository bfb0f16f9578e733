import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { prepareMnist } from '../tools/prepare_mnist';
import { tfAcceptanceModel } from './helpers/tf_acceptance';

function values(a: unknown): number[] { return typeof a === 'number' ? [a] : [...(a as NDArray).data]; }

/** The fraction of rows whose largest score is the one-hot label's class. */
function accuracy(scores: NDArray, labels: NDArray): number {
  const pred = scores.argmax(1) as NDArray, truth = labels.argmax(1) as NDArray;
  let hits = 0;
  for (let i = 0; i < pred.size; i++) if (pred.data[i] === truth.data[i]) hits++;
  return hits / pred.size;
}

describe('Acceptance: models written by Python TensorFlow 1.0, 1.5 and 1.12 load and predict', function () {
  this.timeout(120000);
  let mnist: ReturnType<typeof tf.examples.tutorials.mnist.input_data.read_data_sets>;
  before(() => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tf_acceptance_mnist-')), 'MNIST_data');
    prepareMnist(dataDir, { log: () => {} });
    mnist = tf.examples.tutorials.mnist.input_data.read_data_sets(dataDir, { one_hot: true, verbose: false });
  });

  it('mnist_softmax_savedmodel_tf1.0: predict_images scores the bundled test digits at about 0.91; its legacy_init_op fills the classes table', () => {
    const g = tf.Graph();
    const sess = tf.Session({ graph: g });
    try {
      const meta = tf.saved_model.loader.load(sess, ['serve'], tfAcceptanceModel('mnist_softmax_savedmodel_tf1.0'));
      const sig = meta.signature_def['predict_images'];
      expect(sig.inputs['images'].name).to.equal('x:0');
      expect(sig.outputs['scores'].name).to.equal('y:0');
      const scores = sess.run(sig.outputs['scores'].name, { [sig.inputs['images'].name]: mnist.test.images }) as NDArray;
      expect(scores.shape).to.deep.equal([mnist.test.images.shape[0], 10]);
      const acc = accuracy(scores, mnist.test.labels);
      expect(acc).to.be.within(0.9, 0.93);
      // The TF 1.0 label placeholder has an empty shape attr, which GraphDefs before version 22 mean as unknown.
      expect(g.get_tensor_by_name('Placeholder:0').shape).to.deep.equal([null, 10]);
      // legacy_init_op ran tables_initializer: the index_to_string HashTable maps class ids to '0'..'9', others to 'UNK'.
      expect(g.get_collection('table_initializer').map((op) => (op as tf.Operation).name)).to.deep.equal(['index_to_string/table_init']);
      const classes = sess.run('index_to_string_Lookup:0', { 'ToInt64:0': NDArray.from([[7, 0, 3, 10, 1, 2, 4, 5, 6, 9]], 'int64') }) as NDArray;
      expect(classes.tolist()).to.deep.equal([['7', '0', '3', 'UNK', '1', '2', '4', '5', '6', '9']]);
    } finally { sess.close(); }
  });

  it('half_plus_two_mkl_tf1.12 (resource variables, 1x1 Conv2D): serving_default x:0 [1, 2, 5] -> y:0 [2.5, 3, 4.5]', () => {
    const g = tf.Graph();
    const sess = tf.Session({ graph: g });
    try {
      const dir = tfAcceptanceModel('half_plus_two_mkl_tf1.12');
      const meta = tf.saved_model.loader.load(sess, ['serve'], dir);
      const sig = meta.signature_def['serving_default'];
      expect(values(sess.run(sig.outputs['y'].name, { [sig.inputs['x'].name]: [[1], [2], [5]] }))).to.deep.equal([2.5, 3, 4.5]);
      expect(g.get_operation_by_name('conv2d/kernel').type).to.equal('VarHandleOp');
      expect(g.get_tensor_by_name('conv2d/kernel:0').dtype).to.equal('resource');
      expect(sess.run('conv2d/kernel/IsInitialized/VarIsInitializedOp:0')).to.equal(true);
      // This model's legacy_init_op also runs the variables' initializers (random_uniform), in TF as here,
      // so after loading the conv kernels are fresh draws; the saver_def's restore subgraph (RestoreV2 +
      // AssignVariableOp per resource variable) brings back the checkpoint's values.
      const prefix = path.join(dir, 'variables', 'variables');
      const names = ['conv2d/kernel', 'conv2d/bias', 'conv2d_1/kernel', 'conv2d_1/bias', 'conv2d_2/kernel', 'conv2d_2/bias'];
      const reads = names.map((name) => `${name}/Read/ReadVariableOp:0`);
      expect(values(sess.run(reads[0]))).to.not.deep.equal(values(tf.train.load_variable(prefix, names[0])));
      sess.run(g.get_operation_by_name('save/restore_all'), { 'save/Const:0': prefix });
      names.forEach((name, i) => {
        const read = sess.run(reads[i]) as NDArray;
        const saved = tf.train.load_variable(prefix, name) as NDArray;
        expect(read.shape, name).to.deep.equal([1, 1, 1, 1].slice(0, saved.shape.length));
        expect(values(read), name).to.deep.equal(values(saved));
      });
      // y = 0.5x + 2 still (the conv layers are not on the serving path).
      expect(values(sess.run('y:0', { 'x:0': [[1], [2], [5]] }))).to.deep.equal([2.5, 3, 4.5]);
    } finally { sess.close(); }
  });

  it('mlp_adam_checkpoint_tf1.5: import_meta_graph + restore; output/sm:0 rows sum to 1; Adam slots and the int32 global_step restored exactly', () => {
    const dir = tfAcceptanceModel('mlp_adam_checkpoint_tf1.5');
    const prefix = path.join(dir, 'fc2.ckpt');
    const g = tf.Graph();
    g.as_default(() => {
      const saver = tf.train.import_meta_graph(path.join(dir, 'fc2.ckpt.meta'))!;
      const sess = tf.Session();
      try {
        saver.restore(sess, prefix);
        const sm = sess.run('output/sm:0', { 'input/x:0': mnist.test.images }) as NDArray;
        expect(sm.shape).to.deep.equal([mnist.test.images.shape[0], 10]);
        for (let r = 0; r < sm.shape[0]; r++) {
          let sum = 0;
          for (let c = 0; c < 10; c++) sum += sm.data[r * 10 + c];
          expect(sum).to.be.closeTo(1, 1e-5);
        }
        // Not an accuracy check: the fixture's training is unknown (about 0.69 on our digits).
        expect(accuracy(sm, mnist.test.labels)).to.be.greaterThan(0.5);
        const vars = tf.global_variables();
        const names = vars.map((v) => v.op.name);
        expect(names).to.include.members(['global_step', 'beta1_power', 'beta2_power', 'h1/w/Adam', 'h1/w/Adam_1', 'output/b/Adam_1']);
        expect(names).to.have.length(tf.train.list_variables(prefix).length);
        const restored = sess.run(vars) as unknown[];
        vars.forEach((v, i) => {
          const saved = tf.train.load_variable(prefix, v.op.name);
          expect(values(restored[i]), v.op.name).to.deep.equal(values(saved));
        });
        const step = g.get_tensor_by_name('global_step:0');
        expect(step.dtype).to.equal('int32');
        const savedStep = tf.train.load_variable(prefix, 'global_step') as NDArray;
        expect(savedStep.dtype).to.equal('int32');
        expect(sess.run(step)).to.equal(savedStep.data[0]);
        expect(savedStep.data[0]).to.be.greaterThan(0);
      } finally { sess.close(); }
    });
  });
});
