import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { prepareMnist } from '../tools/prepare_mnist';
import { tfModel } from './helpers/tf_models';

const MODEL = (name: string) => tfModel(name, '00000123');
const MNIST_DIR = () => tfModel('mnist_softmax_checkpoint_tf1.3');

/** A fetched value's numbers (a 0-d fetch is a plain number). */
function values(a: unknown): number[] { return typeof a === 'number' ? [a] : [...(a as NDArray).data]; }

describe('Loading what Python TensorFlow wrote (SavedModel saved_model.pb, .meta + checkpoint)', function () {
  this.timeout(120000);

  it('half_plus_three (TF 1.0): serving_default x:0 [1, 2, 5] -> y:0 [3.5, 4, 5.5]; the meta graph has its signatures', () => {
    const g = tf.Graph();
    const sess = tf.Session({ graph: g });
    try {
      const meta = tf.saved_model.loader.load(sess, ['serve'], MODEL('saved_model_half_plus_three'));
      const sig = meta.signature_def['serving_default'];
      expect(sig.inputs['x'].name).to.equal('x:0');
      expect(sig.outputs['y'].name).to.equal('y:0');
      expect(sig.method_name).to.equal('tensorflow/serving/predict');
      expect(sig.inputs['x'].dtype).to.equal('float32');
      const y = sess.run(sig.outputs['y'].name, { [sig.inputs['x'].name]: [[1], [2], [5]] });
      expect(values(y)).to.deep.equal([3.5, 4, 5.5]);
      expect(g.get_operation_by_name('save/RestoreV2').type).to.equal('RestoreV2');
      expect(tf.saved_model.loader.maybe_saved_model_directory(MODEL('saved_model_half_plus_three'))).to.equal(true);
    } finally { sess.close(); }
  });

  it('a tag set the SavedModel lacks is TF1\'s RuntimeError, and the graph is left empty', () => {
    const g = tf.Graph();
    const sess = tf.Session({ graph: g });
    try {
      expect(() => tf.saved_model.loader.load(sess, ['gpu'], MODEL('saved_model_half_plus_three')))
        .to.throw(tf.errors.RuntimeError, "MetaGraphDef associated with tags 'gpu' could not be found in SavedModel.");
      expect(g.get_operations()).to.have.length(0);
    } finally { sess.close(); }
  });

  it('half_plus_two (TF 1.14): feeding x:0 (an Identity of ParseExample) prunes ParseExample; [1, 2, 5] -> [2.5, 3, 4.5]', () => {
    const g = tf.Graph();
    const sess = tf.Session({ graph: g });
    try {
      const meta = tf.saved_model.loader.load(sess, ['serve'], MODEL('saved_model_half_plus_two_cpu'));
      const sig = meta.signature_def['serving_default'];
      expect(g.get_tensor_by_name(sig.inputs['x'].name).op.inputs[0].op.type).to.equal('ParseExample');
      expect(values(sess.run(sig.outputs['y'].name, { [sig.inputs['x'].name]: [[1], [2], [5]] }))).to.deep.equal([2.5, 3, 4.5]);
      const y3 = meta.signature_def['regress_x2_to_y3'];
      expect(values(sess.run(y3.outputs['outputs'].name, { [y3.inputs['inputs'].name]: [[1], [2]] }))).to.deep.equal([3.5, 4]);
      // Running ParseExample itself (the classify signature from serialized tf.Examples): spec/parse_example.spec.ts; bytes that are no Example fail as in TF.
      const cls = meta.signature_def['classify_x_to_y'];
      expect(() => sess.run(cls.outputs['scores'].name, { [cls.inputs['inputs'].name]: ['not parsed'] })).to.throw(tf.errors.InvalidArgumentError, 'Could not parse example input');
    } finally { sess.close(); }
  });

  it('counter (TF 1.5): incr_counter twice -> 1, 2; reset_counter -> 0; incr_counter_by feeds delta (ref outputs of Assign/AssignAdd)', () => {
    const g = tf.Graph();
    const sess = tf.Session({ graph: g });
    try {
      const meta = tf.saved_model.loader.load(sess, ['serve'], MODEL('saved_model_counter'));
      const out = (key: string) => Object.values(meta.signature_def[key].outputs)[0].name;
      expect(values(sess.run(out('get_counter')))).to.deep.equal([0]);
      expect(values(sess.run(out('incr_counter')))).to.deep.equal([1]);
      expect(values(sess.run(out('incr_counter')))).to.deep.equal([2]);
      expect(values(sess.run(out('reset_counter')))).to.deep.equal([0]);
      const by = meta.signature_def['incr_counter_by'];
      expect(values(sess.run(out('incr_counter_by'), { [Object.values(by.inputs)[0].name]: 5 }))).to.deep.equal([5]);
    } finally { sess.close(); }
  });

  it('a .meta that is neither tensorgraph\'s nor a MetaGraphDef is a DataLossError naming the file; a truncated saved_model.pb too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf_import_bad-'));
    const meta = path.join(dir, 'bad.meta');
    fs.writeFileSync(meta, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]));
    expect(() => tf.Graph().as_default(() => tf.train.import_meta_graph(meta))).to.throw(tf.errors.DataLossError, meta);
    const model = path.join(dir, 'model');
    fs.mkdirSync(model);
    const pb = fs.readFileSync(path.join(MODEL('saved_model_half_plus_three'), 'saved_model.pb'));
    fs.writeFileSync(path.join(model, 'saved_model.pb'), pb.subarray(0, pb.length >> 1));
    const sess = tf.Session({ graph: tf.Graph() });
    try {
      expect(() => tf.saved_model.loader.load(sess, ['serve'], model)).to.throw(tf.errors.DataLossError, path.join(model, 'saved_model.pb'));
    } finally { sess.close(); }
  });

  describe('MNIST softmax (TF 1.3): tf.train.import_meta_graph of a TF .meta, then saver.restore', () => {
    let dataDir: string;
    before(() => {
      dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tf_import_mnist-')), 'MNIST_data');
      prepareMnist(dataDir, { log: () => {} });
    });

    it('imports the graph (save/ subgraph with string Consts included) and scores about 0.91 through the imported Softmax', () => {
      const mnist = tf.examples.tutorials.mnist.input_data.read_data_sets(dataDir, { one_hot: true, verbose: false });
      const g = tf.Graph();
      g.as_default(() => {
        const saver = tf.train.import_meta_graph(path.join(MNIST_DIR(), 'model.ckpt.meta'))!;
        expect(g.get_operation_by_name('save/Const').outputs[0].dtype).to.equal('string');
        expect(g.get_collection('trainable_variables')).to.have.length(2);
        const x = g.get_tensor_by_name('Placeholder:0');
        const y = g.get_tensor_by_name('Softmax:0');
        const y_ = tf.placeholder(tf.float32, [null, 10]);
        const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1)), tf.float32));
        const sess = tf.Session();
        try {
          saver.restore(sess, tf.train.latest_checkpoint(MNIST_DIR()));
          const score = sess.run(accuracy, new Map<tf.Tensor, NDArray>([[x, mnist.test.images], [y_, mnist.test.labels]])) as number;
          expect(score).to.be.greaterThan(0.89);
          expect(score).to.be.lessThan(0.94);
        } finally { sess.close(); }
      });
    });

    it('the imported save/ subgraph runs: restore_all (RestoreV2 + Assign) fed the prefix, and save/control_dependency (SaveV2) writes a bundle', () => {
      const g = tf.Graph();
      g.as_default(() => tf.train.import_meta_graph(path.join(MNIST_DIR(), 'model.ckpt.meta')));
      const sess = tf.Session({ graph: g });
      try {
        const prefix = path.join(MNIST_DIR(), 'model.ckpt');
        sess.run(g.get_operation_by_name('save/restore_all'), { 'save/Const:0': prefix });
        expect(values(sess.run('Variable_1:0'))).to.deep.equal(values(tf.train.load_variable(prefix, 'Variable_1')));
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tf_import_save-')), 'model.ckpt');
        // A 0-d string fetch is a JS string.
        expect(sess.run('save/control_dependency:0', { 'save/Const:0': out })).to.equal(out);
        expect(tf.train.list_variables(out)).to.deep.equal([['Variable', [784, 10]], ['Variable_1', [10]]]);
        expect(values(tf.train.load_variable(out, 'Variable'))).to.deep.equal(values(tf.train.load_variable(prefix, 'Variable')));
        // A missing checkpoint is RestoreV2's NotFoundError.
        expect(() => sess.run(g.get_operation_by_name('save/restore_all'), { 'save/Const:0': out + '-nope' })).to.throw(tf.errors.NotFoundError);
      } finally { sess.close(); }
    });
  });
});
