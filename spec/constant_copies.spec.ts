/**
 * A Const holds its own copy of a caller's array: changing the NDArray or typed array
 * after building the graph changes nothing, on the CPU backend (whose Const kernel
 * hands out the attr itself) and on the gpu backend (which uploads it once) alike.
 */
import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { probeGl } from '../lib/gpu/index';

const DEVICES = ['cpu', probeGl() ? 'gpu' : 'gpu-webasm'];

describe("Const values are copies of the caller's arrays", function () {
  this.timeout(60000);

  for (const device of DEVICES) {
    it(`tf.constant, tf.Variable and operands keep the values they were built with (${device})`, () => {
      const g = new tf.Graph();
      g.as_default(() => {
        const nd = new NDArray(new Float32Array([1, 2, 3]), [3], 'float32');
        const typed = new Float32Array([4, 5, 6]);
        const initial = new NDArray(new Float32Array([7, 8, 9]), [3], 'float32');
        const operand = new NDArray(new Float32Array([10, 20, 30]), [3], 'float32');
        const fromNd = tf.constant(nd);
        const reshaped = tf.constant(nd, { shape: [3, 1] });
        const converted = tf.constant(nd, 'int32');
        const fromTyped = tf.constant(typed);
        const v = tf.Variable(initial);
        const sum = tf.add(fromNd, operand);

        nd.data.fill(-1); typed.fill(-1); initial.data.fill(-1); operand.data.fill(-1);

        const sess = new tf.Session({ graph: g, config: { device } });
        sess.run(tf.global_variables_initializer());
        const expected = [[1, 2, 3], [[1], [2], [3]], [1, 2, 3], [4, 5, 6], [7, 8, 9], [11, 22, 33]];
        const run = () => (sess.run([fromNd, reshaped, converted, fromTyped, v, sum]) as NDArray[]).map((a) => a.toArray());
        expect(run()).to.deep.equal(expected);
        // And after a run (a backend may have uploaded or cached the value by then).
        nd.data.fill(-2); typed.fill(-2); operand.data.fill(-2);
        expect(run()).to.deep.equal(expected);
        sess.close();
      });
    });
  }

  it("copies a caller's NDArray once, and only when nothing else did", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const nd = new NDArray(new Float32Array([1, 2, 3]), [3], 'float32');
      const clone = NDArray.prototype.clone;
      let clones = 0;
      NDArray.prototype.clone = function (this: NDArray) { clones++; return clone.call(this); };
      try {
        const same = tf.constant(nd);
        expect(clones).to.equal(1);
        expect(same.op.attrs.value).to.not.equal(nd);
        expect((same.op.attrs.value as NDArray).data).to.not.equal(nd.data);
        const converted = tf.constant(nd, 'int32');
        const padded = tf.constant(nd, { shape: [5] });
        const variable = tf.Variable(nd, { dtype: 'int32' });
        expect(clones, 'astype and padding copy already').to.equal(1);
        expect((padded.op.attrs.value as NDArray).toArray()).to.deep.equal([1, 2, 3, 3, 3]);
        void converted; void variable;
        tf.Variable(nd);
        tf.multiply(tf.zeros([3]), nd);
        expect(clones).to.equal(3);
      } finally {
        NDArray.prototype.clone = clone;
      }
    });
  });
});
