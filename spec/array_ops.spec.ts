import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

/** Runs fetches in a fresh session of the default graph. */
function run(fetches: unknown, feed?: unknown): any {
  const sess = new tf.Session();
  try { return sess.run(fetches, feed); } finally { sess.close(); }
}
const val = (t: tf.Tensor, feed?: unknown) => {
  const v = run(t, feed);
  return v instanceof NDArray ? v.toArray() : v;
};

/** numbers 0..n-1 in the given shape, for layout tests. */
function iota(shape: number[], dtype: tf.DType = 'float32'): NDArray {
  const a = NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = i;
  return a;
}

/** Reference transpose by explicit index arithmetic. */
function naiveTranspose(x: NDArray, perm: number[]): number[] {
  const outShape = perm.map((p) => x.shape[p]);
  const inStrides = x.shape.map((_, i) => x.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out: number[] = [];
  const idx = new Array(outShape.length).fill(0);
  const total = outShape.reduce((a, b) => a * b, 1);
  for (let k = 0; k < total; k++) {
    let src = 0;
    for (let d = 0; d < perm.length; d++) src += idx[d] * inStrides[perm[d]];
    out.push(x.data[src]);
    for (let d = outShape.length - 1; d >= 0; d--) { if (++idx[d] < outShape[d]) break; idx[d] = 0; }
  }
  return out;
}

describe('array ops', () => {
  beforeEach(() => tf.reset_default_graph());

  describe('tf.transpose (Transpose)', () => {
    it('reverses the dimensions by default and names the op and its perm as TF1', () => {
      const t = tf.transpose(tf.constant([[1, 2, 3], [4, 5, 6]]));
      expect(t.name).to.equal('transpose:0');
      expect(t.op.inputs[1].name).to.equal('transpose/perm:0');
      expect(t.shape).to.deep.equal([3, 2]);
      expect(val(t)).to.deep.equal([[1, 4], [2, 5], [3, 6]]);
    });

    it('matches a reference for many permutations, including size-1 and merged dims', () => {
      const cases: [number[], number[]][] = [
        [[2, 3, 4], [1, 0, 2]], [[2, 3, 4], [0, 2, 1]], [[2, 3, 4], [2, 0, 1]], [[2, 3, 4], [2, 1, 0]],
        [[2, 3, 4, 5], [0, 3, 1, 2]], [[2, 3, 4, 5], [0, 2, 3, 1]], [[2, 1, 3], [2, 1, 0]], [[2, 1, 3], [0, 2, 1]],
        [[67, 45], [1, 0]], [[3, 40, 33], [0, 2, 1]], [[1, 1, 1], [2, 0, 1]], [[2, 3, 4, 5], [3, 2, 1, 0]],
      ];
      for (const [shape, perm] of cases) {
        tf.reset_default_graph();
        const x = iota(shape);
        const t = tf.transpose(tf.constant(x), perm);
        expect(t.shape).to.deep.equal(perm.map((p) => shape[p]));
        const got = run(t) as NDArray;
        expect(got.shape, `${shape} ${perm}`).to.deep.equal(perm.map((p) => shape[p]));
        expect(Array.from(got.data), `${shape} ${perm}`).to.deep.equal(naiveTranspose(x, perm));
      }
    });

    it('handles scalars, size-0 dims, int32 and the options form', () => {
      expect(val(tf.transpose(tf.constant(7)))).to.equal(7);
      const empty = run(tf.transpose(tf.zeros([0, 3]))) as NDArray;
      expect(empty.shape).to.deep.equal([3, 0]);
      const ints = tf.transpose(tf.constant([[1, 2], [3, 4]], { dtype: 'int32' }), { perm: [1, 0], name: 'tr' });
      expect(ints.name).to.equal('tr:0');
      expect(ints.dtype).to.equal('int32');
      expect(val(ints)).to.deep.equal([[1, 3], [2, 4]]);
    });

    it('takes a fed perm: static dims unknown, the value permuted at run time', () => {
      const perm = tf.placeholder('int32', [3]);
      const t = tf.transpose(tf.constant(iota([2, 3, 4])), perm);
      expect(t.shape).to.deep.equal([null, null, null]);
      const got = run(t, [[perm, NDArray.from([2, 0, 1], 'int32')]]) as NDArray;
      expect(got.shape).to.deep.equal([4, 2, 3]);
      expect(Array.from(got.data)).to.deep.equal(naiveTranspose(iota([2, 3, 4]), [2, 0, 1]));
      expect(() => run(t, [[perm, NDArray.from([0, 0, 1], 'int32')]])).to.throw(tf.errors.InvalidArgumentError, /duplicated/);
    });

    it('transposes a tensor of unknown rank by reversing its dims at run time', () => {
      const x = tf.placeholder('float32');
      const t = tf.transpose(x);
      expect(t.shape).to.equal(null);
      expect(val(t, [[x, iota([2, 3])]])).to.deep.equal([[0, 3], [1, 4], [2, 5]]);
    });

    it('rejects a bad constant perm while building, naming the op', () => {
      const x = tf.zeros([2, 3]);
      expect(() => tf.transpose(x, [0, 1, 2])).to.throw(tf.errors.ValueError, /transpose.*Transpose|Dimension must be 2/);
      expect(() => tf.transpose(x, [1, 1])).to.throw(tf.errors.ValueError, /repeated/);
      expect(() => tf.transpose(x, [0, 2])).to.throw(tf.errors.ValueError, /out of range/);
      expect(() => tf.transpose(x, tf.constant([1, 0]), 'float_perm')).to.throw(TypeError,
        "Value passed to parameter 'perm' of 'float_perm' (op: 'Transpose') has DataType float32 not in list of allowed values: int32, int64");
    });

    it('inverts permutations (InvertPermutation)', () => {
      expect(val(tf.invert_permutation([3, 4, 0, 2, 1]))).to.deep.equal([2, 4, 3, 0, 1]);
      expect(() => run(tf.invert_permutation([0, 0]))).to.throw(tf.errors.InvalidArgumentError);
    });
  });

  describe('tf.concat (ConcatV2)', () => {
    it('joins along any axis, negative axes included', () => {
      const a = tf.constant([[1, 2], [3, 4]]), b = tf.constant([[5, 6]]), c = tf.constant([[7], [8]]);
      const c0 = tf.concat([a, b], 0);
      expect(c0.name).to.equal('concat:0');
      expect(c0.op.inputs[2].name).to.equal('concat/axis:0');
      expect(c0.shape).to.deep.equal([3, 2]);
      expect(val(c0)).to.deep.equal([[1, 2], [3, 4], [5, 6]]);
      const c1 = tf.concat([a, c, a], -1);
      expect(c1.shape).to.deep.equal([2, 5]);
      expect(val(c1)).to.deep.equal([[1, 2, 7, 1, 2], [3, 4, 8, 3, 4]]);
    });

    it('handles 3-D middle axes, size-0 inputs and int32', () => {
      const x = iota([2, 2, 3]), y = iota([2, 1, 3]);
      const r = run(tf.concat([tf.constant(x), tf.constant(y)], 1)) as NDArray;
      expect(r.toArray()).to.deep.equal([
        [[0, 1, 2], [3, 4, 5], [0, 1, 2]],
        [[6, 7, 8], [9, 10, 11], [3, 4, 5]],
      ]);
      const withEmpty = tf.concat([tf.zeros([2, 0]), tf.ones([2, 1])], 1);
      expect(val(withEmpty)).to.deep.equal([[1], [1]]);
      const ints = tf.concat([tf.constant([1], { dtype: 'int32' }), tf.constant([2, 3], { dtype: 'int32' })], 0);
      expect(ints.dtype).to.equal('int32');
      expect(val(ints)).to.deep.equal([1, 2, 3]);
    });

    it('passes a single value through identity', () => {
      const t = tf.concat([tf.constant([1, 2])], 0);
      expect(t.op.type).to.equal('Identity');
      expect(val(t)).to.deep.equal([1, 2]);
    });

    it('infers what it can with unknown dims', () => {
      const x = tf.placeholder('float32', [null, 3]);
      const y = tf.placeholder('float32', [null, 4]);
      expect(tf.concat([x, y], 1).shape).to.deep.equal([null, 7]);
      expect(tf.concat([x, tf.zeros([2, 3])], 0).shape).to.deep.equal([null, 3]);
      const axis = tf.placeholder('int32', []);
      expect(tf.concat([x, y], axis).shape).to.deep.equal([null, null]);
    });

    it('rejects mismatched static shapes with a ValueError naming the op', () => {
      const a = tf.zeros([2, 3]), b = tf.zeros([3, 4]);
      expect(() => tf.concat([a, b], 1, 'joined')).to.throw(tf.errors.ValueError, /Dimension 0 in both shapes must be equal, but are 2 and 3.*'joined' \(op: 'ConcatV2'\)/);
      expect(() => tf.concat([a, tf.zeros([2, 3, 1])], 0)).to.throw(tf.errors.ValueError, /rank 2 but is rank 3.*'concat'/);
      expect(() => tf.concat([tf.constant(1), tf.constant(2)], 0)).to.throw(tf.errors.ValueError, /scalars/);
      expect(() => tf.concat([a, a], 2)).to.throw(tf.errors.ValueError, /out of bounds/);
      expect(() => tf.concat([a, tf.zeros([2, 3], 'int32')], 0, 'mixed')).to.throw(TypeError,
        "Tensors in list passed to 'values' of 'mixed' (op: 'ConcatV2') have types [float32, int32] that don't all match.");
    });

    it('rejects mismatched fed shapes at run time with InvalidArgumentError', () => {
      const x = tf.placeholder('float32', [null, null]);
      const y = tf.placeholder('float32', [null, null]);
      const c = tf.concat([x, y], 1);
      expect(() => run(c, [[x, iota([2, 2])], [y, iota([3, 2])]])).to.throw(tf.errors.InvalidArgumentError, /Dimensions of inputs should match.*concat/);
    });
  });

  describe('tf.stack / tf.unstack (Pack, Unpack)', () => {
    it('stacks along a new axis', () => {
      const a = tf.constant([1, 2]), b = tf.constant([3, 4]), c = tf.constant([5, 6]);
      const s0 = tf.stack([a, b, c]);
      expect(s0.name).to.equal('stack:0');
      expect(s0.shape).to.deep.equal([3, 2]);
      expect(val(s0)).to.deep.equal([[1, 2], [3, 4], [5, 6]]);
      const s1 = tf.stack([a, b, c], 1);
      expect(s1.shape).to.deep.equal([2, 3]);
      expect(val(s1)).to.deep.equal([[1, 3, 5], [2, 4, 6]]);
      expect(val(tf.stack([a, b], { axis: -1, name: 'st' }))).to.deep.equal([[1, 3], [2, 4]]);
      expect(val(tf.stack([tf.constant(1), tf.constant(2)]))).to.deep.equal([1, 2]);
    });

    it('rejects different shapes and bad axes', () => {
      expect(() => tf.stack([tf.zeros([2]), tf.zeros([3])])).to.throw(tf.errors.ValueError, /Shapes of all inputs must match.*stack/);
      expect(() => tf.stack([tf.zeros([2]), tf.zeros([2])], 2)).to.throw(tf.errors.ValueError, /axis = 2 not in \[-2, 2\)/);
      expect(() => tf.stack([tf.zeros([2]), tf.zeros([2])], 0.5)).to.throw(tf.errors.ValueError, /Attr 'axis' of 'stack' \(op: 'Pack'\) must be of type int/);
    });

    it('unstacks along an axis, inferring num', () => {
      const x = tf.constant([[1, 2, 3], [4, 5, 6]]);
      const rows = tf.unstack(x);
      expect(rows.map((r) => r.name)).to.deep.equal(['unstack:0', 'unstack:1']);
      expect(run(rows).map((r: NDArray) => r.toArray())).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
      const cols = tf.unstack(x, { axis: 1 });
      expect(cols).to.have.length(3);
      expect(cols[0].shape).to.deep.equal([2]);
      expect(run(cols).map((r: NDArray) => r.toArray())).to.deep.equal([[1, 4], [2, 5], [3, 6]]);
      const last = tf.unstack(tf.constant(iota([2, 2, 2])), null, -1);
      expect(run(last).map((r: NDArray) => r.toArray())).to.deep.equal([[[0, 2], [4, 6]], [[1, 3], [5, 7]]]);
    });

    it('needs num when it cannot be inferred, and checks it at run time', () => {
      const x = tf.placeholder('float32', [null, 2]);
      expect(() => tf.unstack(x)).to.throw(tf.errors.ValueError, /Cannot infer num/);
      const parts = tf.unstack(x, 3);
      expect(run(parts, [[x, iota([3, 2])]]).map((r: NDArray) => r.toArray())).to.deep.equal([[0, 1], [2, 3], [4, 5]]);
      expect(() => run(parts, [[x, iota([2, 2])]])).to.throw(tf.errors.InvalidArgumentError, /must equal 3/);
    });
  });

  describe('tf.expand_dims / tf.squeeze (ExpandDims, Squeeze)', () => {
    it('inserts a size-1 dimension at positive and negative positions', () => {
      const x = tf.constant([[1, 2, 3], [4, 5, 6]]);
      const e0 = tf.expand_dims(x, 0);
      expect(e0.name).to.equal('ExpandDims:0');
      expect(e0.shape).to.deep.equal([1, 2, 3]);
      expect(tf.expand_dims(x, 1).shape).to.deep.equal([2, 1, 3]);
      expect(tf.expand_dims(x, -1).shape).to.deep.equal([2, 3, 1]);
      expect(tf.expand_dims(x, { dim: -2 }).shape).to.deep.equal([2, 1, 3]);
      expect(val(tf.expand_dims(x, -1))).to.deep.equal([[[1], [2], [3]], [[4], [5], [6]]]);
      expect(val(tf.expand_dims(tf.constant(5), 0))).to.deep.equal([5]);
      expect(() => tf.expand_dims(x, 3)).to.throw(tf.errors.ValueError, /dim 3 not in the interval \[-3, 2\]/);
    });

    it('removes all size-1 dimensions, or the listed ones', () => {
      const x = tf.constant(iota([1, 2, 1, 3]));
      const all = tf.squeeze(x);
      expect(all.name).to.equal('Squeeze:0');
      expect(all.shape).to.deep.equal([2, 3]);
      expect(val(all)).to.deep.equal([[0, 1, 2], [3, 4, 5]]);
      expect(tf.squeeze(x, [2]).shape).to.deep.equal([1, 2, 3]);
      expect(tf.squeeze(x, -2).shape).to.deep.equal([1, 2, 3]);
      expect(tf.squeeze(x, { squeeze_dims: [0] }).shape).to.deep.equal([2, 1, 3]);
      expect(val(tf.squeeze(tf.constant([[7]])))).to.equal(7);
      expect(() => tf.squeeze(x, [1])).to.throw(tf.errors.ValueError, /Can not squeeze dim\[1\], expected a dimension of 1, got 2/);
    });

    it('leaves the rank unknown when unknown dims might be 1, and checks at run time', () => {
      const x = tf.placeholder('float32', [null, 1, 3]);
      expect(tf.squeeze(x).shape).to.equal(null);
      const s1 = tf.squeeze(x, [1]);
      expect(s1.shape).to.deep.equal([null, 3]);
      expect((run(s1, [[x, iota([2, 1, 3])]]) as NDArray).shape).to.deep.equal([2, 3]);
      const y = tf.placeholder('float32', [null, 3]);
      const s0 = tf.squeeze(y, [0]);
      expect(() => run(s0, [[y, iota([2, 3])]])).to.throw(tf.errors.InvalidArgumentError, /Can not squeeze dim\[0\]/);
    });
  });

  describe('tf.slice (Slice)', () => {
    it('takes a box, with -1 meaning the rest', () => {
      const x = tf.constant(iota([3, 4]));
      const s = tf.slice(x, [1, 1], [2, -1]);
      expect(s.name).to.equal('Slice:0');
      expect(s.shape).to.deep.equal([2, 3]);
      expect(val(s)).to.deep.equal([[5, 6, 7], [9, 10, 11]]);
      expect(val(tf.slice(x, [0, 2], [-1, 1]))).to.deep.equal([[2], [6], [10]]);
      const cube = run(tf.slice(tf.constant(iota([3, 3, 3])), [1, 0, 1], [2, 2, 2])) as NDArray;
      expect(cube.toArray()).to.deep.equal([[[10, 11], [13, 14]], [[19, 20], [22, 23]]]);
    });

    it('handles size 0, full and scalar slices', () => {
      const x = tf.constant(iota([2, 3]));
      expect((run(tf.slice(x, [1, 0], [0, 3])) as NDArray).shape).to.deep.equal([0, 3]);
      expect(val(tf.slice(x, [0, 0], [-1, -1]))).to.deep.equal([[0, 1, 2], [3, 4, 5]]);
      expect(val(tf.slice(tf.constant(4), [], []))).to.equal(4);
    });

    it('infers partial static shapes from fed begin/size', () => {
      const begin = tf.placeholder('int32', [2]);
      const x = tf.placeholder('float32', [null, 5]);
      expect(tf.slice(x, begin, [2, 3]).shape).to.deep.equal([2, 3]);
      expect(tf.slice(x, [0, 1], [-1, -1]).shape).to.deep.equal([null, 4]);
      const s = tf.slice(x, begin, [-1, 2]);
      expect(s.shape).to.deep.equal([null, 2]);
      expect(val(s, [[x, iota([3, 5])], [begin, NDArray.from([1, 3], 'int32')]])).to.deep.equal([[8, 9], [13, 14]]);
    });

    it('rejects out-of-bounds boxes at build and at run time', () => {
      const x = tf.zeros([2, 3]);
      expect(() => tf.slice(x, [1, 0], [2, 3])).to.throw(tf.errors.ValueError, /out of bounds/);
      expect(() => tf.slice(x, [0], [1])).to.throw(tf.errors.ValueError, /begin has 1 entries.*rank 2/);
      expect(() => tf.slice(x, [0, 0], [-2, 1])).to.throw(tf.errors.ValueError, /size\[0\] = -2/);
      const begin = tf.placeholder('int32', [2]);
      const s = tf.slice(x, begin, [1, 2]);
      expect(() => run(s, [[begin, NDArray.from([0, 2], 'int32')]])).to.throw(tf.errors.InvalidArgumentError, /Expected size\[1\] in \[0, 1\]/);
    });
  });

  describe('tf.pad (Pad, PadV2)', () => {
    it('pads with zeros or a constant', () => {
      const x = tf.constant([[1, 2], [3, 4]]);
      const p = tf.pad(x, [[1, 0], [0, 2]]);
      expect(p.name).to.equal('Pad:0');
      expect(p.shape).to.deep.equal([3, 4]);
      expect(val(p)).to.deep.equal([[0, 0, 0, 0], [1, 2, 0, 0], [3, 4, 0, 0]]);
      const c = tf.pad(x, [[0, 1], [1, 1]], { constant_values: 9 });
      expect(c.op.type).to.equal('PadV2');
      expect(val(c)).to.deep.equal([[9, 1, 2, 9], [9, 3, 4, 9], [9, 9, 9, 9]]);
      expect(val(tf.pad(tf.constant([1, 2], { dtype: 'int32' }), [[2, 1]], 'CONSTANT'))).to.deep.equal([0, 0, 1, 2, 0]);
    });

    it('handles no padding, size-0 inputs, 3-D and scalars', () => {
      expect(val(tf.pad(tf.constant([[5]]), [[0, 0], [0, 0]]))).to.deep.equal([[5]]);
      expect(val(tf.pad(tf.zeros([0, 2]), [[1, 0], [0, 0]]))).to.deep.equal([[0, 0]]);
      const cube = run(tf.pad(tf.constant(iota([1, 2, 2])), [[0, 0], [1, 0], [0, 1]])) as NDArray;
      expect(cube.toArray()).to.deep.equal([[[0, 0, 0], [0, 1, 0], [2, 3, 0]]]);
      expect(val(tf.pad(tf.constant(3), tf.zeros([0, 2], 'int32')))).to.equal(3);
    });

    it('rejects bad paddings and unsupported modes', () => {
      const x = tf.zeros([2, 2]);
      expect(() => tf.pad(x, [[1, 1]])).to.throw(tf.errors.ValueError, /paddings/);
      expect(() => tf.pad(x, [[1, -1], [0, 0]])).to.throw(tf.errors.ValueError, /non-negative/);
      expect(() => tf.pad(x, [[1, 1], [1, 1]], 'REFLECT')).to.throw(tf.errors.ValueError, /CONSTANT mode only/);
      const p = tf.placeholder('int32', [2, 2]);
      expect(() => run(tf.pad(x, p), [[p, NDArray.from([[0, -1], [0, 0]], 'int32')]])).to.throw(tf.errors.InvalidArgumentError, /non-negative/);
    });
  });

  describe('tf.tile (Tile)', () => {
    it('repeats along each dimension', () => {
      const x = tf.constant([[1, 2], [3, 4]]);
      const t = tf.tile(x, [2, 3]);
      expect(t.name).to.equal('Tile:0');
      expect(t.shape).to.deep.equal([4, 6]);
      expect(val(t)).to.deep.equal([
        [1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4], [1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4],
      ]);
      expect(val(tf.tile(tf.constant([1, 2, 3], { dtype: 'int32' }), [2]))).to.deep.equal([1, 2, 3, 1, 2, 3]);
      const cube = run(tf.tile(tf.constant(iota([2, 1, 2])), [1, 2, 2])) as NDArray;
      expect(cube.toArray()).to.deep.equal([[[0, 1, 0, 1], [0, 1, 0, 1]], [[2, 3, 2, 3], [2, 3, 2, 3]]]);
      expect(val(tf.tile(tf.constant([[1], [2]]), [2, 5]))).to.deep.equal([
        [1, 1, 1, 1, 1], [2, 2, 2, 2, 2], [1, 1, 1, 1, 1], [2, 2, 2, 2, 2],
      ]);
      const wide = run(tf.tile(tf.constant(iota([3, 40])), [2, 3])) as NDArray;
      for (let r = 0; r < 6; r++) for (let c = 0; c < 120; c++) expect(wide.get(r, c)).to.equal((r % 3) * 40 + (c % 40));
    });

    it('handles zero multiples, scalars, and unknown dims', () => {
      expect((run(tf.tile(tf.zeros([2, 2]), [0, 1])) as NDArray).shape).to.deep.equal([0, 2]);
      expect(val(tf.tile(tf.constant(5), []))).to.equal(5);
      const x = tf.placeholder('float32', [null, 2]);
      expect(tf.tile(x, [2, 2]).shape).to.deep.equal([null, 4]);
      expect(() => tf.tile(tf.zeros([2, 2]), [2])).to.throw(tf.errors.ValueError, /multiples/);
    });
  });

  describe('tf.one_hot (OneHot)', () => {
    it('encodes indices along a new last axis; out-of-range indices give all-off rows', () => {
      const t = tf.one_hot([0, 2, 3, -1, 1], 3);
      expect(t.name).to.equal('one_hot:0');
      expect(t.dtype).to.equal('float32');
      expect(t.shape).to.deep.equal([5, 3]);
      expect(val(t)).to.deep.equal([[1, 0, 0], [0, 0, 1], [0, 0, 0], [0, 0, 0], [0, 1, 0]]);
    });

    it('takes on/off values, dtype, axis, and int64 indices', () => {
      const labels = tf.constant(NDArray.from([1, 0], 'int64'));
      const t = tf.one_hot(labels, 2, { on_value: 5, off_value: -1, dtype: 'int32' });
      expect(t.dtype).to.equal('int32');
      expect(val(t)).to.deep.equal([[-1, 5], [5, -1]]);
      const a0 = tf.one_hot([0, 2], 3, null, null, 0);
      expect(a0.shape).to.deep.equal([3, 2]);
      expect(val(a0)).to.deep.equal([[1, 0], [0, 0], [0, 1]]);
      const mid = tf.one_hot([[0, 1], [2, 0]], 3, { axis: 1 });
      expect(mid.shape).to.deep.equal([2, 3, 2]);
      expect(val(mid)).to.deep.equal([[[1, 0], [0, 1], [0, 0]], [[0, 1], [0, 0], [1, 0]]]);
      expect(val(tf.one_hot(1, 3))).to.deep.equal([0, 1, 0]);
      expect(val(tf.one_hot([[1]], 0))).to.deep.equal([[[]]]);
    });

    it('takes a fed depth and rejects bad arguments', () => {
      const depth = tf.placeholder('int32', []);
      const t = tf.one_hot([1, 0], depth);
      expect(t.shape).to.deep.equal([2, null]);
      expect(val(t, [[depth, NDArray.scalar(2, 'int32')]])).to.deep.equal([[0, 1], [1, 0]]);
      expect(() => run(t, [[depth, NDArray.scalar(-1, 'int32')]])).to.throw(tf.errors.InvalidArgumentError, /depth must be non-negative, got: -1/);
      expect(() => tf.one_hot([0.5], 2)).to.throw(tf.errors.ValueError, /integers/);
      expect(() => tf.one_hot(tf.constant([0, 1]), 2)).to.throw(TypeError,
        "Value passed to parameter 'indices' of 'one_hot_1' (op: 'OneHot') has DataType float32 not in list of allowed values: uint8, int32, int64");
      expect(() => tf.one_hot([0], 2, { axis: 3 })).to.throw(tf.errors.ValueError, /axis/);
      expect(() => tf.one_hot([0], 2, { on_value: tf.constant(1, { dtype: 'int32' }), dtype: 'float32' })).to.throw(TypeError, /on_value/);
      expect(() => tf.one_hot([0], 2, { on_value: tf.constant(1, { dtype: 'int32' }), off_value: tf.constant(0) })).to.throw(TypeError,
        'dtype int32 of on_value does not match dtype float32 of off_value');
      const named = tf.one_hot([0], 2, { name: 'oh' });
      expect(named.op.inputs.map((t) => t.name)).to.deep.equal(['oh/indices:0', 'oh/depth:0', 'oh/on_value:0', 'oh/off_value:0']);
    });
  });

  describe('tf.where (Select, Where)', () => {
    it('chooses elementwise, by rows, or wholesale', () => {
      const x = tf.constant([[1, 2], [3, 4]]), y = tf.constant([[-1, -2], [-3, -4]]);
      const s = tf.where(tf.constant([[true, false], [false, true]]), x, y);
      expect(s.name).to.equal('Select:0');
      expect(s.shape).to.deep.equal([2, 2]);
      expect(val(s)).to.deep.equal([[1, -2], [-3, 4]]);
      expect(val(tf.where([false, true], x, y))).to.deep.equal([[-1, -2], [3, 4]]);
      expect(val(tf.where(true, x, y))).to.deep.equal([[1, 2], [3, 4]]);
      expect(val(tf.where(tf.constant([true, false, true]), tf.constant([1, 2, 3], { dtype: 'int32' }), tf.constant([0, 0, 0], { dtype: 'int32' })))).to.deep.equal([1, 0, 3]);
    });

    it('gives the coordinates of true elements without x and y', () => {
      const w = tf.where(tf.constant([[true, false, true], [false, false, true]]));
      expect(w.dtype).to.equal('int64');
      expect(w.shape).to.deep.equal([null, 2]);
      expect(val(w)).to.deep.equal([[0, 0], [0, 2], [1, 2]]);
      expect((run(tf.where(tf.constant([false, false]))) as NDArray).shape).to.deep.equal([0, 1]);
    });

    it('rejects mismatched arguments', () => {
      const x = tf.zeros([2, 2]);
      expect(() => tf.where(tf.constant([true, false]), x)).to.throw(tf.errors.ValueError, /both be non-None or both be None/);
      expect(() => tf.where(tf.constant([true, false, true]), x, x)).to.throw(tf.errors.ValueError, /condition must be/);
      expect(() => tf.where(tf.constant([true, false]), x, tf.zeros([2, 3]))).to.throw(tf.errors.ValueError, /'t' and 'e'/);
      expect(() => tf.where(tf.constant([1, 0]), tf.zeros([2]), tf.zeros([2]))).to.throw(TypeError,
        "Input 'condition' of 'Select' (op: 'Select') has type float32 that does not match expected type of bool.");
      const c = tf.placeholder('bool', [null]);
      const sel = tf.where(c, x, x);
      expect(() => run(sel, [[c, NDArray.from([true, false, true])]])).to.throw(tf.errors.InvalidArgumentError, /condition must be/);
    });
  });

  describe('tf.identity', () => {
    it('passes the value through under a new name', () => {
      const t = tf.identity(tf.constant([1, 2]), 'same');
      expect(t.name).to.equal('same:0');
      expect(t.op.type).to.equal('Identity');
      expect(val(t)).to.deep.equal([1, 2]);
    });
  });
});
