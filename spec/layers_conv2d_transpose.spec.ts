import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkThroughVariables } from './helpers/layer_gradient_check';
import { refConv2DBackpropInput } from './helpers/conv_reference';

/* tf.layers.conv2d_transpose: kernel [kh, kw, filters, in], TF1's output sizes, values against the reference transposed convolution. */

const nd = (shape: number[], f: (i: number) => number) => {
  const a = NDArray.zeros(shape, 'float32');
  for (let i = 0; i < a.size; i++) a.data[i] = f(i);
  return a;
};

describe('tf.layers.conv2d_transpose', () => {
  beforeEach(() => tf.reset_default_graph());

  it('names conv2d_transpose/kernel [kh, kw, filters, in] and bias; output sizes as TF1 (valid: in*s + max(k - s, 0), same: in*s)', () => {
    const x = tf.placeholder(tf.float32, [2, 3, 4, 5]);
    const y = tf.layers.conv2d_transpose(x, 6, [3, 2], { strides: 2 });
    expect(tf.global_variables().map((v) => v.name)).to.deep.equal(['conv2d_transpose/kernel:0', 'conv2d_transpose/bias:0']);
    expect(tf.global_variables()[0].shape).to.deep.equal([3, 2, 6, 5]);
    expect(y.shape).to.deep.equal([2, 7, 8, 6]); // 3*2 + 1, 4*2 + 0
    expect(tf.layers.conv2d_transpose(x, 1, 3, { strides: 2, padding: 'same' }).shape).to.deep.equal([2, 6, 8, 1]);
    expect(tf.layers.conv2d_transpose(x, 1, 1, { strides: 3 }).shape).to.deep.equal([2, 9, 12, 1]);
    expect(tf.global_variables()[2].name).to.equal('conv2d_transpose_1/kernel:0');
    expect(tf.get_default_graph().get_operations().map((o) => o.type)).to.include('Conv2DBackpropInput');
    expect(() => tf.layers.conv2d_transpose(x, 1, 3, { dilation_rate: 2 } as never)).to.throw(TypeError, 'dilation_rate');
  });

  for (const padding of ['valid', 'same']) {
    it(`${padding}: values against the reference (the gradient of conv2d w.r.t. its input), with a dynamic batch`, () => {
      const xv = nd([2, 3, 3, 2], (i) => Math.sin(i * 0.7));
      const wv = nd([3, 3, 4, 2], (i) => Math.cos(i * 0.3));
      const x = tf.placeholder(tf.float32, [null, 3, 3, 2]);
      const y = tf.layers.conv2d_transpose(x, 4, 3, { strides: 2, padding, kernel_initializer: tf.constant_initializer(wv), bias_initializer: tf.constant_initializer([1, 2, 3, 4]) });
      const size = padding === 'valid' ? 7 : 6;
      expect(y.shape).to.deep.equal([null, size, size, 4]);
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const out = sess.run(y, new Map([[x, xv]])) as NDArray;
      expect(out.shape).to.deep.equal([2, size, size, 4]);
      const ref = refConv2DBackpropInput({ x: NDArray.zeros([2, size, size, 4], 'float32'), w: wv, strides: [1, 2, 2, 1],
        padding: padding.toUpperCase(), dilations: [1, 1, 1, 1] }, xv);
      for (let i = 0; i < out.size; i++) expect(out.data[i]).to.be.closeTo(ref.data[i] + 1 + (i % 4), 1e-4, `element ${i}`);
    });
  }

  it('has the numerical gradient w.r.t. input, kernel and bias', () => {
    const x = tf.placeholder(tf.float32, [1, 2, 2, 2]);
    const layer = new tf.layers.Conv2DTranspose(2, 2, { strides: 2, activation: tf.nn.tanh });
    checkThroughVariables(layer.apply(x), x, nd([1, 2, 2, 2], (i) => Math.sin(i)), () => layer.weights);
  });
});
