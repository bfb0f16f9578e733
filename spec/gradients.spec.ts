import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { LookupError } from '../lib/framework/errors';

describe('tf.gradients', () => {
  beforeEach(() => tf.reset_default_graph());

  it('adds gradient ops under the gradients name scope and returns fetchable tensors', () => {
    const x = tf.placeholder('float', [2, 2], 'x');
    const W = tf.Variable(tf.constant([[1, 2], [3, 4]]));
    const y = tf.reduce_sum(tf.matmul(x, W));
    const [gx, gW] = tf.gradients(y, [x, W]);
    expect(gx!.name.startsWith('gradients/')).to.equal(true);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const [vx, vW] = sess.run([gx, gW], { 'x:0': [[1, 0], [0, 1]] });
    // d/dx sum(xW) = ones · Wᵀ ; d/dW = xᵀ · ones
    expect(vx.toArray()).to.deep.equal([[3, 7], [3, 7]]);
    expect(vW.toArray()).to.deep.equal([[1, 1], [1, 1]]);
  });

  it('sums contributions from several paths', () => {
    const x = tf.constant(3);
    const y = tf.add(tf.multiply(x, x), x); // x^2 + x -> 2x + 1
    const [g] = tf.gradients(y, [x]);
    expect(new tf.Session().run(g)).to.equal(7);
  });

  it('gives null for xs the ys do not depend on', () => {
    const x = tf.constant(1), z = tf.constant(2);
    const y = tf.multiply(x, 2);
    expect(tf.gradients(y, [x, z])[1]).to.equal(null);
  });

  it('undoes broadcasting', () => {
    const a = tf.constant([[1, 2, 3], [4, 5, 6]]);
    const b = tf.constant([10, 20, 30]);
    const [ga, gb] = tf.gradients(tf.add(a, b), [a, b]);
    const sess = new tf.Session();
    expect(sess.run(ga).toArray()).to.deep.equal([[1, 1, 1], [1, 1, 1]]);
    expect(sess.run(gb).toArray()).to.deep.equal([2, 2, 2]);
  });

  it('uses grad_ys as the upstream gradient', () => {
    const x = tf.constant([1, 2]);
    const [g] = tf.gradients(tf.multiply(x, 3), [x], [tf.constant([1, -1])]);
    expect(new tf.Session().run(g).toArray()).to.deep.equal([3, -3]);
  });

  it('stops at stop_gradient', () => {
    const x = tf.constant(2);
    const y = tf.add(tf.multiply(x, x), tf.stop_gradient(tf.multiply(x, x)));
    const [g] = tf.gradients(y, [x]);
    expect(new tf.Session().run(g)).to.equal(4);
  });

  it('is open to users through RegisterGradient, and names a missing gradient', () => {
    const square = tf.register_op({
      name: 'TestSquareNoGrad',
      inputs: [{ name: 'x', type_attr: 'T' }],
      outputs: [{ name: 'y', type_attr: 'T' }],
      attrs: { T: { type: 'type', allowed_values: ['float32'] } },
      shape: ([x]) => x,
      kernels: { cpu: (([x]) => new NDArray(Float32Array.from(x.data, (v) => v * v), x.shape, 'float32')) as tf.CpuKernel },
    });
    const x = tf.constant(3);
    const y = square([x]).outputs[0];
    expect(() => tf.gradients(y, [x])).to.throw(LookupError, "No gradient defined for operation 'TestSquareNoGrad' (op type: TestSquareNoGrad)");
    tf.RegisterGradient('TestSquareNoGrad', (op, [dy]) => [tf.multiply(dy!, tf.multiply(op.inputs[0], 2))]);
    const [g] = tf.gradients(y, [x]);
    expect(new tf.Session().run(g)).to.equal(6);
    expect(() => tf.RegisterGradient('TestSquareNoGrad', () => [null])).to.throw(/already registered/);
  });
});

describe('tf.gradients: xs upstream of each other, grad_ys forms', () => {
  beforeEach(() => tf.reset_default_graph());

  it('passes the gradient on through an x that another x feeds, as TF1', () => {
    const a = tf.constant(1);
    const x = tf.multiply(a, 2);
    const y = tf.multiply(x, 3);
    const sess = new tf.Session();
    expect(sess.run(tf.gradients(y, [x, a]))).to.deep.equal([3, 6]);
    const y2 = tf.multiply(x, a);
    expect(sess.run(tf.gradients(y2, [x, a]))).to.deep.equal([1, 4]);
  });

  it('takes an array of grad_ys as one entry per y, and anything else as the single y\'s', () => {
    const x = tf.constant(3);
    const y1 = tf.multiply(x, x), y2 = tf.multiply(x, 2);
    const sess = new tf.Session();
    expect(sess.run(tf.gradients([y1, y2], [x], [1, 2]))).to.deep.equal([10]);
    expect(sess.run(tf.gradients([y1], [x], [4]))).to.deep.equal([24]);
    expect(sess.run(tf.gradients(y1, [x], 4))).to.deep.equal([24]);
    expect(() => tf.gradients([y1, y2], [x], [1])).to.throw(tf.errors.ValueError, 'Passed 1 grad_ys for 2 ys');
  });
});
