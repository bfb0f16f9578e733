import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

const rows = (a: unknown) => (a as NDArray).toArray() as number[][];

describe('scatter ops and sparse-style training', () => {
  beforeEach(() => tf.reset_default_graph());

  /** A session with v initialized to `init`. */
  function initialized(init: number[][] | number[], dtype: tf.DType = 'float32'): { v: tf.Variable; sess: tf.Session } {
    const v = tf.Variable(tf.constant(NDArray.from(init, dtype)), { name: 'v' });
    const sess = new tf.Session();
    sess.run(v.initializer);
    return { v, sess };
  }

  describe('tf.scatter_update / scatter_add / scatter_sub (ScatterUpdate, ScatterAdd, ScatterSub)', () => {
    it('sets rows of a variable and gives its new value, with TF1 names and attrs', () => {
      const { v, sess } = initialized([[1, 1], [2, 2], [3, 3]]);
      const t = tf.scatter_update(v, [2, 0], [[7, 8], [9, 10]]);
      expect(t.name).to.equal('ScatterUpdate:0');
      expect(t.op.inputs.map((x) => x.name)).to.deep.equal(['v:0', 'ScatterUpdate/indices:0', 'ScatterUpdate/updates:0']);
      expect(t.op.node_def.attr).to.deep.equal({ T: { type: 'DT_FLOAT' }, Tindices: { type: 'DT_INT32' }, use_locking: { b: true } });
      expect(t.shape).to.deep.equal([3, 2]);
      expect(rows(sess.run(t))).to.deep.equal([[9, 10], [2, 2], [7, 8]]);
      expect(rows(sess.run(v))).to.deep.equal([[9, 10], [2, 2], [7, 8]]);
      sess.close();
    });

    it('adds and subtracts per row, repeated indices accumulating; a scalar update applies to every addressed row', () => {
      const { v, sess } = initialized([1, 2, 3, 4], 'int32');
      const add = tf.scatter_add(v, [1, 3, 1], tf.constant(NDArray.from([10, 20, 30], 'int32')));
      expect(add.op.get_attr('use_locking')).to.equal(false);
      expect(Array.from((sess.run(add) as NDArray).data)).to.deep.equal([1, 42, 3, 24]);
      const sub = tf.scatter_sub(v, [0, 2], tf.constant(NDArray.scalar(1, 'int32')), { name: 'dec' });
      expect(sub.name).to.equal('dec:0');
      expect(Array.from((sess.run(sub) as NDArray).data)).to.deep.equal([0, 42, 2, 24]);
      const last = tf.scatter_update(v, [3, 3], tf.constant(NDArray.from([5, 6], 'int32')), { use_locking: false });
      expect(Array.from((sess.run(last) as NDArray).data)).to.deep.equal([0, 42, 2, 6]);
      sess.close();
    });

    it("fails a run on a bad index with TF1's message and leaves the variable unchanged", () => {
      const { v, sess } = initialized([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);
      const idx = tf.placeholder('int32', [null]);
      const t = tf.scatter_add(v, idx, tf.ones([2, 2]));
      expect(() => sess.run(t, [[idx, NDArray.from([0, 7], 'int32')]])).to.throw(tf.errors.InvalidArgumentError,
        /^indices\[1\] = 7 is not in \[0, 5\)\n\t \[\[node ScatterAdd \(ScatterAdd\)\]\]/);
      expect(rows(sess.run(v))).to.deep.equal([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);
      const updates = tf.placeholder('float32', null);
      const u = tf.scatter_update(v, [0], updates);
      expect(() => sess.run(u, [[updates, NDArray.zeros([1, 3])]])).to.throw(tf.errors.InvalidArgumentError,
        'Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got updates.shape [1,3], indices.shape [1], params.shape [5,2]');
      sess.close();
    });

    it('checks shapes while building, takes only Variables, and has no gradient', () => {
      const v = tf.Variable(tf.zeros([3, 2]));
      expect(() => tf.scatter_update(v, [0, 1], tf.zeros([2, 3]))).to.throw(tf.errors.ValueError, /updates.shape = \[2,3\] is not indices.shape \+ ref.shape\[1:\]/);
      expect(() => tf.scatter_update(tf.zeros([3, 2]) as never, [0], tf.zeros([1, 2]))).to.throw(TypeError, /ref must be a Variable/);
      const t = tf.scatter_update(v, [0], tf.zeros([1, 2]));
      expect(() => tf.gradients(tf.reduce_sum(t), [v])).to.not.throw();
      expect(tf.gradients(tf.reduce_sum(t), [v])[0]).to.equal(null);
    });
  });

  describe('optimizers on a gathered embedding (dense gradients: docs/sparse_gradients.md)', () => {
    const init = [[1, 2], [3, 4], [5, 6], [7, 8]];

    /** Two steps of minimizing sum(lookup^2): rows 0 and 1, then row 1 only. Returns the table after each. */
    function twoSteps(opt: { minimize(loss: tf.Tensor): tf.Operation }): number[][][] {
      const emb = tf.Variable(tf.constant(init), { name: 'emb' });
      const ids = tf.placeholder('int32', [null]);
      const loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(emb, ids)));
      const step = opt.minimize(loss);
      const sess = new tf.Session();
      sess.run(tf.global_variables_initializer());
      const after = [[0, 1], [1]].map((batch) => {
        sess.run(step, [[ids, NDArray.from(batch, 'int32')]]);
        return rows(sess.run(emb));
      });
      sess.close();
      return after;
    }

    it('GradientDescent, Adagrad and RMSProp (momentum 0) move only the looked-up rows', () => {
      for (const opt of [new tf.train.GradientDescentOptimizer(0.1), new tf.train.AdagradOptimizer(0.1), new tf.train.RMSPropOptimizer(0.1)]) {
        tf.reset_default_graph();
        const [first, second] = twoSteps(opt);
        expect(first.slice(2), opt.get_name()).to.deep.equal(init.slice(2));
        expect(first[0], opt.get_name()).to.not.deep.equal(init[0]);
        expect(second[0], `${opt.get_name()}: row 0 is not looked up in step 2`).to.deep.equal(first[0]);
        expect(second.slice(2), opt.get_name()).to.deep.equal(init.slice(2));
        expect(second[1], opt.get_name()).to.not.deep.equal(first[1]);
      }
      tf.reset_default_graph();
      // Gradient descent by hand: row r -= 0.1 * 2 * row r.
      const [first] = twoSteps(new tf.train.GradientDescentOptimizer(0.1));
      first.slice(0, 2).flat().forEach((x, i) => expect(x).to.be.closeTo(0.8 * init.flat()[i], 1e-6));
    });

    it('Adam and Momentum keep moving a row after its last lookup (zero gradients meet their accumulators: as TF1 for Adam, unlike TF1\'s sparse Momentum)', () => {
      for (const opt of [new tf.train.AdamOptimizer(0.1), new tf.train.MomentumOptimizer(0.1, 0.9)]) {
        tf.reset_default_graph();
        const [first, second] = twoSteps(opt);
        expect(first.slice(2), opt.get_name()).to.deep.equal(init.slice(2));
        expect(second.slice(2), `${opt.get_name()}: never looked up`).to.deep.equal(init.slice(2));
        expect(second[0], `${opt.get_name()}: row 0 moves by momentum alone`).to.not.deep.equal(first[0]);
      }
      tf.reset_default_graph();
      // Momentum by hand on row 0: accum = g0 (step 1), then 0.9 * g0 + 0 (step 2); g0 = 2 * init[0].
      const [first, second] = twoSteps(new tf.train.MomentumOptimizer(0.1, 0.9));
      init[0].forEach((x, j) => {
        expect(first[0][j]).to.be.closeTo(x - 0.1 * 2 * x, 1e-5);
        expect(second[0][j]).to.be.closeTo(x - 0.1 * 2 * x - 0.1 * 0.9 * 2 * x, 1e-5);
      });
    });
  });
});
