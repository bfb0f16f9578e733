import { expect } from 'chai';
import * as tf from '../lib/index';

describe('Graph', () => {
  beforeEach(() => tf.reset_default_graph());

  it('gives ops TF1 default names, uniquified with _1, _2', () => {
    const a = tf.placeholder('float', [2]);
    const b = tf.placeholder(tf.float32, [2]);
    const v = tf.Variable(tf.zeros([2]));
    const w = new tf.Variable(tf.zeros([2]));
    expect(a.name).to.equal('Placeholder:0');
    expect(b.name).to.equal('Placeholder_1:0');
    expect(v.name).to.equal('Variable:0');
    expect(w.name).to.equal('Variable_1:0');
    expect(v.initializer.name).to.equal('Variable/Assign');
    expect(v.value().name).to.equal('Variable/read:0');
    const m1 = tf.matmul(tf.constant([[1]]), tf.constant([[2]]));
    const m2 = tf.matmul(tf.constant([[1]]), tf.constant([[2]]));
    expect([m1.op.name, m2.op.name]).to.deep.equal(['MatMul', 'MatMul_1']);
  });

  it('takes names as a positional string or an options object', () => {
    const x = tf.placeholder(tf.float32, [null, 784], 'x');
    const c = tf.constant(3, { name: 'three' });
    const m = tf.matmul(x, tf.zeros([784, 10]), { name: 'model' });
    expect(x.name).to.equal('x:0');
    expect(c.name).to.equal('three:0');
    expect(m.name).to.equal('model:0');
    expect(tf.get_default_graph().get_tensor_by_name('model:0')).to.equal(m);
    expect(tf.get_default_graph().get_operation_by_name('x')).to.equal(x.op);
  });

  it('prefixes names inside name_scope and uniquifies scopes', () => {
    const g = tf.get_default_graph();
    const inner = tf.name_scope('layer', () => tf.constant(1));
    const inner2 = tf.name_scope('layer', () => tf.name_scope('sub', () => tf.constant(1, { name: 'c' })));
    const reentered = tf.name_scope('layer/', () => tf.constant(1));
    expect(inner.name).to.equal('layer/Const:0');
    expect(inner2.name).to.equal('layer_1/sub/c:0');
    expect(reentered.name).to.equal('layer/Const_1:0');
    expect(g.get_operations().map((o) => o.name)).to.include('layer_1/sub/c');
  });

  it('infers static shapes, with null for unknown dimensions', () => {
    const x = tf.placeholder('float', [null, 784]);
    const y = tf.matmul(x, tf.zeros([784, 10]));
    expect(y.shape).to.deep.equal([null, 10]);
    expect(y.get_shape().as_list()).to.deep.equal([null, 10]);
    expect(y.dtype).to.equal('float32');
    expect(String(y)).to.equal('Tensor("MatMul:0", shape=(?, 10), dtype=float32)');
    expect(tf.placeholder('float').shape).to.equal(null);
  });

  it('rejects incompatible static shapes when the op is built, naming op and shapes', () => {
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([4, 5]);
    expect(() => tf.matmul(a, b)).to.throw(tf.errors.ValueError, /Dimensions must be equal, but are 3 and 4 for 'MatMul' \(op: 'MatMul'\) with input shapes: \[2,3\], \[4,5\]/);
  });

  it('keeps variables in collections', () => {
    const v = tf.Variable(tf.zeros([2]));
    const frozen = tf.Variable(tf.zeros([2]), { trainable: false, name: 'frozen' });
    expect(tf.global_variables()).to.deep.equal([v, frozen]);
    expect(tf.trainable_variables()).to.deep.equal([v]);
    expect(frozen.name).to.equal('frozen:0');
  });

  it('as_default makes a graph the default for the callback only', () => {
    const g = new tf.Graph();
    const outer = tf.get_default_graph();
    const c = g.as_default(() => {
      expect(tf.get_default_graph()).to.equal(g);
      return tf.constant(1);
    });
    expect(c.graph).to.equal(g);
    expect(tf.get_default_graph()).to.equal(outer);
  });

  it('reports unknown names with NotFound-style errors naming them', () => {
    const g = tf.get_default_graph();
    expect(() => g.get_tensor_by_name('nope:0')).to.throw(tf.errors.KeyError, /nope/);
    expect(() => g.get_operation_by_name('nope')).to.throw(tf.errors.KeyError, /nope/);
    expect(() => g.get_tensor_by_name('nope')).to.throw(tf.errors.ValueError, /nope/);
    tf.constant(1, { name: 'c' });
    expect(() => g.get_tensor_by_name('c:3')).to.throw(tf.errors.KeyError, /only has 1 outputs/);
  });

  it('adds control dependencies to ops created inside control_dependencies', () => {
    const a = tf.constant(1);
    const b = tf.control_dependencies([a], () => tf.constant(2));
    expect(b.op.control_inputs).to.deep.equal([a.op]);
    const c = tf.constant(3);
    expect(c.op.control_inputs).to.deep.equal([]);
  });

  it('refuses ops mixing tensors from two graphs', () => {
    const g1 = new tf.Graph(), g2 = new tf.Graph();
    const a = g1.as_default(() => tf.constant([[1]]));
    const b = g2.as_default(() => tf.constant([[1]]));
    expect(() => tf.matmul(a, b)).to.throw(tf.errors.ValueError, /same graph/);
  });

  it('accepts the dtype aliases TF1 accepts', () => {
    expect(tf.as_dtype('float')).to.equal('float32');
    expect(tf.as_dtype('float32')).to.equal('float32');
    expect(() => tf.as_dtype('complex64')).to.throw(TypeError, /complex64/);
  });
});
