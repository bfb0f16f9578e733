import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkGradients, randomArray } from './helpers/gradient_check';

function run<T>(fn: (sess: tf.Session) => T): T {
  const g = new tf.Graph();
  return g.as_default(() => {
    const sess = new tf.Session({ graph: g });
    try { return fn(sess); } finally { sess.close(); }
  });
}

/** Values kept 0.05 away from the kinks at 0 and 6, so central differences see one linear piece. */
function awayFromKinks(shape: number[], seed: number, lo: number, hi: number): NDArray {
  const a = randomArray(shape, seed, lo, hi);
  for (let i = 0; i < a.size; i++) {
    for (const kink of [0, 6]) if (Math.abs(a.data[i] - kink) < 0.05) a.data[i] = kink + (a.data[i] < kink ? -0.05 : 0.05);
  }
  return a;
}

describe('BiasAdd', () => {
  it('adds the bias along the last dimension, for rank 2 and rank 4', () => {
    run((sess) => {
      expect(sess.run(tf.nn.bias_add(tf.constant([[1, 2], [3, 4]]), tf.constant([10, 20]))).toArray())
        .to.deep.equal([[11, 22], [13, 24]]);
      const x = randomArray([2, 3, 2, 4], 1), b = randomArray([4], 2);
      const got = sess.run(tf.nn.bias_add(tf.constant(x), tf.constant(b))) as NDArray;
      for (let i = 0; i < x.size; i++) expect(got.data[i]).to.equal(Math.fround(x.data[i] + b.data[i % 4]));
    });
  });

  it('infers shapes and rejects bad ones with errors naming the op', () => {
    run((sess) => {
      expect(tf.nn.bias_add(tf.placeholder('float', [null, 7, 7, 64]), tf.zeros([64])).shape).to.deep.equal([null, 7, 7, 64]);
      expect(tf.nn.bias_add(tf.placeholder('float', [null, null]), tf.zeros([5])).shape).to.deep.equal([null, 5]);
      expect(() => tf.nn.bias_add(tf.zeros([2, 3]), tf.zeros([4]), null, 'b1')).to.throw(tf.errors.ValueError, /3 and 4 for 'b1'/);
      expect(() => tf.nn.bias_add(tf.zeros([3]), tf.zeros([3]), null, 'b2')).to.throw(tf.errors.ValueError, /at least rank 2.*'b2'/);
      expect(() => tf.nn.bias_add(tf.zeros([2, 3]), tf.zeros([1, 3]), null, 'b3')).to.throw(tf.errors.ValueError, /rank 1.*'b3'/);
      expect(() => tf.nn.bias_add(tf.zeros([2, 3]), tf.zeros([3]), 'NCHW')).to.throw(tf.errors.ValueError, /NCHW/);
      const x = tf.placeholder('float', null);
      const y = tf.nn.bias_add(x, tf.zeros([3]), null, 'b4');
      expect(() => sess.run(y, new Map([[x, NDArray.zeros([2, 4])]]))).to.throw(tf.errors.InvalidArgumentError, /b4.*as many biases/);
    });
  });

  it('BiasAddGrad sums over all but the last dimension; numerical checks of BiasAdd and BiasAddGrad', () => {
    run((sess) => {
      const x = tf.placeholder('float', [2, 2, 3]);
      const b = tf.zeros([3]);
      const [db] = tf.gradients(tf.nn.bias_add(x, b), [b], [tf.constant([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]])]);
      expect(db!.op.type).to.equal('BiasAddGrad');
      expect(sess.run(db!, new Map([[x, NDArray.zeros([2, 2, 3])]])).toArray()).to.deep.equal([22, 26, 30]);
    });
    checkGradients((x, b) => tf.nn.bias_add(x, b), [randomArray([2, 3, 4], 3), randomArray([4], 4)]);
    // Second order: BiasAddGrad w.r.t. its input.
    checkGradients((dy) => {
      const b = tf.zeros([4]);
      return tf.gradients(tf.nn.bias_add(tf.zeros([3, 4]), b), [b], [dy])[0]!;
    }, [randomArray([3, 4], 5)]);
  });
});

describe('Relu6, Elu, LeakyRelu', () => {
  it('compute TF1\'s values', () => {
    run((sess) => {
      const x = tf.constant([-2, -0.5, 0, 0.5, 5.5, 6, 7.25]);
      expect(sess.run(tf.nn.relu6(x)).toArray()).to.deep.equal([0, 0, 0, 0.5, 5.5, 6, 6]);
      const elu = sess.run(tf.nn.elu(x)) as NDArray;
      [-2, -0.5, 0, 0.5, 5.5, 6, 7.25].forEach((v, i) => expect(elu.data[i]).to.equal(Math.fround(v < 0 ? Math.expm1(v) : v)));
      expect(sess.run(tf.nn.leaky_relu(x)).toArray()).to.deep.equal([-2 * 0.2, -0.5 * 0.2, 0, 0.5, 5.5, 6, 7.25].map(Math.fround));
      expect(sess.run(tf.nn.leaky_relu(x, 0.5)).toArray()).to.deep.equal([-1, -0.25, 0, 0.5, 5.5, 6, 7.25]);
      expect(sess.run(tf.nn.leaky_relu(x, { alpha: 0.1, name: 'lr' })).toArray()[0]).to.equal(Math.fround(-2 * Math.fround(0.1)));
    });
  });

  it('gradients use TF1\'s gradient ops and conventions at the kinks', () => {
    run((sess) => {
      const x = tf.constant([-1, 0, 3, 6, 8]);
      const [d6] = tf.gradients(tf.nn.relu6(x), [x]);
      const [dElu] = tf.gradients(tf.nn.elu(x), [x]);
      const [dLeaky] = tf.gradients(tf.nn.leaky_relu(x, 0.25), [x]);
      expect(d6!.op.type).to.equal('Relu6Grad');
      expect(dElu!.op.type).to.equal('EluGrad');
      expect(dLeaky!.op.type).to.equal('LeakyReluGrad');
      expect(sess.run(d6!).toArray()).to.deep.equal([0, 0, 1, 0, 0]);
      expect(sess.run(dLeaky!).toArray()).to.deep.equal([0.25, 0.25, 1, 1, 1]);
      const e = sess.run(dElu!) as NDArray;
      expect(e.data[0]).to.be.closeTo(Math.exp(-1), 1e-6);
      expect(Array.from(e.data.slice(1))).to.deep.equal([1, 1, 1, 1]);
    });
  });

  it('numerical gradient checks of the activations and of their gradient ops', () => {
    const x = awayFromKinks([3, 5], 7, -3, 8);
    checkGradients((t) => tf.nn.relu6(t), [x]);
    checkGradients((t) => tf.nn.elu(t), [x]);
    checkGradients((t) => tf.nn.leaky_relu(t, 0.3), [x]);
    // Second order: each gradient op w.r.t. the incoming gradient, and Elu's through x too.
    checkGradients((dy) => { const c = tf.constant(x); return tf.gradients(tf.nn.relu6(c), [c], [dy])[0]!; }, [randomArray([3, 5], 8)]);
    checkGradients((dy) => { const c = tf.constant(x); return tf.gradients(tf.nn.leaky_relu(c), [c], [dy])[0]!; }, [randomArray([3, 5], 9)]);
    checkGradients((t, dy) => tf.gradients(tf.nn.elu(t), [t], [dy])[0]!, [x, randomArray([3, 5], 10)]);
  });

  it('reject non-float inputs and mismatched gradient shapes', () => {
    run(() => {
      expect(() => tf.nn.relu6(tf.constant([1, 2], 'int32'), 'r')).to.throw(TypeError,
        "Value passed to parameter 'features' of 'r' (op: 'Relu6') has DataType int32 not in list of allowed values: float32");
      expect(() => tf.nn.leaky_relu(tf.zeros([2]), Number.NaN)).to.throw(tf.errors.ValueError, /alpha/);
    });
  });
});
