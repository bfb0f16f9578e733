import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

/** Runs `next` until OutOfRangeError; elements as plain JS values. */
function drain(sess: tf.Session, next: unknown): unknown[] {
  const out: unknown[] = [];
  for (;;) {
    try {
      const v = sess.run(next);
      const list = (x: unknown) => (x instanceof NDArray ? x.tolist() : x);
      out.push(Array.isArray(v) ? v.map(list) : list(v));
    } catch (e) {
      if (e instanceof tf.errors.OutOfRangeError) return out;
      throw e;
    }
  }
}

describe('tf.data.Dataset.from_generator', () => {
  it('yields what the generator yields, converted to output_types, and restarts at each initialization', () => {
    const g = tf.Graph();
    let calls = 0;
    function* gen() { calls++; for (let i = 0; i < 3; i++) yield [i, [i, i * 2]]; }
    const { it, next } = g.as_default(() => {
      const ds = tf.data.Dataset.from_generator(gen, [tf.int64, tf.float32], [[], [2]]).batch(2);
      const iterator = ds.make_initializable_iterator();
      return { it: iterator, next: iterator.get_next() };
    });
    expect((next as tf.Tensor[]).map((t) => t.dtype)).to.deep.equal(['int64', 'float32']);
    expect((next as tf.Tensor[]).map((t) => t.shape!.as_list())).to.deep.equal([[null], [null, 2]]);
    const sess = tf.Session({ graph: g });
    for (let round = 1; round <= 2; round++) {
      sess.run(it.initializer);
      expect(drain(sess, next)).to.deep.equal([[[0, 1], [[0, 0], [1, 2]]], [[2], [[2, 4]]]]);
      expect(calls).to.equal(round);
    }
  });

  it('passes args (graph tensors read at initialization) to the generator', () => {
    const g = tf.Graph();
    const { it, next, n } = g.as_default(() => {
      const count = tf.placeholder(tf.int32, [], 'n');
      const ds = tf.data.Dataset.from_generator((k: NDArray) => Array.from({ length: Number(k.data[0]) }, (_, i) => i * 10),
        tf.int32, [], { args: [count] });
      const iterator = ds.make_initializable_iterator();
      return { it: iterator, next: iterator.get_next(), n: count };
    });
    const sess = tf.Session({ graph: g });
    sess.run(it.initializer, { [n.name]: 4 });
    expect(drain(sess, next)).to.deep.equal([0, 10, 20, 30]);
  });

  it('fails the step with TF\'s errors for a wrong shape, type or structure', () => {
    const cases: [() => Iterable<unknown>, unknown, unknown, RegExp][] = [
      [() => [[1, 2, 3]], tf.float32, [2], /`generator` yielded an element of shape \(3,\) where an element of shape \(2,\) was expected\./],
      [() => [['a']], tf.float32, null, /could not be converted to the expected type\. The expected type was float32/],
      [() => [1], [tf.float32, tf.float32], null, /did not match the expected structure/],
    ];
    for (const [gen, types, shapes, message] of cases) {
      const g = tf.Graph();
      const next = g.as_default(() => tf.data.Dataset.from_generator(gen, types, shapes).make_one_shot_iterator().get_next());
      const sess = tf.Session({ graph: g });
      expect(() => sess.run(next)).to.throw(tf.errors.InvalidArgumentError, message);
    }
  });
});
