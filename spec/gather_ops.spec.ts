import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkGradients, randomArray } from './helpers/gradient_check';
import { probeGl, GpuBackend } from '../lib/gpu/index';

/** Runs fetches in a fresh session of the default graph. */
function run(fetches: unknown, feed?: unknown): any {
  const sess = new tf.Session();
  try { return sess.run(fetches, feed); } finally { sess.close(); }
}
const val = (t: tf.Tensor, feed?: unknown) => (run(t, feed) as NDArray).toArray();
const ints = (v: unknown, dtype: tf.DType = 'int32') => NDArray.from(v, dtype);
const opNames = () => tf.get_default_graph().get_operations().map((o) => o.name);

describe('gather ops', () => {
  beforeEach(() => tf.reset_default_graph());
  const table = () => tf.constant([[0, 1, 2], [10, 11, 12], [20, 21, 22], [30, 31, 32], [40, 41, 42]]);

  describe('tf.gather (GatherV2)', () => {
    it('picks rows along axis 0, repeated and in any order, with TF1 names and attrs', () => {
      const t = tf.gather(table(), [3, 0, 3]);
      expect(t.name).to.equal('GatherV2:0');
      expect(opNames()).to.deep.equal(['Const', 'GatherV2/indices', 'GatherV2/axis', 'GatherV2']);
      expect(t.op.node_def.attr).to.deep.equal({
        batch_dims: { i: 0 }, Tparams: { type: 'DT_FLOAT' }, Tindices: { type: 'DT_INT32' }, Taxis: { type: 'DT_INT32' },
      });
      expect(t.shape).to.deep.equal([3, 3]);
      expect(val(t)).to.deep.equal([[30, 31, 32], [0, 1, 2], [30, 31, 32]]);
      expect(tf.gather(table(), [1], { name: 'rows' }).name).to.equal('rows:0');
    });

    it('gives params.shape[:axis] + indices.shape + params.shape[axis+1:] for any axis and index rank', () => {
      const byMatrix = tf.gather(table(), [[4, 1], [0, 0]]);
      expect(byMatrix.shape).to.deep.equal([2, 2, 3]);
      expect(val(byMatrix)).to.deep.equal([[[40, 41, 42], [10, 11, 12]], [[0, 1, 2], [0, 1, 2]]]);
      const cols = tf.gather(table(), [2, 0], { axis: 1 });
      expect(cols.shape).to.deep.equal([5, 2]);
      expect(val(cols)).to.deep.equal([[2, 0], [12, 10], [22, 20], [32, 30], [42, 40]]);
      expect(val(tf.gather(table(), [[2], [1]], { axis: -1 }))).to.deep.equal(
        [[[2], [1]], [[12], [11]], [[22], [21]], [[32], [31]], [[42], [41]]]);
      const scalar = tf.gather(table(), 2);
      expect(scalar.shape).to.deep.equal([3]);
      expect(val(scalar)).to.deep.equal([20, 21, 22]);
      const three = tf.constant(NDArray.from([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], 'int32'));
      const mid = tf.gather(three, tf.constant(NDArray.from([1, 1, 0], 'int64')), { axis: 1 });
      expect(mid.dtype).to.equal('int32');
      expect(val(mid)).to.deep.equal([[[3, 4], [3, 4], [1, 2]], [[7, 8], [7, 8], [5, 6]]]);
      expect(val(tf.gather(tf.constant([true, false]), [1, 1, 0]))).to.deep.equal([false, false, true]);
      expect(val(tf.gather(table(), []))).to.deep.equal([]);
    });

    it('takes fed indices and a fed axis', () => {
      const idx = tf.placeholder('int32', [null]);
      const axis = tf.placeholder('int32', []);
      const t = tf.gather(table(), idx, { axis });
      expect(t.shape).to.equal(null);
      expect(val(t, [[idx, ints([1])], [axis, NDArray.scalar(1, 'int32')]])).to.deep.equal([[1], [11], [21], [31], [41]]);
      expect(() => run(t, [[idx, ints([0])], [axis, NDArray.scalar(2, 'int32')]])).to.throw(tf.errors.InvalidArgumentError,
        /^Expected axis in the range \[-2, 2\), but got 2/);
    });

    it('fails a run on an index outside [0, rows) with TF1\'s message, and a bad build with ValueError', () => {
      const idx = tf.placeholder('int32', null);
      const t = tf.gather(tf.zeros([5, 2]), idx);
      expect(() => run(t, [[idx, ints([1, 7])]])).to.throw(tf.errors.InvalidArgumentError, /^indices\[1\] = 7 is not in \[0, 5\)\n\t \[\[node GatherV2 \(GatherV2\)\]\]/);
      expect(() => run(t, [[idx, ints([[0, 1], [-1, 2]])]])).to.throw(tf.errors.InvalidArgumentError, /^indices\[1,0\] = -1 is not in \[0, 5\)/);
      expect(() => run(t, [[idx, NDArray.scalar(5, 'int32')]])).to.throw(tf.errors.InvalidArgumentError, /^indices = 5 is not in \[0, 5\)/);
      expect(() => tf.gather(tf.zeros([5, 2]), [0], { axis: 2 })).to.throw(tf.errors.ValueError,
        "Shape must be at least rank 3 but is rank 2 for 'GatherV2_1' (op: 'GatherV2') with input shapes: [5,2], [1], [].");
      expect(() => tf.gather(tf.zeros([5, 2]), [0], { axis: -3 })).to.throw(tf.errors.ValueError, /at least rank 3 but is rank 2/);
      expect(() => tf.gather(tf.zeros([5, 2]), [0.5])).to.throw(tf.errors.ValueError, /tf.gather indices must be integers/);
      expect(() => tf.gather(tf.zeros([5, 2]), tf.constant([0]))).to.throw(TypeError, /parameter 'indices' .* has DataType float32 not in list of allowed values: int32, int64/);
      expect(() => tf.gather(tf.zeros([5, 2]), [0], { batch_dims: 1 })).to.throw(tf.errors.ValueError, /batch_dims=1 is not supported/);
      expect(() => tf.gather(tf.zeros([5, 2]), [0], { axes: 1 } as never)).to.throw(TypeError, /axes/);
    });

    it('has a dense gradient: dy rows summed into the gathered rows, zeros elsewhere', () => {
      const p = tf.placeholder('float32', [4, 2]);
      const y = tf.gather(p, [1, 3, 1]);
      const [g] = tf.gradients(y, [p], [tf.constant([[1, 2], [3, 4], [5, 6]])]);
      expect(g!.shape).to.deep.equal([4, 2]);
      expect(val(g!, [[p, NDArray.zeros([4, 2])]])).to.deep.equal([[0, 0], [6, 8], [0, 0], [3, 4]]);
      expect(opNames().some((n) => /^gradients\/GatherV2_grad\/UnsortedSegmentSum$/.test(n))).to.equal(true);
    });

    it('passes numerical gradient checks along every axis and with index matrices', () => {
      checkGradients((x) => tf.gather(x, [2, 0, 2, 1]), [randomArray([3, 4], 1)]);
      checkGradients((x) => tf.gather(x, [[1, 0], [1, 1]]), [randomArray([2, 3], 2)]);
      checkGradients((x) => tf.gather(x, [[2], [0]], { axis: 1 }), [randomArray([2, 3, 2], 3)]);
      checkGradients((x) => tf.gather(x, [1, 1, 0], { axis: -1 }), [randomArray([2, 2, 2], 4)]);
      checkGradients((x) => tf.gather(x, 1, { axis: 1 }), [randomArray([2, 3, 2], 5)]);
    });

    it('differentiates params of unknown shape along axis 0', () => {
      checkGradients((x) => tf.gather(tf.reshape(x, [-1, 3]), [3, 0, 3]), [randomArray([4, 3], 6)]);
      const p = tf.placeholder('float32', null);
      const [g] = tf.gradients(tf.gather(p, [0, 0]), [p]);
      expect(val(g!, [[p, NDArray.from([[1, 2], [3, 4]], 'float32')]])).to.deep.equal([[2, 2], [0, 0]]);
    });
  });

  describe('tf.gather_nd (GatherNd)', () => {
    it('gathers elements, rows or blocks by the last dimension of indices', () => {
      const p = tf.constant([[1, 2], [3, 4], [5, 6]]);
      const elems = tf.gather_nd(p, [[0, 1], [2, 0]]);
      expect(elems.name).to.equal('GatherNd:0');
      expect(elems.shape).to.deep.equal([2]);
      expect(val(elems)).to.deep.equal([2, 5]);
      expect(val(tf.gather_nd(p, [[2], [0], [2]]))).to.deep.equal([[5, 6], [1, 2], [5, 6]]);
      expect(val(tf.gather_nd(p, [[[1, 1]], [[0, 0]]]))).to.deep.equal([[4], [1]]);
      const cube = tf.constant(NDArray.from([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], 'int32'));
      const rows = tf.gather_nd(cube, tf.constant(NDArray.from([[1, 0], [0, 1]], 'int64')));
      expect(rows.dtype).to.equal('int32');
      expect(val(rows)).to.deep.equal([[5, 6], [3, 4]]);
    });

    it("fails a run on a tuple outside params with TF1's message", () => {
      const idx = tf.placeholder('int32', [null, 2]);
      const t = tf.gather_nd(tf.zeros([5, 2]), idx);
      expect(() => run(t, [[idx, ints([[0, 0], [7, 0]])]])).to.throw(tf.errors.InvalidArgumentError,
        /^indices\[1\] = \[7, 0\] does not index into param shape \[5,2\]/);
      expect(() => tf.gather_nd(tf.zeros([5, 2]), [[0, 0, 0]])).to.throw(tf.errors.ValueError, /indices.shape\[-1\] must be <= params.rank/);
    });

    it('has ScatterNd as gradient, adding up repeated tuples', () => {
      const p = tf.placeholder('float32', [3, 2]);
      const [g] = tf.gradients(tf.gather_nd(p, [[0, 1], [2, 0], [0, 1]]), [p], [tf.constant([1, 2, 3])]);
      expect(val(g!, [[p, NDArray.zeros([3, 2])]])).to.deep.equal([[0, 4], [0, 0], [2, 0]]);
      checkGradients((x) => tf.gather_nd(x, [[1, 0], [0, 2], [1, 0]]), [randomArray([2, 3], 7)]);
      checkGradients((x) => tf.gather_nd(x, [[1], [0]]), [randomArray([2, 3, 2], 8)]);
    });
  });

  describe('tf.scatter_nd (ScatterNd)', () => {
    it('adds updates into zeros at the addressed positions', () => {
      const t = tf.scatter_nd([[4], [3], [1], [7], [3]], tf.constant([9, 10, 11, 12, 1]), [8]);
      expect(t.name).to.equal('ScatterNd:0');
      expect(t.shape).to.deep.equal([8]);
      expect(val(t)).to.deep.equal([0, 11, 0, 11, 9, 0, 0, 12]);
      expect(val(tf.scatter_nd([[1]], tf.constant([[1, 2]]), [2, 2]))).to.deep.equal([[0, 0], [1, 2]]);
    });

    it('checks shapes and indices, and differentiates updates with GatherNd', () => {
      expect(() => tf.scatter_nd([[0]], tf.constant([1, 2]), [4])).to.throw(tf.errors.ValueError, /updates.shape=\[2\]/);
      const idx = tf.placeholder('int32', [null, 1]);
      const t = tf.scatter_nd(idx, tf.constant([1]), [4]);
      expect(() => run(t, [[idx, ints([[4]])]])).to.throw(tf.errors.InvalidArgumentError, /^indices\[0\] = \[4\] does not index into shape \[4\]/);
      checkGradients((u) => tf.scatter_nd([[1], [0], [1]], u, [3, 2]), [randomArray([3, 2], 9)]);
    });
  });

  describe('tf.unsorted_segment_sum (UnsortedSegmentSum) and tf.math.segment_sum (SegmentSum)', () => {
    it('sums slices per segment id; negative ids drop their slice', () => {
      const t = tf.unsorted_segment_sum(tf.constant([[1, 2], [3, 4], [5, 6], [7, 8]]), [2, 0, 2, -1], 3);
      expect(t.name).to.equal('UnsortedSegmentSum:0');
      expect(t.shape).to.deep.equal([3, 2]);
      expect(val(t)).to.deep.equal([[3, 4], [0, 0], [6, 8]]);
      expect(val(tf.unsorted_segment_sum(tf.constant([[1, 2], [3, 4]]), [[0, 1], [1, 1]], 2))).to.deep.equal([1, 9]);
      const n = tf.placeholder('int32', []);
      const fed = tf.math.unsorted_segment_sum(tf.constant(NDArray.from([1, 2, 3], 'int32')), [0, 0, 1], n);
      expect(fed.shape).to.deep.equal([null]);
      expect(val(fed, [[n, NDArray.scalar(3, 'int32')]])).to.deep.equal([3, 3, 0]);
    });

    it("checks ids against num_segments with TF1's message and shapes while building", () => {
      const ids = tf.placeholder('int32', [2]);
      const t = tf.unsorted_segment_sum(tf.constant([1, 2]), ids, 3);
      expect(() => run(t, [[ids, ints([0, 3])]])).to.throw(tf.errors.InvalidArgumentError, /^segment_ids\[1\] = 3 is out of range \[0, 3\)/);
      expect(() => tf.unsorted_segment_sum(tf.constant([1, 2]), [0, 1, 2], 3)).to.throw(tf.errors.ValueError, /does not start with segment_ids.shape = \[3\]/);
    });

    it('differentiates data by gathering dy, zero for dropped slices', () => {
      const d = tf.placeholder('float32', [3]);
      const [g] = tf.gradients(tf.unsorted_segment_sum(d, [1, -1, 1], 2), [d], [tf.constant([5, 7])]);
      expect(val(g!, [[d, NDArray.zeros([3])]])).to.deep.equal([7, 0, 7]);
      checkGradients((x) => tf.unsorted_segment_sum(x, [2, 0, -1, 2], 4), [randomArray([4, 3], 10)]);
      checkGradients((x) => tf.unsorted_segment_sum(x, [[1, 0], [1, -1]], 2), [randomArray([2, 2, 2], 11)]);
    });

    it('segment_sum needs sorted ids and has max(id) + 1 rows', () => {
      const t = tf.math.segment_sum(tf.constant([[1, 2], [3, 4], [5, 6]]), [0, 0, 2]);
      expect(t.name).to.equal('SegmentSum:0');
      expect(val(t)).to.deep.equal([[4, 6], [0, 0], [5, 6]]);
      const ids = tf.placeholder('int32', [3]);
      const fed = tf.segment_sum(tf.constant([1, 2, 3]), ids);
      expect(() => run(fed, [[ids, ints([0, 2, 1])]])).to.throw(tf.errors.InvalidArgumentError, /^segment ids are not increasing/);
      expect(() => run(fed, [[ids, ints([-1, 0, 0])]])).to.throw(tf.errors.InvalidArgumentError, /^segment ids must be >= 0/);
      checkGradients((x) => tf.math.segment_sum(x, [0, 1, 1, 3]), [randomArray([4, 2], 12)]);
    });
  });

  describe('tf.nn.embedding_lookup', () => {
    it('is GatherV2 named as its scope, then Identity, on a Variable', () => {
      const emb = tf.Variable(tf.constant([[0, 1], [2, 3], [4, 5]]), { name: 'emb' });
      const e = tf.nn.embedding_lookup(emb, [[2, 0], [1, 1]]);
      expect(e.name).to.equal('embedding_lookup/Identity:0');
      const gatherOp = tf.get_default_graph().get_operation_by_name('embedding_lookup');
      expect(gatherOp.type).to.equal('GatherV2');
      expect(gatherOp.inputs.map((t) => t.name)).to.deep.equal(['emb/read:0', 'embedding_lookup/ids:0', 'embedding_lookup/axis:0']);
      expect(e.shape).to.deep.equal([2, 2, 2]);
      const sess = new tf.Session();
      sess.run(tf.global_variables_initializer());
      expect((sess.run(e) as NDArray).toArray()).to.deep.equal([[[4, 5], [0, 1]], [[2, 3], [2, 3]]]);
      expect(tf.nn.embedding_lookup([emb], [0], { name: 'lookup' }).name).to.equal('lookup/Identity:0');
      sess.close();
    });

    it("splits ids over several partitions as TF1's 'mod' and 'div' strategies", () => {
      const full = Array.from({ length: 7 }, (_, i) => [i, 10 * i]);
      const ids = [[6, 0, 3], [5, 1, 4]];
      const expected = ids.map((r) => r.map((i) => full[i]));
      // mod: partition p holds ids p, p + 3, ...; div: contiguous ranges, the first 7 % 3 partitions one longer.
      const mod = [[0, 3, 6], [1, 4], [2, 5]].map((rows) => tf.constant(rows.map((i) => full[i])));
      const div = [[0, 1, 2], [3, 4], [5, 6]].map((rows) => tf.constant(rows.map((i) => full[i])));
      expect(val(tf.nn.embedding_lookup(mod, ids))).to.deep.equal(expected);
      expect(val(tf.nn.embedding_lookup(div, ids, { partition_strategy: 'div' }))).to.deep.equal(expected);
      expect(() => tf.nn.embedding_lookup(mod, ids, 'range')).to.throw(tf.errors.ValueError, 'Unrecognized partition strategy: range');
      expect(() => tf.nn.embedding_lookup([div[1], div[0], div[2]], ids, 'div')).to.throw(tf.errors.ValueError,
        "embedding_lookup: with partition_strategy 'div', 7 ids over 3 partitions make partitions of [3,2,2] rows, got [2,3,2]");
      expect(() => tf.nn.embedding_lookup([], ids)).to.throw(tf.errors.ValueError, 'Need at least one param');
      checkGradients((a, b) => tf.nn.embedding_lookup([a, b], [3, 0, 1, 3]), [randomArray([2, 2], 13), randomArray([2, 2], 14)]);
    });

    it('scales embeddings longer than max_norm down to it', () => {
      const p = tf.constant([[3, 4], [0.3, 0.4], [0, 0]]);
      const e = tf.nn.embedding_lookup(p, [0, 1, 2], { max_norm: 1 });
      const v = val(e) as number[][];
      [[0.6, 0.8], [0.3, 0.4], [0, 0]].forEach((row, i) => row.forEach((x, j) => expect(v[i][j]).to.be.closeTo(x, 1e-6)));
      checkGradients((x) => tf.nn.embedding_lookup(x, [[1, 0], [1, 1]], { max_norm: 1 }), [randomArray([2, 3], 15, 0.5, 1.5)]);
    });

    it('differentiates params with the dense gather gradient', () => {
      checkGradients((x) => tf.nn.embedding_lookup(x, [[2, 0], [2, 2]]), [randomArray([3, 2], 16)]);
    });
  });

  describe('tf.sequence_mask', () => {
    it('marks the first lengths[i] positions, up to maxlen, with TF1 op names', () => {
      const m = tf.sequence_mask([1, 3, 2], 5);
      expect(m.name).to.equal('SequenceMask/Less:0');
      expect(m.dtype).to.equal('bool');
      expect(m.shape).to.deep.equal([3, 5]);
      expect(opNames()).to.deep.equal(['SequenceMask/Const', 'SequenceMask/Const_1', 'SequenceMask/Const_2', 'SequenceMask/Const_3',
        'SequenceMask/Range', 'SequenceMask/ExpandDims/dim', 'SequenceMask/ExpandDims', 'SequenceMask/Cast', 'SequenceMask/Less']);
      expect(val(m)).to.deep.equal([
        [true, false, false, false, false], [true, true, true, false, false], [true, true, false, false, false]]);
    });

    it('defaults maxlen to the longest length, takes a dtype, a name and 2-D lengths', () => {
      const f = tf.sequence_mask([[1, 0], [2, 3]], { dtype: 'float32', name: 'mask' });
      expect(f.name).to.equal('mask/Cast_1:0');
      expect(f.dtype).to.equal('float32');
      expect(val(f)).to.deep.equal([[[1, 0, 0], [0, 0, 0]], [[1, 1, 0], [1, 1, 1]]]);
      const lengths = tf.placeholder('int32', [null]);
      expect(val(tf.sequence_mask(lengths), [[lengths, ints([0, 0])]])).to.deep.equal([[], []]);
      expect(val(tf.sequence_mask(lengths), [[lengths, ints([2, 1])]])).to.deep.equal([[true, true], [true, false]]);
      expect(() => tf.sequence_mask([1], [2, 3] as never)).to.throw(tf.errors.ValueError, 'maxlen must be scalar for sequence_mask');
    });
  });
  describe('on the gpu backend', () => {
    it("raises the CPU kernels' TF errors for bad indices, without falling back to the CPU", () => {
      const device = probeGl() ? 'gpu' : 'gpu-webasm';
      const idx = tf.placeholder('int32', null);
      const v = tf.Variable(tf.zeros([5, 2]));
      const cases: [tf.Tensor, number[] | number[][], RegExp][] = [
        [tf.gather(tf.zeros([5, 2]), idx), [1, 7], /^indices\[1\] = 7 is not in \[0, 5\)/],
        [tf.gather_nd(tf.zeros([5, 2]), idx), [[0, 0], [7, 0]], /^indices\[1\] = \[7, 0\] does not index into param shape \[5,2\]/],
        [tf.unsorted_segment_sum(tf.zeros([2]), idx, 3), [0, 3], /^segment_ids\[1\] = 3 is out of range \[0, 3\)/],
        [tf.scatter_add(v, idx, tf.ones([2, 2])), [0, 5], /^indices\[1\] = 5 is not in \[0, 5\)/],
      ];
      const sess = new tf.Session({ config: { device } });
      sess.run(v.initializer);
      for (const [t, bad, message] of cases) {
        expect(() => sess.run(t, [[idx, NDArray.from(bad, 'int32')]])).to.throw(tf.errors.InvalidArgumentError, message);
      }
      expect((sess.run(tf.gather(tf.constant([[1, 2], [3, 4]]), idx), [[idx, NDArray.from([1, 1], 'int32')]]) as NDArray).toArray())
        .to.deep.equal([[3, 4], [3, 4]]);
      expect((sess.backend as GpuBackend).counters.cpuFallbacks).to.equal(0);
      sess.close();
    });
  });
});
