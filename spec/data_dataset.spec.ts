import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import type { Dataset } from '../lib/data/dataset';
import type { Pipeline } from '../lib/data/pipeline';
import { prefetchPipeline } from '../lib/data/transforms';

/** Every element of `next` until OutOfRangeError, as plain JS values. */
function drain(sess: tf.Session, next: unknown, feeds: Record<string, unknown> = {}): unknown[] {
  const out: unknown[] = [];
  for (;;) {
    try {
      out.push(plain(sess.run(next, feeds)));
    } catch (e) {
      if (e instanceof tf.errors.OutOfRangeError) return out;
      throw e;
    }
  }
}

function plain(v: unknown): unknown {
  if (v instanceof NDArray) return v.tolist();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** All elements of a dataset built in a fresh graph, through a one-shot iterator. */
function elements(build: () => Dataset): unknown[] {
  const g = tf.Graph();
  const next = g.as_default(() => build().make_one_shot_iterator().get_next());
  const sess = tf.Session({ graph: g });
  try { return drain(sess, next); } finally { sess.close(); }
}

const D = () => tf.data.Dataset;

describe('tf.data.Dataset', () => {
  it('range(stop), range(start, stop, step), negative step: int64 scalars', () => {
    expect(elements(() => D().range(4))).to.deep.equal([0, 1, 2, 3]);
    expect(elements(() => D().range(2, 9, 3))).to.deep.equal([2, 5, 8]);
    expect(elements(() => D().range(5, 0, -2))).to.deep.equal([5, 3, 1]);
    tf.Graph().as_default(() => {
      expect(D().range(3).output_types).to.equal('int64');
      expect(D().range(3).output_shapes).to.deep.equal([]);
    });
  });

  it('from_tensor_slices: rows of a tensor, of a tuple (components kept apart), of a dict (get_next is a dict)', () => {
    expect(elements(() => D().from_tensor_slices(tf.constant([[1, 2], [3, 4], [5, 6]])))).to.deep.equal([[1, 2], [3, 4], [5, 6]]);
    expect(elements(() => D().from_tensor_slices([new Int32Array([7, 8]), NDArray.from([[1, 2], [3, 4]])])))
      .to.deep.equal([[7, [1, 2]], [8, [3, 4]]]);
    expect(elements(() => D().from_tensor_slices({ b: new Float32Array([1, 2]), a: NDArray.from(['x', 'y']) })))
      .to.deep.equal([{ a: 'x', b: 1 }, { a: 'y', b: 2 }]);
    tf.Graph().as_default(() => {
      const ds = D().from_tensor_slices([tf.placeholder(tf.float32, [null, 3]), new Int32Array(4)]);
      expect(ds.output_types).to.deep.equal(['float32', 'int32']);
      expect(ds.output_shapes).to.deep.equal([[3], []]);
      expect(() => D().from_tensor_slices([new Int32Array(3), new Int32Array(2)])).to.throw(tf.errors.ValueError, 'Dimensions 3 and 2 are not compatible');
    });
  });

  it('from_tensors: the whole value once', () => {
    expect(elements(() => D().from_tensors([tf.constant([1, 2]), 5]))).to.deep.equal([[[1, 2], 5]]);
  });

  it('map builds graph ops on symbolic elements (tuple components as arguments); filter keeps elements whose predicate is true', () => {
    expect(elements(() => D().range(5).map((x: tf.Tensor) => tf.cast(x, tf.float32).mul(2).add(1)))).to.deep.equal([1, 3, 5, 7, 9]);
    expect(elements(() => D().from_tensor_slices([new Float32Array([1, 2, 3]), new Float32Array([10, 20, 30])])
      .map((a: tf.Tensor, b: tf.Tensor) => ({ sum: a.add(b), a }), { num_parallel_calls: 2 })))
      .to.deep.equal([{ a: 1, sum: 11 }, { a: 2, sum: 22 }, { a: 3, sum: 33 }]);
    expect(elements(() => D().range(10).filter((x: tf.Tensor) => tf.equal(tf.floormod(x, 3), 0)))).to.deep.equal([0, 3, 6, 9]);
    tf.Graph().as_default(() => {
      expect(() => D().range(3).filter((x: tf.Tensor) => x)).to.throw(TypeError, '`predicate` must return a scalar boolean tensor.');
      const m = D().from_tensor_slices(tf.placeholder(tf.float32, [null, 4])).map((x: tf.Tensor) => tf.reduce_sum(x));
      expect(m.output_shapes).to.deep.equal([]);
    });
  });

  it('map keeps binary strings intact (a 0-d string is not decoded as text on the way)', () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xfe]);
    const g = tf.Graph();
    const next = g.as_default(() => D().from_tensors(NDArray.fromStrings([bytes], [])).map((s: tf.Tensor) => tf.identity(s))
      .make_one_shot_iterator().get_next());
    // Fetch through a rank-1 view: a 0-d string fetch decodes UTF-8.
    const flat = g.as_default(() => tf.reshape(next, [1]));
    const sess = tf.Session({ graph: g });
    try { expect([...(sess.run(flat) as NDArray).strings![0]!]).to.deep.equal([0xff, 0x00, 0xfe]); } finally { sess.close(); }
  });

  it('batch: a short last batch unless drop_remainder; output_shapes [null, ...] or [n, ...]', () => {
    expect(elements(() => D().range(7).batch(3))).to.deep.equal([[0, 1, 2], [3, 4, 5], [6]]);
    expect(elements(() => D().range(7).batch(3, { drop_remainder: true }))).to.deep.equal([[0, 1, 2], [3, 4, 5]]);
    tf.Graph().as_default(() => {
      expect(D().range(7).batch(3).output_shapes).to.deep.equal([null]);
      expect(D().range(7).batch(3, true).output_shapes).to.deep.equal([3]);
    });
    const g = tf.Graph();
    const next = g.as_default(() => D().from_tensor_slices(tf.constant([[1, 5], [2, 5]])).map((x: tf.Tensor) => tf.slice(x, [0], tf.reshape(tf.cast(tf.reduce_min(x), tf.int32), [1])))
      .batch(2).make_one_shot_iterator().get_next());
    const sess = tf.Session({ graph: g });
    try {
      expect(() => sess.run(next)).to.throw(tf.errors.InvalidArgumentError,
        'Cannot batch tensors with different shapes in component 0. First element had shape [1] and element 1 had shape [2].');
    } finally { sess.close(); }
  });

  it('padded_batch: pads each component to the batch maximum (-1) or a fixed size, with padding_values', () => {
    const rows = () => D().range(1, 4).map((n: tf.Tensor) => tf.fill(tf.reshape(tf.cast(n, tf.int32), [1]), tf.cast(n, tf.float32)));
    expect(elements(() => rows().padded_batch(2, [-1]))).to.deep.equal([[[1, 0], [2, 2]], [[3, 3, 3]]]);
    expect(elements(() => rows().padded_batch(2, [4], { padding_values: -1, drop_remainder: true })))
      .to.deep.equal([[[1, -1, -1, -1], [2, 2, -1, -1]]]);
    tf.Graph().as_default(() => {
      expect(rows().padded_batch(2, [4]).output_shapes).to.deep.equal([null, 4]);
      expect(() => D().from_tensor_slices(tf.constant([[1, 2, 3]])).padded_batch(2, [2])).to.throw(tf.errors.ValueError, 'is not compatible');
    });
  });

  it('repeat(count) and repeat() forever, take, skip, concatenate, zip (ends with the shortest)', () => {
    expect(elements(() => D().range(3).repeat(2))).to.deep.equal([0, 1, 2, 0, 1, 2]);
    expect(elements(() => D().range(2).repeat().take(5))).to.deep.equal([0, 1, 0, 1, 0]);
    expect(elements(() => D().range(0).repeat())).to.deep.equal([]);
    expect(elements(() => D().range(6).skip(4))).to.deep.equal([4, 5]);
    expect(elements(() => D().range(6).skip(-1))).to.deep.equal([]);
    expect(elements(() => D().range(6).take(-1))).to.deep.equal([0, 1, 2, 3, 4, 5]);
    expect(elements(() => D().range(2).concatenate(D().range(5, 7)))).to.deep.equal([0, 1, 5, 6]);
    expect(elements(() => D().zip([D().range(3), D().range(10, 12)]))).to.deep.equal([[0, 10], [1, 11]]);
    tf.Graph().as_default(() => {
      expect(() => D().range(2).concatenate(D().from_tensors(1))).to.throw(TypeError, 'have different types');
    });
  });

  it('interleave: TF\'s documented order (cycle_length 2, block_length 4); flat_map; a dataset built on the element', () => {
    expect(elements(() => D().range(1, 6).interleave((x: tf.Tensor) => D().from_tensors(x).repeat(6), 2, 4))).to.deep.equal([
      1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5]);
    expect(elements(() => D().range(1, 4).flat_map((n: tf.Tensor) => D().range(n.mul(2)))))
      .to.deep.equal([0, 1, 0, 1, 2, 3, 0, 1, 2, 3, 4, 5]);
    expect(elements(() => D().from_tensor_slices(tf.constant([[1, 2], [3, 4]])).flat_map((row: tf.Tensor) => D().from_tensor_slices(row))))
      .to.deep.equal([1, 2, 3, 4]);
    tf.Graph().as_default(() => {
      expect(() => D().range(2).flat_map((x: tf.Tensor) => x)).to.throw(TypeError, '`map_func` of flat_map must return a `Dataset` object.');
    });
  });

  it('shuffle: a permutation; buffer_size 1 keeps the order; seeded orders repeat across graphs; each epoch reshuffles', () => {
    const base = [...Array(20).keys()];
    const once = elements(() => D().range(20).shuffle(20, { seed: 7 })) as number[];
    expect([...once].sort((a, b) => a - b)).to.deep.equal(base);
    expect(once).to.not.deep.equal(base);
    expect(elements(() => D().range(20).shuffle(20, { seed: 7 }))).to.deep.equal(once);
    expect(elements(() => D().range(20).shuffle(1, { seed: 7 }))).to.deep.equal(base);
    // The graph seed alone makes it reproducible, as for random ops.
    const graphSeeded = () => elements(() => { tf.set_random_seed(3); return D().range(20).shuffle(20); });
    expect(graphSeeded()).to.deep.equal(graphSeeded());
    // Buffer of 3: element i leaves at position >= i - 2.
    const small = elements(() => D().range(20).shuffle(3, { seed: 1 })) as number[];
    small.forEach((v, pos) => expect(pos).to.be.at.least(v - 2));
    const epochs = elements(() => D().range(10).shuffle(10, { seed: 2 }).repeat(2)) as number[];
    expect(epochs.slice(0, 10)).to.not.deep.equal(epochs.slice(10));
    const same = elements(() => D().range(10).shuffle(10, { seed: 2, reshuffle_each_iteration: false }).repeat(2)) as number[];
    expect(same.slice(0, 10)).to.deep.equal(same.slice(10));
  });

  it('prefetch passes elements through in order and produces ahead while the caller awaits', async () => {
    expect(elements(() => D().range(5).prefetch(2))).to.deep.equal([0, 1, 2, 3, 4]);
    // A counting source: prefetch pulls ahead only when the event loop is idle.
    let pulled = 0;
    const counting: Pipeline = {
      structure: { kind: 'leaf' }, types: ['int64'], shapes: [[]], captures: [],
      open: () => ({ next: () => (pulled < 10 ? [NDArray.scalar(pulled++, 'int64')] : null) }),
    };
    const stream = prefetchPipeline(counting, 3).open({ valueOf: () => { throw new Error('no captures'); }, resources: new Map(), iteratorKey: 'k' });
    expect(stream.next()![0]!.data[0]).to.equal(0);
    expect(pulled).to.equal(1);
    await new Promise((r) => setImmediate(r));
    expect(pulled).to.equal(4);
    expect(stream.next()![0]!.data[0]).to.equal(1);
    expect(pulled).to.equal(4);
    const g = tf.Graph();
    const next = g.as_default(() => D().range(4).map((x: tf.Tensor) => tf.identity(x)).prefetch(2).make_one_shot_iterator().get_next());
    const sess = tf.Session({ graph: g });
    try {
      expect(await sess.run_async(next)).to.equal(0);
      await new Promise((r) => setImmediate(r));
      expect(drain(sess, next)).to.deep.equal([1, 2, 3]);
    } finally { sess.close(); }
    expect(() => tf.Graph().as_default(() => D().range(1).prefetch(0))).to.throw(tf.errors.InvalidArgumentError, 'buffer_size must be greater than zero.');
  });
});
