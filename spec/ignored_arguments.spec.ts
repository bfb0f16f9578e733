import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

/* TF1 arguments that tensorgraph accepts and documents as having no effect (see their doc comments). */

/** Runs three plain gradient-descent steps on sum((w - 1)^2), minimize() given `args`; returns w and the op types built. */
function trainWith(...args: unknown[]): { w: number[]; types: string[] } {
  const g = new tf.Graph();
  return g.as_default(() => {
    const w = tf.Variable([3, -1, 0.5]);
    const loss = tf.reduce_sum(tf.square(w.sub(1)));
    const step = tf.train.GradientDescentOptimizer(0.1).minimize(loss, ...args);
    const sess = new tf.Session({ graph: g });
    sess.run(tf.global_variables_initializer());
    for (let i = 0; i < 3; i++) sess.run(step);
    const out = Array.from((sess.run(w) as NDArray).data);
    sess.close();
    return { w: out, types: g.get_operations().map((op) => op.type) };
  });
}

describe('arguments accepted and ignored', () => {
  const plain = trainWith();

  it('minimize: gate_gradients, aggregation_method and colocate_gradients_with_ops change neither the graph nor the values', () => {
    for (const gate of [tf.train.Optimizer.GATE_NONE, tf.train.Optimizer.GATE_OP, tf.train.Optimizer.GATE_GRAPH]) {
      expect(trainWith({ gate_gradients: gate, aggregation_method: 'experimental_tree', colocate_gradients_with_ops: true })).to.deep.equal(plain);
    }
    // Positionally, as TF1: global_step, var_list, gate_gradients, aggregation_method, colocate_gradients_with_ops.
    expect(trainWith(null, null, tf.train.Optimizer.GATE_NONE, 'add_n', true)).to.deep.equal(plain);
    expect(plain.w.map((x) => Math.round(x * 1e5) / 1e5)).to.deep.equal([2.024, -0.024, 0.744]);
  });

  it('minimize: gate_gradients is still checked', () => {
    expect(() => trainWith({ gate_gradients: 3 })).to.throw(tf.errors.ValueError,
      'gate_gradients must be one of: Optimizer.GATE_NONE, Optimizer.GATE_OP, Optimizer.GATE_GRAPH. Not 3');
  });

  it('use_locking is recorded in the update ops and changes no value', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const w = tf.Variable([1, 2]);
      const locked = tf.train.GradientDescentOptimizer(0.5, true).minimize(tf.reduce_sum(w.mul(w)));
      const apply = g.get_operations().find((op) => op.type === 'ApplyGradientDescent')!;
      expect(apply.attrs.use_locking).to.equal(true);
      expect(w.assign([5, 6], { use_locking: true }).op.attrs.use_locking).to.equal(true);
      const sess = new tf.Session({ graph: g });
      sess.run(tf.global_variables_initializer());
      sess.run(locked);
      expect(Array.from((sess.run(w) as NDArray).data)).to.deep.equal([0, 0]);
      sess.close();
    });
  });

  it('conv2d: use_cudnn_on_gpu is recorded in the NodeDef, as TF does, and changes no value', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant([[[[1], [2]], [[3], [4]]]]);
      const f = tf.constant([[[[1]], [[1]]], [[[1]], [[1]]]]);
      const a = tf.nn.conv2d(x, f, [1, 1, 1, 1], 'VALID', { use_cudnn_on_gpu: false });
      const b = tf.nn.conv2d(x, f, [1, 1, 1, 1], 'VALID');
      expect(a.op.attrs).to.deep.equal({ ...b.op.attrs, use_cudnn_on_gpu: false });
      expect(b.op.attrs.use_cudnn_on_gpu).to.equal(true);
      const sess = new tf.Session({ graph: g });
      expect(Array.from((sess.run(a) as NDArray).data)).to.deep.equal([10]);
      expect(Array.from((sess.run(b) as NDArray).data)).to.deep.equal([10]);
      sess.close();
    });
  });
});
