import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkThroughVariables } from './helpers/layer_gradient_check';
import { refConv2D, refMaxPool, refAvgPool } from './helpers/conv_reference';

/* tf.layers dense, conv2d, pooling, flatten, dropout: TF1's names, values, shapes, gradients. */

const opNames = () => tf.get_default_graph().get_operations().map((o) => o.name);
const varNames = (vs: tf.Variable[]) => vs.map((v) => v.name);
const nd = (shape: number[], f: (i: number) => number) => {
  const a = NDArray.zeros(shape, 'float32');
  for (let i = 0; i < a.size; i++) a.data[i] = f(i);
  return a;
};
const run = (t: tf.Tensor, feed?: Map<tf.Tensor, NDArray>) => {
  const sess = tf.Session();
  sess.run(tf.global_variables_initializer());
  return sess.run(t, feed) as NDArray;
};
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5) => {
  expect(a.length).to.equal(b.length);
  for (let i = 0; i < a.length; i++) expect(a[i]).to.be.closeTo(b[i], tol, `element ${i}`);
};

describe('tf.layers.dense', () => {
  beforeEach(() => tf.reset_default_graph());

  it('names variables dense/kernel, dense/bias, then dense_1/..., and ops dense/MatMul, dense/BiasAdd, dense/Relu', () => {
    const x = tf.placeholder(tf.float32, [null, 3]);
    const y = tf.layers.dense(x, 4, { activation: tf.nn.relu });
    tf.layers.dense(y, 2);
    expect(varNames(tf.global_variables())).to.deep.equal(['dense/kernel:0', 'dense/bias:0', 'dense_1/kernel:0', 'dense_1/bias:0']);
    expect(varNames(tf.trainable_variables())).to.have.length(4);
    expect(y.name).to.equal('dense/Relu:0');
    expect(opNames()).to.include.members(['dense/MatMul', 'dense/BiasAdd', 'dense/Relu', 'dense_1/MatMul', 'dense_1/BiasAdd']);
    expect(y.shape).to.deep.equal([null, 4]);
  });

  it('puts the layer inside the enclosing variable scope (foo/dense/kernel) and reuses by name', () => {
    const x = tf.placeholder(tf.float32, [2, 3]);
    tf.variable_scope('foo', () => tf.layers.dense(x, 4));
    expect(varNames(tf.global_variables())).to.deep.equal(['foo/dense/kernel:0', 'foo/dense/bias:0']);
    const a = tf.layers.dense(x, 4, { name: 'fc' });
    const b = tf.layers.dense(x, 4, { name: 'fc', reuse: true });
    expect(varNames(tf.global_variables())).to.deep.equal(['foo/dense/kernel:0', 'foo/dense/bias:0', 'fc/kernel:0', 'fc/bias:0']);
    expect(b.op.name).to.equal('fc_1/BiasAdd');
    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    const feed = new Map([[x, nd([2, 3], (i) => i)]]);
    close((sess.run(a, feed) as NDArray).data, (sess.run(b, feed) as NDArray).data, 0);
    expect(() => tf.layers.dense(x, 4, { name: 'fc' })).to.throw(tf.errors.ValueError, 'Variable fc/kernel already exists');
    expect(() => tf.layers.dense(x, 4, { name: 'nope', reuse: true })).to.throw(tf.errors.ValueError, 'Variable nope/kernel does not exist');
  });

  it('computes x.W + b with the given initializers (hand-computed)', () => {
    const x = tf.constant([[1, 2], [3, -4]]);
    const y = tf.layers.dense(x, 2, { kernel_initializer: tf.constant_initializer([1, 2, 3, 4]), bias_initializer: tf.constant_initializer([0.5, -1]) });
    // W = [[1, 2], [3, 4]]: [1, 2].W = [7, 10]; [3, -4].W = [-9, -10]
    close(run(y).data, [7.5, 9, -8.5, -11]);
  });

  it('takes rank-3 inputs with a tensordot (reshape, MatMul, reshape) and keeps the static shape', () => {
    const x = tf.placeholder(tf.float32, [null, 2, 3]);
    const y = tf.layers.dense(x, 2, { kernel_initializer: tf.ones_initializer(), use_bias: false });
    expect(y.shape).to.deep.equal([null, 2, 2]);
    expect(opNames()).to.include('dense/Tensordot/MatMul');
    const out = run(y, new Map([[x, nd([1, 2, 3], (i) => i)]]));
    expect(out.shape).to.deep.equal([1, 2, 2]);
    close(out.data, [3, 3, 12, 12]);
  });

  it('shares variables when one Dense object is called twice; exposes kernel, bias, weights', () => {
    const layer = new tf.layers.Dense(3, { name: 'shared' });
    const x = tf.placeholder(tf.float32, [null, 2]);
    layer.apply(x);
    const y2 = layer.apply(x);
    expect(varNames(tf.global_variables())).to.deep.equal(['shared/kernel:0', 'shared/bias:0']);
    expect(layer.kernel.name).to.equal('shared/kernel:0');
    expect(layer.bias!.name).to.equal('shared/bias:0');
    expect(varNames(layer.trainable_weights)).to.deep.equal(['shared/kernel:0', 'shared/bias:0']);
    expect(layer.non_trainable_weights).to.deep.equal([]);
    expect(layer.built).to.equal(true);
    expect(y2.op.name).to.equal('shared/BiasAdd_1');
  });

  it('collects kernel and bias regularization losses once, in the layer and REGULARIZATION_LOSSES', () => {
    const x = tf.placeholder(tf.float32, [null, 2]);
    const layer = new tf.layers.Dense(2, { kernel_initializer: tf.ones_initializer(), kernel_regularizer: tf.contrib.layers.l2_regularizer(0.5),
      bias_regularizer: tf.contrib.layers.l1_regularizer(1.0), bias_initializer: tf.constant_initializer([1, -2]) });
    layer.apply(x);
    layer.apply(x);
    const losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES) as tf.Tensor[];
    expect(losses).to.have.length(2);
    expect(layer.losses).to.deep.equal(losses);
    expect(losses[0].op.name.startsWith('dense/kernel/Regularizer/')).to.equal(true);
    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    expect(sess.run(losses[0]) as number).to.be.closeTo(0.5 * 4 / 2, 1e-6); // l2: scale * sum(w^2) / 2
    expect(sess.run(losses[1]) as number).to.be.closeTo(3, 1e-6);
  });

  it('non-trainable: variables only in GLOBAL_VARIABLES; refuses constraints; checks the input', () => {
    const x = tf.placeholder(tf.float32, [null, 2]);
    tf.layers.dense(x, 2, { trainable: false });
    expect(tf.trainable_variables()).to.deep.equal([]);
    expect(tf.global_variables()).to.have.length(2);
    expect(() => tf.layers.dense(x, 2, { kernel_constraint: (w: tf.Tensor) => w })).to.throw(tf.errors.ValueError, 'constraints');
    expect(() => tf.layers.dense(tf.placeholder(tf.float32, [2, null]), 2)).to.throw(tf.errors.ValueError, 'should be defined');
    expect(() => tf.layers.dense(x, 2, { units2: 3 } as never)).to.throw(TypeError, "unexpected keyword argument 'units2'");
  });

  it('has the numerical gradient w.r.t. input and variables', () => {
    const x = tf.placeholder(tf.float32, [2, 4]);
    const layer = new tf.layers.Dense(3, { activation: tf.nn.tanh, bias_initializer: tf.constant_initializer([0.1, -0.2, 0.3]) });
    checkThroughVariables(layer.apply(x), x, nd([2, 4], (i) => Math.sin(i)), () => layer.weights);
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant(nd([2, 4], (i) => Math.sin(i)));
      const y = tf.layers.dense(x, 3, { activation: tf.nn.tanh });
      const loss = tf.reduce_sum(tf.square(y));
      const vars = tf.trainable_variables();
      const grads = tf.gradients(loss, [x, ...vars]);
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const [w, b] = sess.run(vars) as NDArray[];
      // Independent reference: loss(W) by hand, central differences on W and b.
      const xs = nd([2, 4], (i) => Math.sin(i));
      const f = (W: NDArray, B: NDArray) => {
        let s = 0;
        for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) {
          let z = B.data[c];
          for (let k = 0; k < 4; k++) z += xs.data[r * 4 + k] * W.data[k * 3 + c];
          s += Math.tanh(z) ** 2;
        }
        return s;
      };
      const [, gw, gb] = sess.run(grads) as NDArray[];
      for (let j = 0; j < w.size; j++) {
        const p = w.clone(), m = w.clone(); p.data[j] += 1e-3; m.data[j] -= 1e-3;
        expect(gw.data[j]).to.be.closeTo((f(p, b) - f(m, b)) / 2e-3, 2e-3);
      }
      for (let j = 0; j < b.size; j++) {
        const p = b.clone(), m = b.clone(); p.data[j] += 1e-3; m.data[j] -= 1e-3;
        expect(gb.data[j]).to.be.closeTo((f(w, p) - f(w, m)) / 2e-3, 2e-3);
      }
    });
  });
});

describe('tf.layers.conv2d, pooling, flatten, dropout', () => {
  beforeEach(() => tf.reset_default_graph());

  it('conv2d: kernel [kh, kw, in, filters], names conv2d/Conv2D, values against the reference convolution', () => {
    const xv = nd([1, 5, 5, 2], (i) => Math.sin(i));
    const wv = nd([3, 3, 2, 4], (i) => Math.cos(i));
    const x = tf.placeholder(tf.float32, [null, 5, 5, 2]);
    const y = tf.layers.conv2d(x, 4, 3, { strides: 2, padding: 'SAME', kernel_initializer: tf.constant_initializer(wv), activation: tf.nn.relu });
    tf.layers.conv2d(x, 1, [2, 2]);
    expect(varNames(tf.global_variables())).to.deep.equal(['conv2d/kernel:0', 'conv2d/bias:0', 'conv2d_1/kernel:0', 'conv2d_1/bias:0']);
    expect(tf.global_variables()[0].shape).to.deep.equal([3, 3, 2, 4]);
    expect(opNames()).to.include.members(['conv2d/Conv2D', 'conv2d/BiasAdd', 'conv2d/Relu', 'conv2d_1/Conv2D']);
    expect(y.shape).to.deep.equal([null, 3, 3, 4]);
    const ref = refConv2D({ x: xv, w: wv, strides: [1, 2, 2, 1], padding: 'SAME', dilations: [1, 1, 1, 1] });
    close(run(y, new Map([[x, xv]])).data, Array.from(ref.data).map((v) => Math.max(v, 0)), 1e-4);
  });

  it('conv2d: valid output size, errors for channels_first, dilation and bad padding', () => {
    const x = tf.placeholder(tf.float32, [2, 6, 5, 1]);
    expect(tf.layers.conv2d(x, 3, [3, 2]).shape).to.deep.equal([2, 4, 4, 3]);
    expect(() => tf.layers.conv2d(x, 3, 3, { data_format: 'channels_first' })).to.throw(tf.errors.ValueError, 'channels_first');
    expect(() => tf.layers.conv2d(x, 3, 3, { dilation_rate: 2 })).to.throw(tf.errors.ValueError, 'dilation_rate');
    expect(() => tf.layers.conv2d(x, 3, 3, { padding: 'full' })).to.throw(tf.errors.ValueError, 'padding');
    expect(() => tf.layers.conv2d(tf.placeholder(tf.float32, [2, 3]), 3, 3)).to.throw(tf.errors.ValueError, 'expected ndim=4');
  });

  it('conv2d: numerical gradient through the layer w.r.t. input (kernel fixed by a constant initializer)', () => {
    const wv = nd([2, 2, 2, 3], (i) => Math.cos(i) * 0.5);
    const xv = nd([1, 3, 3, 2], (i) => Math.sin(i));
    const x = tf.placeholder(tf.float32, [1, 3, 3, 2]);
    const layer = new tf.layers.Conv2D(3, 2, { padding: 'same', kernel_initializer: tf.constant_initializer(wv), bias_initializer: tf.constant_initializer(0.3) });
    checkThroughVariables(layer.apply(x), x, xv, () => layer.weights);
  });

  it('max_pooling2d / average_pooling2d: names and values against the reference pools', () => {
    const xv = nd([1, 4, 5, 2], (i) => Math.sin(i * 1.7));
    const x = tf.placeholder(tf.float32, [null, 4, 5, 2]);
    const m = tf.layers.max_pooling2d(x, 2, 2);
    const a = tf.layers.average_pooling2d(x, [2, 3], 1, { padding: 'same' });
    expect(m.op.name).to.equal('max_pooling2d/MaxPool');
    expect(a.op.name).to.equal('average_pooling2d/AvgPool');
    expect(tf.layers.max_pooling2d(x, 2, 2).op.name).to.equal('max_pooling2d_1/MaxPool');
    expect(m.shape).to.deep.equal([null, 2, 2, 2]);
    close(run(m, new Map([[x, xv]])).data, refMaxPool({ x: xv, ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'VALID' }).data);
    close(run(a, new Map([[x, xv]])).data, refAvgPool({ x: xv, ksize: [1, 2, 3, 1], strides: [1, 1, 1, 1], padding: 'SAME' }).data);
    expect(() => (tf.layers.max_pooling2d as (...a: unknown[]) => unknown)(x, 2)).to.throw(TypeError, "missing 1 required positional argument: 'strides'");
  });

  it('flatten: [batch, prod(rest)] with a dynamic batch, op flatten/Reshape', () => {
    const x = tf.placeholder(tf.float32, [null, 2, 3]);
    const y = tf.layers.flatten(x);
    expect(y.op.name).to.equal('flatten/Reshape');
    expect(y.shape).to.deep.equal([null, 6]);
    const out = run(y, new Map([[x, nd([4, 2, 3], (i) => i)]]));
    expect(out.shape).to.deep.equal([4, 6]);
    close(out.data, Array.from({ length: 24 }, (_, i) => i));
    const z = tf.placeholder(tf.float32, [null, null, 2]);
    const zf = tf.layers.flatten(z);
    expect(run(zf, new Map([[z, nd([3, 2, 2], (i) => i)]])).shape).to.deep.equal([3, 4]);
    expect(tf.layers.flatten(tf.placeholder(tf.float32, [5, 2, 2])).shape).to.deep.equal([5, 4]);
  });

  it('dropout: identity unless training; rate drops and scales by 1/(1-rate); training as a bool tensor', () => {
    const x = tf.ones([1000]);
    const off = tf.layers.dropout(x, { rate: 0.25 });
    expect(off.op.name).to.equal('dropout/Identity');
    close(run(off).data, new Array(1000).fill(1));
    const on = run(tf.layers.dropout(x, { rate: 0.25, training: true, seed: 1 })).data;
    const kept = Array.from(on).filter((v) => v !== 0);
    for (const v of kept) expect(v).to.be.closeTo(1 / 0.75, 1e-6);
    expect(kept.length).to.be.within(750 - 60, 750 + 60); // ~4.4 standard deviations
    const training = tf.placeholder(tf.bool, []);
    const y = tf.layers.dropout(x, { rate: 0.5, training });
    const sess = tf.Session();
    const inference = sess.run(y, new Map([[training, false]])) as NDArray;
    close(inference.data, new Array(1000).fill(1));
    const train = sess.run(y, new Map([[training, true]])) as NDArray;
    const zeros = Array.from(train.data).filter((v) => v === 0).length;
    expect(zeros).to.be.within(500 - 70, 500 + 70);
    expect(() => tf.layers.dropout(x, { rate: 1 })).to.throw(tf.errors.ValueError, 'rate');
  });
});
