import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

describe('tf.placeholder_with_default', () => {
  it('is its default unless fed, and a feed may use the open dimensions of its shape', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const p = tf.placeholder_with_default(tf.constant([[1, 2]]), [null, 2], 'p');
      expect(p.name).to.equal('p:0');
      expect(p.op.type).to.equal('PlaceholderWithDefault');
      expect(p.shape!.as_list()).to.deep.equal([null, 2]);
      const y = p.mul(2);
      const sess = tf.Session({ graph: g });
      expect(Array.from((sess.run(y) as NDArray).data)).to.deep.equal([2, 4]);
      expect(Array.from((sess.run(y, { 'p:0': [[1, 1], [3, 3]] }) as NDArray).data)).to.deep.equal([2, 2, 6, 6]);
    });
  });

  it('refuses a default that does not fit the declared shape, naming the op', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      expect(() => tf.placeholder_with_default(tf.constant([1, 2, 3]), [2], 'q')).to.throw(tf.errors.ValueError, /q|PlaceholderWithDefault/);
    });
  });
});
