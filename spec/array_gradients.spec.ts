import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkGradients, randomArray } from './helpers/gradient_check';

const ints = (v: unknown) => NDArray.from(v, 'int32');

/** Random values kept away from 0, where Relu's derivative jumps. */
function awayFromZero(shape: number[], seed: number): NDArray {
  const a = randomArray(shape, seed);
  for (let i = 0; i < a.size; i++) a.data[i] = Math.sign(a.data[i] || 1) * (0.1 + Math.abs(a.data[i]));
  return a;
}

/** Softmax outputs (rows on the simplex), as the inputs SoftmaxGrad sees in practice. */
function softmaxRows(shape: number[], seed: number): NDArray {
  const a = randomArray(shape, seed, -2, 2);
  const cols = shape[shape.length - 1];
  for (let r = 0; r < a.size / cols; r++) {
    let s = 0;
    for (let j = 0; j < cols; j++) { a.data[r * cols + j] = Math.exp(a.data[r * cols + j]); s += a.data[r * cols + j]; }
    for (let j = 0; j < cols; j++) a.data[r * cols + j] /= s;
  }
  return a;
}

describe('array and activation gradients', () => {
  beforeEach(() => tf.reset_default_graph());

  describe('layout ops', () => {
    it('Transpose: constant perms (inverse permutation folded) and a fed perm (InvertPermutation)', () => {
      checkGradients((x) => tf.transpose(x), [randomArray([3, 4], 1)]);
      checkGradients((x) => tf.transpose(x, [2, 0, 1]), [randomArray([2, 3, 4], 2)]);
      checkGradients((x) => tf.transpose(x, [0, 3, 1, 2]), [randomArray([2, 2, 3, 2], 3)]);
      checkGradients((x, perm) => tf.transpose(x, perm), [randomArray([2, 3, 4], 4), ints([1, 2, 0])]);
    });

    it('ConcatV2: windows of dy, with a constant axis and with a fed one (ConcatOffset)', () => {
      checkGradients((a, b) => tf.concat([a, b], 0), [randomArray([2, 3], 1), randomArray([1, 3], 2)]);
      checkGradients((a, b, c) => tf.concat([a, b, c], -1), [randomArray([2, 1], 3), randomArray([2, 3], 4), randomArray([2, 2], 5)]);
      checkGradients((a, b, axis) => tf.concat([a, b], axis), [randomArray([2, 2, 3], 6), randomArray([2, 1, 3], 7), NDArray.scalar(1, 'int32')]);
    });

    it('Pack and Unpack: each is the other one backwards', () => {
      checkGradients((a, b, c) => tf.stack([a, b, c], 1), [randomArray([2, 3], 1), randomArray([2, 3], 2), randomArray([2, 3], 3)]);
      checkGradients((a) => tf.stack([a, a], -1), [randomArray([3], 4)]);
      checkGradients((x) => { const [p, q, r] = tf.unstack(x, { axis: 1 }); return tf.concat([p, tf.multiply(q, 2), r], 0); }, [randomArray([2, 3], 5)]);
    });

    it('Unpack gives zeros for outputs that receive no gradient', () => {
      checkGradients((x) => tf.unstack(x)[1], [randomArray([3, 2], 6)]);
    });

    it('ExpandDims and Squeeze: dy reshaped back', () => {
      checkGradients((x) => tf.expand_dims(x, 1), [randomArray([2, 3], 1)]);
      checkGradients((x) => tf.squeeze(x), [randomArray([2, 1, 3, 1], 2)]);
      checkGradients((x) => tf.squeeze(x, [0]), [randomArray([1, 4], 3)]);
    });

    it('Slice: dy padded back into place, with constant and fed begin', () => {
      checkGradients((x) => tf.slice(x, [1, 0], [2, -1]), [randomArray([4, 3], 1)]);
      checkGradients((x) => tf.slice(x, [0, 1, 1], [2, 1, 2]), [randomArray([2, 3, 3], 2)]);
      checkGradients((x, begin) => tf.slice(x, begin, [2, 2]), [randomArray([3, 4], 3), ints([1, 2])]);
    });

    it('Pad and PadV2: the window of dy where the input sits, with constant and fed paddings', () => {
      checkGradients((x) => tf.pad(x, [[1, 2], [0, 1]]), [randomArray([2, 3], 1)]);
      checkGradients((x) => tf.pad(x, [[0, 1], [2, 0]], { constant_values: 3 }), [randomArray([2, 2], 2)]);
      checkGradients((x, p) => tf.pad(x, p), [randomArray([2, 3], 3), ints([[1, 0], [2, 1]])]);
    });

    it('Tile: the sum over the tiles, with constant and fed multiples', () => {
      checkGradients((x) => tf.tile(x, [2, 3]), [randomArray([2, 2], 1)]);
      checkGradients((x) => tf.tile(x, [1, 2, 2]), [randomArray([2, 1, 3], 2)]);
      checkGradients((x, m) => tf.tile(x, m), [randomArray([2, 3], 3), ints([3, 1])]);
    });

    it('Select: dy to the branch chosen, zeros to the other', () => {
      const mask = NDArray.from([[true, false, true], [false, false, true]]);
      checkGradients((c, a, b) => tf.where(c, a, b), [mask, randomArray([2, 3], 1), randomArray([2, 3], 2)]);
      checkGradients((c, a, b) => tf.where(c, a, b), [NDArray.from([false, true]), randomArray([2, 3], 3), randomArray([2, 3], 4)]);
    });

    it('OneHot passes no gradient to its values', () => {
      const on = tf.placeholder('float32', []);
      const y = tf.one_hot([0, 1], 2, { on_value: on, off_value: tf.constant(0) });
      expect(tf.gradients(tf.reduce_sum(y), [on])).to.deep.equal([null]);
    });

    it('gives the same gradients when the shapes are only known at run time', () => {
      const x = randomArray([3, 4], 9), w = randomArray([2, 8], 10);
      const grad = (shape: (number | null)[] | null): number[] => {
        tf.reset_default_graph();
        const p = tf.placeholder('float32', shape);
        const body = tf.tile(tf.slice(tf.pad(tf.concat([p, tf.squeeze(tf.expand_dims(p, 0), [0])], 0), [[1, 1], [0, 0]]), [1, 0], [2, -1]), [1, 2]);
        const loss = tf.reduce_sum(tf.multiply(body, tf.constant(w)));
        const [g] = tf.gradients(loss, [p]);
        const sess = new tf.Session();
        try { return Array.from((sess.run(g!, [[p, x]]) as NDArray).data); } finally { sess.close(); }
      };
      const known = grad([3, 4]);
      expect(grad([null, 4])).to.deep.equal(known);
      expect(grad([null, null])).to.deep.equal(known);
    });
  });

  describe('activations', () => {
    it('Relu (through ReluGrad) and ReluGrad itself', () => {
      checkGradients((x) => tf.nn.relu(x), [awayFromZero([3, 4], 1)]);
      checkGradients((dy, x) => tf.get_default_graph().create_op('ReluGrad', [dy, x]).outputs[0], [randomArray([5], 2), awayFromZero([5], 3)]);
    });

    it('Sigmoid and SigmoidGrad', () => {
      checkGradients((x) => tf.sigmoid(x), [randomArray([3, 4], 1, -4, 4)]);
      checkGradients((y, dy) => tf.get_default_graph().create_op('SigmoidGrad', [y, dy]).outputs[0], [randomArray([6], 2, 0, 1), randomArray([6], 3)]);
    });

    it('Tanh and TanhGrad', () => {
      checkGradients((x) => tf.tanh(x), [randomArray([3, 4], 1, -2, 2)]);
      checkGradients((y, dy) => tf.get_default_graph().create_op('TanhGrad', [y, dy]).outputs[0], [randomArray([6], 2), randomArray([6], 3)]);
    });

    it('Softmax (through SoftmaxGrad), over the last and another axis', () => {
      checkGradients((x) => tf.nn.softmax(x), [randomArray([3, 5], 1, -3, 3)]);
      checkGradients((x) => tf.nn.softmax(x, 0), [randomArray([4, 2], 2, -3, 3)]);
      checkGradients((x) => tf.nn.softmax(x), [randomArray([2, 2, 3], 3, -3, 3)]);
    });

    it('SoftmaxGrad itself (second derivatives of softmax)', () => {
      checkGradients((y, dy) => tf.get_default_graph().create_op('SoftmaxGrad', [y, dy]).outputs[0], [softmaxRows([3, 4], 1), randomArray([3, 4], 2)]);
    });

    it('LogSoftmax (through LogSoftmaxGrad) and LogSoftmaxGrad itself', () => {
      checkGradients((x) => tf.nn.log_softmax(x), [randomArray([3, 5], 1, -3, 3)]);
      checkGradients((x) => tf.nn.log_softmax(x, 0), [randomArray([3, 2], 2, -3, 3)]);
      checkGradients((y, dy) => tf.get_default_graph().create_op('LogSoftmaxGrad', [y, dy]).outputs[0], [randomArray([2, 4], 3, -3, 0), randomArray([2, 4], 4)]);
    });

    it('softmax and log_softmax gradients stay finite for logits of 1e4', () => {
      const x = tf.placeholder('float32', [2, 3]);
      const target = tf.constant([[0, 1, 0], [0, 0, 1]]);
      const sm = tf.nn.softmax(x), ls = tf.nn.log_softmax(x);
      const grads = tf.gradients([tf.reduce_sum(tf.multiply(sm, target)), tf.reduce_sum(tf.multiply(ls, target))], [x]);
      const sess = new tf.Session();
      const g = sess.run(grads[0]!, [[x, NDArray.from([[1e4, 0, -1e4], [-1e4, 1e4, 0]])]]) as NDArray;
      expect(Array.from(g.data).every(Number.isFinite)).to.equal(true);
      // d log_softmax[i, t] / dx = onehot(t) - softmax: here [[-1, 1, 0], [0, -1, 1]] (softmax terms are 0 or 1).
      const lsOnly = sess.run(tf.gradients(tf.reduce_sum(tf.multiply(ls, target)), [x])[0]!, [[x, NDArray.from([[1e4, 0, -1e4], [-1e4, 1e4, 0]])]]) as NDArray;
      expect(lsOnly.toArray()).to.deep.equal([[-1, 1, 0], [0, -1, 1]]);
    });
  });
});
