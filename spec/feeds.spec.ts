import { expect } from 'chai';
import * as tf from '../lib/index';

/*
 * feed_dict forms a ported TF1 script can use, and the error for an object key that names
 * no tensor: JS object keys are strings, so `{x: v}` feeds the tensor named 'x', and a
 * Tensor used as a key becomes '[object Object]'.
 */
describe('feed_dict forms', () => {
  beforeEach(() => tf.reset_default_graph());

  const HOW = 'use {[x.name]: value}, a Map, or [[x, value]] pairs';

  it('{[x.name]: v}, {op_name: v}, a Map and [tensor, value] pairs feed alike', () => {
    const x = tf.placeholder('float32', [2], 'x');
    const y = tf.multiply(x, 10);
    const sess = tf.Session();
    const want = [10, 20];
    expect(sess.run(y, { [x.name]: [1, 2] }).toArray()).to.deep.equal(want);
    expect(sess.run(y, { x: [1, 2] }).toArray()).to.deep.equal(want);
    expect(sess.run(y, new Map([[x, [1, 2]]])).toArray()).to.deep.equal(want);
    expect(sess.run(y, [[x, [1, 2]]]).toArray()).to.deep.equal(want);
    expect(sess.run(y, { feed_dict: new Map([[x, [1, 2]]]) }).toArray()).to.deep.equal(want);
  });

  it('a Map or pairs may key by a Variable (its value is overridden for the run) or by name', () => {
    const v = tf.Variable([1.0, 1.0], { name: 'v' });
    const y = tf.add(v, 1);
    const sess = tf.Session();
    expect(sess.run(y, new Map<unknown, number[]>([[v, [5, 6]]])).toArray()).to.deep.equal([6, 7]);
    expect(sess.run(y, [['v/read:0', [7, 8]]]).toArray()).to.deep.equal([8, 9]);
  });

  it('an object key that names no tensor is TF1\'s TypeError saying how to feed', () => {
    tf.placeholder('float32', [], 'x');
    const y = tf.placeholder('float32', [], 'input');
    const sess = tf.Session();
    expect(() => sess.run(y, { y: 1 })).to.throw(TypeError,
      `Cannot interpret feed_dict key 'y' as a Tensor: ${HOW} (The name 'y:0' refers to a Tensor which does not exist.`);
    const tensorAsKey: Record<string, number> = {};
    tensorAsKey[y as unknown as string] = 1;
    expect(() => sess.run(y, tensorAsKey)).to.throw(TypeError,
      `Cannot interpret feed_dict key '${String(y)}' as a Tensor: ${HOW} (a Tensor used as an object key becomes the string '${String(y)}')`);
    // An object without toString (a wrapper, a Variable-like value) becomes '[object Object]'.
    expect(() => sess.run(y, { '[object Object]': 1 })).to.throw(TypeError,
      `Cannot interpret feed_dict key '[object Object]' as a Tensor: ${HOW} (a Tensor used as an object key becomes the string '[object Object]')`);
    expect(() => sess.run(y, new Map([[{ name: 'input:0' }, 1]]))).to.throw(TypeError,
      `Cannot interpret feed_dict key [object Object] as a Tensor: ${HOW}`);
    expect(() => sess.run(y, [[3, 1]])).to.throw(TypeError, `Cannot interpret feed_dict key 3 as a Tensor: ${HOW}`);
    expect(() => y.eval({ x_: 1 }, sess)).to.throw(TypeError, `Cannot interpret feed_dict key 'x_' as a Tensor: ${HOW}`);
  });
});
