import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

const D = () => tf.data.Dataset;

function drain(sess: tf.Session, next: unknown, feeds: Record<string, unknown> = {}): unknown[] {
  const out: unknown[] = [];
  for (;;) {
    try {
      const v = sess.run(next, feeds);
      out.push(v instanceof NDArray ? v.tolist() : v);
    } catch (e) {
      if (e instanceof tf.errors.OutOfRangeError) return out;
      throw e;
    }
  }
}

describe('tf.data iterators', () => {
  it('one-shot: ends with OutOfRangeError "End of sequence" naming the node, and stays at the end', () => {
    tf.Graph().as_default((g) => {
      const next = D().range(2).make_one_shot_iterator().get_next();
      expect(next.op.type).to.equal('IteratorGetNext');
      expect(next.dtype).to.equal('int64');
      const sess = tf.Session({ graph: g });
      expect(sess.run(next)).to.equal(0);
      expect(sess.run(next)).to.equal(1);
      let caught: unknown;
      try { sess.run(next); } catch (e) { caught = e; }
      expect(caught).to.be.instanceOf(tf.errors.OutOfRangeError);
      expect((caught as Error).message).to.match(/^End of sequence\n\t \[\[node IteratorGetNext \(IteratorGetNext\)\]\]/);
      expect(() => sess.run(next)).to.throw(tf.errors.OutOfRangeError);
      // Each session has its own iterator state.
      const other = tf.Session({ graph: g });
      expect(other.run(next)).to.equal(0);
      sess.close(); other.close();
    });
  });

  it('one-shot refuses a dataset that captures a placeholder (as TF1)', () => {
    tf.Graph().as_default(() => {
      const x = tf.placeholder(tf.float32, [null]);
      expect(() => D().from_tensor_slices(x).make_one_shot_iterator()).to.throw(tf.errors.ValueError, 'use `Dataset.make_initializable_iterator()`');
    });
  });

  it('initializable: placeholders fed when the initializer runs; re-running it restarts with the new feed', () => {
    tf.Graph().as_default((g) => {
      const x = tf.placeholder(tf.float32, [null, 2], 'x');
      const it = D().from_tensor_slices(x).batch(2).make_initializable_iterator();
      const next = it.get_next();
      expect(next.shape).to.deep.equal([null, 2]);
      const sess = tf.Session({ graph: g });
      expect(() => sess.run(next)).to.throw(tf.errors.FailedPreconditionError, 'GetNext() failed because the iterator has not been initialized.');
      const feed = NDArray.from([[1, 2], [3, 4], [5, 6]]);
      sess.run(it.initializer, { 'x:0': feed });
      feed.data.fill(0); // the iterator holds its own copy
      expect(drain(sess, next)).to.deep.equal([[[1, 2], [3, 4]], [[5, 6]]]);
      sess.run(it.initializer, { 'x:0': NDArray.from([[7, 8]]) });
      expect(drain(sess, next)).to.deep.equal([[[7, 8]]]);
      sess.close();
    });
  });

  it('get_next is usable in any expression; consumers of one get_next in a run see the same element', () => {
    tf.Graph().as_default((g) => {
      const [a, b] = D().from_tensor_slices([new Float32Array([1, 2, 3]), new Float32Array([10, 20, 30])]).make_one_shot_iterator().get_next();
      const y = tf.add(tf.multiply(a, 2), b);
      const sess = tf.Session({ graph: g });
      expect(sess.run([a, y, a])).to.deep.equal([1, 12, 1]);
      expect(sess.run(y)).to.equal(24);
      sess.close();
    });
  });

  it('from_structure + make_initializer switches one iterator between a training and a test dataset', () => {
    tf.Graph().as_default((g) => {
      const train = D().range(3).map((x: tf.Tensor) => tf.cast(x, tf.float32));
      const test = D().from_tensor_slices(new Float32Array([100, 200]));
      const it = tf.data.Iterator.from_structure(train.output_types, train.output_shapes);
      const next = it.get_next();
      const useTrain = it.make_initializer(train), useTest = it.make_initializer(test);
      const sess = tf.Session({ graph: g });
      sess.run(useTrain);
      expect(sess.run(next)).to.equal(0);
      sess.run(useTest);
      expect(drain(sess, next)).to.deep.equal([100, 200]);
      sess.run(useTrain);
      expect(drain(sess, next)).to.deep.equal([0, 1, 2]);
      expect(() => it.make_initializer(D().range(2))).to.throw(TypeError, 'Expected output types float32 but got dataset with output types int64.');
      expect(() => it.initializer).to.throw(tf.errors.ValueError, 'Iterator does not have an initializer.');
      sess.close();
    });
  });

  it('from_structure with nested types and shapes; output_types/output_shapes nest as the dataset', () => {
    tf.Graph().as_default((g) => {
      const it = tf.data.Iterator.from_structure({ x: tf.float32, y: tf.int32 }, { x: [null, 2], y: [null] });
      expect(it.output_types).to.deep.equal({ x: 'float32', y: 'int32' });
      const pair = tf.data.Iterator.from_structure(['float32', 'int64'], [[null, 2], []]);
      expect(pair.output_types).to.deep.equal(['float32', 'int64']);
      expect(pair.output_shapes).to.deep.equal([[null, 2], []]);
      const ds = D().from_tensor_slices({ x: NDArray.from([[1, 2], [3, 4]]), y: new Int32Array([5, 6]) }).batch(2);
      const init = it.make_initializer(ds);
      const next = it.get_next() as { x: tf.Tensor; y: tf.Tensor };
      const sess = tf.Session({ graph: g });
      sess.run(init);
      const v = sess.run(next) as { x: NDArray; y: NDArray };
      expect(v.x.tolist()).to.deep.equal([[1, 2], [3, 4]]);
      expect(v.y.tolist()).to.deep.equal([5, 6]);
      expect(() => it.make_initializer(D().from_tensor_slices({ x: NDArray.from([[1, 2, 3]]), y: new Int32Array(1) }).batch(1)))
        .to.throw(TypeError, 'Expected output shapes compatible with');
      sess.close();
    });
  });

  it('the classic loop: a model trained from a Dataset of (features, labels) until OutOfRangeError', () => {
    tf.Graph().as_default((g) => {
      tf.set_random_seed(1);
      // y = 2x + 1 on 8 points, 50 epochs of batches of 4.
      const xs = new Float32Array([0, 1, 2, 3, 4, 5, 6, 7]).map((v) => v / 8);
      const ys = xs.map((v) => 2 * v + 1);
      const [x, y] = D().from_tensor_slices([xs, ys]).shuffle(8).repeat(50).batch(4).make_one_shot_iterator().get_next();
      const w = tf.Variable(0, { name: 'w' }), b = tf.Variable(0, { name: 'b' });
      const loss = tf.reduce_mean(tf.square(tf.add(tf.multiply(x, w), b).sub(y)));
      const train = tf.train.GradientDescentOptimizer(0.5).minimize(loss);
      const sess = tf.Session({ graph: g });
      sess.run(tf.global_variables_initializer());
      let steps = 0;
      for (;;) {
        try { sess.run(train); steps++; } catch (e) { if (e instanceof tf.errors.OutOfRangeError) break; throw e; }
      }
      expect(steps).to.equal(100);
      expect(sess.run(w) as number).to.be.closeTo(2, 0.05);
      expect(sess.run(b) as number).to.be.closeTo(1, 0.05);
      sess.close();
    });
  });

  it('runs on the gpu backend too (iterator kernels on the host)', () => {
    tf.Graph().as_default((g) => {
      const next = D().from_tensor_slices(new Float32Array([3, 4])).make_one_shot_iterator().get_next();
      const doubled = tf.multiply(next, 2);
      const sess = tf.Session({ graph: g, config: { device: 'gpu' } });
      try { expect([sess.run(doubled), sess.run(doubled)]).to.deep.equal([6, 8]); } finally { sess.close(); }
    });
  });
});
