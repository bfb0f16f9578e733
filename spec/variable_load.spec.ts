import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

const values = (a: unknown) => Array.from((a as NDArray).data);

describe('Variable.load (TF1: writes a value without adding ops)', () => {
  it('writes the value into the given session, adding no ops to the graph', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const v = tf.Variable(tf.zeros([2, 2]), { name: 'w' });
      const sess = new tf.Session({ graph: g });
      sess.run(tf.global_variables_initializer());
      const opsBefore = g.get_operations().length;
      v.load([[1, 2], [3, 4]], sess);
      expect(values(sess.run(v))).to.deep.equal([1, 2, 3, 4]);
      expect(g.get_operations().length).to.equal(opsBefore);
      sess.close();
    });
  });

  it('uses the default session, initializes an uninitialized variable, and leaves other sessions alone', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const v = tf.Variable(tf.truncated_normal([3], { seed: 1 }));
      const other = new tf.Session({ graph: g });
      other.run(v.initializer);
      const before = values(other.run(v));
      const sess = new tf.Session({ graph: g });
      sess.as_default(() => v.load(new Float32Array([7, 8, 9])));
      expect(values(sess.run(v))).to.deep.equal([7, 8, 9]);
      expect(values(other.run(v))).to.deep.equal(before);
      sess.close();
      other.close();
    });
  });

  it('rejects a value of another shape, and a call without any session', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const v = tf.Variable([1, 2], { name: 'v' });
      const sess = new tf.Session({ graph: g });
      sess.run(v.initializer);
      expect(() => v.load([1, 2, 3], sess)).to.throw(tf.errors.InvalidArgumentError,
        "Cannot feed value of shape (3,) for Tensor 'Const:0', which has shape '(2,)'");
      expect(values(sess.run(v))).to.deep.equal([1, 2]);
      expect(() => v.load([3, 4])).to.throw(tf.errors.ValueError,
        'Either session argument should be provided or default session should be established');
      sess.close();
    });
  });
});
