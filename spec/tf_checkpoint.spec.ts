import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { prepareMnist } from '../tools/prepare_mnist';
import { tfModel } from './helpers/tf_models';

const MNIST_DIR = () => tfModel('mnist_softmax_checkpoint_tf1.3');
const MNIST = () => path.join(MNIST_DIR(), 'model.ckpt');
const VARS = (model: string) => tfModel(model, '00000123', 'variables', 'variables');

describe('TensorFlow checkpoints through tf.train (TF1 names)', () => {
  it('latest_checkpoint reads TF\'s text checkpoint state file', () => {
    expect(tf.train.latest_checkpoint(MNIST_DIR())).to.equal(MNIST());
  });

  it('NewCheckpointReader: shape and dtype maps, has_tensor, get_tensor, debug_string', () => {
    const reader = tf.train.NewCheckpointReader(MNIST());
    expect(reader.get_variable_to_shape_map()).to.deep.equal({ Variable: [784, 10], Variable_1: [10] });
    expect(reader.get_variable_to_dtype_map()).to.deep.equal({ Variable: 'float32', Variable_1: 'float32' });
    expect(reader.has_tensor('Variable_1')).to.equal(true);
    expect(reader.has_tensor('Variable_2')).to.equal(false);
    const b = reader.get_tensor('Variable_1') as NDArray;
    expect(b.shape).to.deep.equal([10]);
    expect(reader.debug_string()).to.equal('Variable (DT_FLOAT) [784,10]\nVariable_1 (DT_FLOAT) [10]\n');
    expect(() => reader.get_tensor('nope')).to.throw(tf.errors.NotFoundError, 'Key nope not found in checkpoint');
  });

  it('list_variables and load_variable take a directory or a prefix', () => {
    expect(tf.train.list_variables(MNIST_DIR())).to.deep.equal([['Variable', [784, 10]], ['Variable_1', [10]]]);
    expect(tf.train.list_variables(VARS('saved_model_half_plus_two_cpu')))
      .to.deep.equal([['a', []], ['a2', []], ['b', []], ['c', []], ['c2', []]]);
    const c = tf.train.load_variable(VARS('saved_model_half_plus_two_cpu'), 'c:0') as NDArray;
    expect([...c.data]).to.deep.equal([3]);
    expect((tf.train.load_variable({ ckpt_dir_or_file: VARS('saved_model_counter'), name: 'counter' }) as NDArray).data[0]).to.equal(0);
    const bFromDir = tf.train.load_variable(MNIST_DIR(), 'Variable_1') as NDArray;
    const bFromPrefix = tf.train.load_checkpoint(MNIST()).get_tensor('Variable_1') as NDArray;
    expect([...bFromDir.data]).to.deep.equal([...bFromPrefix.data]);
  });

  it('load_checkpoint on a directory without a checkpoint is a ValueError', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tf_ckpt-'));
    expect(() => tf.train.load_checkpoint(empty)).to.throw(tf.errors.ValueError, /Couldn't find 'checkpoint' file or checkpoints in given directory/);
  });

  describe('Saver.restore from a TF checkpoint', function () {
    this.timeout(120000);
    let dataDir: string;
    before(() => {
      dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tf_ckpt_mnist-')), 'MNIST_data');
      prepareMnist(dataDir, { log: () => {} });
    });

    it('restores the MNIST softmax trained by TF 1.3 by variable name; it scores about 0.91 on the bundled test digits', () => {
      const mnist = tf.examples.tutorials.mnist.input_data.read_data_sets(dataDir, { one_hot: true, verbose: false });
      new tf.Graph().as_default(() => {
        const x = tf.placeholder(tf.float32, [null, 784]);
        const W = tf.Variable(tf.zeros([784, 10]), { name: 'Variable' });
        const b = tf.Variable(tf.zeros([10]), { name: 'Variable_1' });
        const y = tf.nn.softmax(tf.matmul(x, W).add(b));
        const y_ = tf.placeholder(tf.float32, [null, 10]);
        const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1)), tf.float32));
        const saver = tf.train.Saver();
        const sess = tf.Session();
        try {
          saver.restore(sess, tf.train.latest_checkpoint(MNIST_DIR()));
          const restored = sess.run(b) as NDArray;
          const expected = tf.train.load_variable(MNIST(), 'Variable_1') as NDArray;
          expect([...restored.data]).to.deep.equal([...expected.data]);
          const score = sess.run(accuracy, new Map<tf.Tensor, NDArray>([[x, mnist.test.images], [y_, mnist.test.labels]])) as number;
          expect(score).to.be.greaterThan(0.89);
        } finally {
          sess.close();
        }
      });
    });

    it('a variable the checkpoint lacks is a NotFoundError naming the key, and a shape mismatch an InvalidArgumentError', () => {
      new tf.Graph().as_default(() => {
        tf.Variable(tf.zeros([784, 10]), { name: 'Variable' });
        tf.Variable(tf.zeros([3]), { name: 'Variable_1' });
        const sess = tf.Session();
        try {
          expect(() => tf.train.Saver().restore(sess, MNIST())).to.throw(tf.errors.InvalidArgumentError, /lhs shape= \[3\] rhs shape= \(10,\)/);
        } finally { sess.close(); }
      });
      new tf.Graph().as_default(() => {
        tf.Variable(tf.zeros([10]), { name: 'bias' });
        const sess = tf.Session();
        try {
          expect(() => tf.train.Saver().restore(sess, MNIST())).to.throw(tf.errors.NotFoundError, 'Key bias not found in checkpoint');
        } finally { sess.close(); }
      });
    });
  });
});
