import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { makeOp1 } from '../lib/ops/op_builder';
import { checkGradients, randomArray } from './helpers/gradient_check';

function run(fetches: unknown, feed?: unknown): any {
  const sess = new tf.Session();
  try { return sess.run(fetches, feed); } finally { sess.close(); }
}
const val = (t: tf.Tensor, feed?: unknown) => {
  const v = run(t, feed);
  return v instanceof NDArray ? v.toArray() : v;
};
/** x[i, j, k] = 12i + 4j + k, shape [2, 3, 4]: every expected value below is read off that formula. */
const cube = () => tf.reshape(tf.range(24), [2, 3, 4]);

describe('tf.strided_slice and t.index (Python t[...])', () => {
  beforeEach(() => tf.reset_default_graph());

  it('an integer drops its dimension; negative counts from the end', () => {
    const x = cube();
    expect(x.index('1').shape).to.deep.equal([3, 4]);
    expect(val(x.index(1, 2))).to.deep.equal([20, 21, 22, 23]);
    const last = x.index(':, -1');
    expect(last.shape).to.deep.equal([2, 4]);
    expect(val(last)).to.deep.equal([[8, 9, 10, 11], [20, 21, 22, 23]]);
    expect(last.op.type).to.equal('StridedSlice');
    expect(last.op.name).to.match(/^strided_slice(_\d+)?$/);
    expect(last.op.inputs.map((t) => t.name)).to.deep.equal(['Reshape:0', ...['stack', 'stack_1', 'stack_2'].map((n) => `${last.op.name}/${n}:0`)]);
    expect(last.op.attrs).to.include({ begin_mask: 1, end_mask: 1, shrink_axis_mask: 2, ellipsis_mask: 0, new_axis_mask: 0 });
  });

  it('slices with steps, negative steps, and bounds clamped as Python does', () => {
    const x = cube();
    expect(val(x.index('::-1, 1:3, ::3'))).to.deep.equal([[[16, 19], [20, 23]], [[4, 7], [8, 11]]]);
    expect(val(x.index('0, 1:100, -100:2'))).to.deep.equal([[4, 5], [8, 9]]);
    expect(val(x.index('1, -1, -2::-2'))).to.deep.equal([22, 20]);
    const empty = x.index('0, 2:1');
    expect(empty.shape).to.deep.equal([0, 4]);
    expect((run(empty) as NDArray).shape).to.deep.equal([0, 4]);
  });

  it('... stands for the remaining dimensions; tf.newaxis (null) inserts one', () => {
    const x = cube();
    expect(tf.newaxis).to.equal(null);
    expect(val(x.index('..., 0'))).to.deep.equal([[0, 4, 8], [12, 16, 20]]);
    expect(x.index('..., ::-2').shape).to.deep.equal([2, 3, 2]);
    expect(val(x.index('..., ::-2'))[0][0]).to.deep.equal([3, 1]);
    expect(x.index(tf.newaxis).shape).to.deep.equal([1, 2, 3, 4]);
    expect(x.index('..., tf.newaxis, 0').shape).to.deep.equal([2, 3, 1]);
    expect(val(x.index(0, null, '1:', 2))).to.deep.equal([[6, 10]]);
    expect(val(x.index('1, ..., None, 3'))).to.deep.equal([[15], [19], [23]]);
  });

  it('tf.strided_slice takes the masks as TF1 does, strides defaulting to ones', () => {
    const x = cube();
    const y = tf.strided_slice(x, [0, 0, 0], [0, 2, 0], [1, 1, 1], { begin_mask: 5, end_mask: 5 });
    expect(y.shape).to.deep.equal([2, 2, 4]);
    expect(y.op.name).to.equal('StridedSlice');
    expect(val(y)[1][1]).to.deep.equal([16, 17, 18, 19]);
    expect(val(tf.strided_slice(x, [1, 0], [2, 3]))).to.deep.equal([[[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]]);
    expect(tf.strided_slice(x, [1, 0], [2, 3]).shape).to.deep.equal([1, 3, 4]);
    expect(val(tf.strided_slice(x, [0, 1], [0, 2], [1, 1], { ellipsis_mask: 1, shrink_axis_mask: 2 }))).to.deep.equal([[1, 5, 9], [13, 17, 21]]);
    expect(tf.strided_slice(x, [0, 0], [1, 1], [1, 1], { new_axis_mask: 2 }).shape).to.deep.equal([1, 1, 3, 4]);
  });

  it('a scalar tensor index (fed at run time); unknown input dims stay unknown', () => {
    const x = cube();
    const i = tf.placeholder('int32', []);
    const row = x.index(i, -1);
    expect(row.shape).to.deep.equal([4]);
    expect(val(row, { [i.name]: 1 })).to.deep.equal([20, 21, 22, 23]);
    const p = tf.placeholder('float32', [null, 5]);
    expect(p.index(':, 1:3').shape).to.deep.equal([null, 2]);
    expect(p.index('0').shape).to.deep.equal([5]);
    expect(val(p.index('-1, ::2'), { [p.name]: [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]] })).to.deep.equal([6, 8, 10]);
  });

  it("errors: TF's messages, at build time (ValueError) and at run time (InvalidArgumentError)", () => {
    const x = cube();
    expect(() => x.index('5')).to.throw(tf.errors.ValueError, /slice index 5 of dimension 0 out of bounds. for 'strided_slice' \(op: 'StridedSlice'\)/);
    expect(() => x.index('0, 0, 0, 0')).to.throw(tf.errors.ValueError, /Index out of range using input dim 3; input has only 3 dims/);
    expect(() => x.index('..., 0, ...')).to.throw(tf.errors.ValueError, /Multiple ellipses in slice spec not allowed/);
    expect(() => tf.strided_slice(x, [0], [1], [0])).to.throw(tf.errors.ValueError, /strides\[0\] must be non-zero/);
    expect(() => tf.strided_slice(x, [0, 0], [1], [1])).to.throw(tf.errors.ValueError, /Expected begin, end, and strides to be 1D equal size tensors/);
    expect(() => x.index('a:b')).to.throw(tf.errors.ValueError, /Cannot parse 'a:b'/);
    expect(() => x.index('::0')).to.throw(tf.errors.ValueError, /slice step cannot be zero/);
    expect(() => x.index(1.5)).to.throw(TypeError, /Only integers/);
    const i = tf.placeholder('int32', []);
    expect(() => run(x.index(i), { [i.name]: 2 })).to.throw(tf.errors.InvalidArgumentError, /slice index 2 of dimension 0 out of bounds/);
  });

  it('gradients: StridedSlice (StridedSliceGrad) and StridedSliceGrad (StridedSlice), numerically checked', () => {
    checkGradients((x) => x.index('1:, ::-2, 1'), [randomArray([3, 5, 4], 1)]);
    checkGradients((x) => x.index('..., tf.newaxis, -1'), [randomArray([2, 3, 4], 2)]);
    checkGradients((x) => tf.strided_slice(x, [0, 3], [0, 0], [1, -2], { begin_mask: 1, end_mask: 3 }), [randomArray([3, 5], 3)]);
    const i32 = (v: number[]) => tf.constant(v, 'int32');
    // StridedSliceGrad of x[1:, ::-2, 1] (dy of shape [2, 3]) into [3, 5, 4].
    checkGradients((dy) => makeOp1('StridedSliceGrad', [i32([3, 5, 4]), i32([1, 0, 1]), i32([0, 0, 2]), i32([1, -2, 1]), dy],
      { begin_mask: 2, end_mask: 3, shrink_axis_mask: 4 }), [randomArray([2, 3], 4)]);
  });

  it('StridedSliceGrad scatters dy into zeros (values)', () => {
    const x = tf.placeholder('float32', [2, 3]);
    const [g] = tf.gradients(x.index(':, ::2'), [x], [tf.constant([[1, 2], [3, 4]])]);
    expect(g!.op.type).to.equal('StridedSliceGrad');
    expect(val(g!, { [x.name]: [[0, 0, 0], [0, 0, 0]] })).to.deep.equal([[1, 0, 2], [3, 0, 4]]);
  });
});

describe('tf.reverse and tf.reverse_sequence', () => {
  beforeEach(() => tf.reset_default_graph());
  const grid = () => tf.constant([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);

  it('ReverseV2 reverses the listed axes (negative allowed); its gradient reverses dy', () => {
    expect(val(tf.reverse(grid(), [1]))).to.deep.equal([[4, 3, 2, 1], [8, 7, 6, 5], [12, 11, 10, 9]]);
    expect(val(tf.reverse(grid(), [-2, 1]))).to.deep.equal([[12, 11, 10, 9], [8, 7, 6, 5], [4, 3, 2, 1]]);
    expect(tf.reverse(grid(), [0]).op.type).to.equal('ReverseV2');
    checkGradients((x) => tf.reverse(x, [0, 2]), [randomArray([2, 3, 4], 5)]);
    expect(() => tf.reverse(grid(), [1, -1])).to.throw(tf.errors.ValueError, /axis 1 specified more than once/);
    expect(() => tf.reverse(grid(), [2])).to.throw(tf.errors.ValueError, /'axis'\[0\] = 2 is out of valid range/);
  });

  it('ReverseSequence reverses the first seq_lengths[b] entries of each batch entry', () => {
    const y = tf.reverse_sequence(grid(), [1, 2, 3], { seq_axis: 1, batch_axis: 0 });
    expect(y.op.type).to.equal('ReverseSequence');
    expect(y.op.attrs).to.include({ seq_dim: 1, batch_dim: 0, Tlen: 'int64' });
    expect(val(y)).to.deep.equal([[1, 2, 3, 4], [6, 5, 7, 8], [11, 10, 9, 12]]);
    // batch along axis 1, sequences along axis 0 (the deprecated names).
    expect(val(tf.reverse_sequence(grid(), [3, 0, 2, 1], { seq_dim: 0, batch_dim: 1 }))).to.deep.equal([[9, 2, 7, 4], [5, 6, 3, 8], [1, 10, 11, 12]]);
    checkGradients((x) => tf.reverse_sequence(x, tf.constant([4, 0, 2], 'int64'), { seq_axis: 1 }), [randomArray([3, 4, 2], 6)]);
  });

  it('ReverseSequence errors', () => {
    expect(() => tf.reverse_sequence(grid(), [1, 2, 3], { seq_axis: 0, batch_axis: 0 })).to.throw(tf.errors.ValueError, /batch_dim == seq_dim == 0/);
    expect(() => tf.reverse_sequence(grid(), [1, 2], { seq_axis: 1 })).to.throw(tf.errors.ValueError, /Dimensions must be equal, but are 3 and 2/);
    const lens = tf.placeholder('int64', [3]);
    expect(() => run(tf.reverse_sequence(grid(), lens, { seq_axis: 1 }), { [lens.name]: NDArray.from([1, 5, 2], 'int64') }))
      .to.throw(tf.errors.InvalidArgumentError, /seq_lengths\[1\] > input.dims\(1\): 5 vs. 4/);
    expect(() => tf.reverse_sequence(grid(), [1, 2, 3])).to.throw(TypeError, /seq_axis/);
  });
});

describe('tf.boolean_mask (Reshape, Where and GatherV2, as TF1)', () => {
  beforeEach(() => tf.reset_default_graph());

  it('keeps the rows where the mask is true; with axis, along that dimension', () => {
    const x = tf.constant([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);
    const rows = tf.boolean_mask(x, [true, false, true]);
    expect(rows.shape).to.deep.equal([null, 4]);
    expect(rows.op.type).to.equal('GatherV2');
    expect(rows.op.name).to.equal('boolean_mask/GatherV2');
    expect(val(rows)).to.deep.equal([[1, 2, 3, 4], [9, 10, 11, 12]]);
    expect(val(tf.boolean_mask(x, [true, false, true, true], { axis: 1 }))).to.deep.equal([[1, 3, 4], [5, 7, 8], [9, 11, 12]]);
    expect(val(tf.boolean_mask(x, [false, false, false]))).to.deep.equal([]);
  });

  it('a 2-D mask flattens the dimensions it covers; ints, bools, NaN and infinities pass exactly', () => {
    const x = cube();
    const y = tf.boolean_mask(x, [[true, false, true], [false, false, true]]);
    expect(y.shape).to.deep.equal([null, 4]);
    expect(val(y)).to.deep.equal([[0, 1, 2, 3], [8, 9, 10, 11], [20, 21, 22, 23]]);
    expect(y.dtype).to.equal('int32');
    expect(val(tf.boolean_mask(tf.constant([NaN, Infinity, -Infinity, 1.5]), [true, true, true, false]))).to.deep.equal([NaN, Infinity, -Infinity]);
    expect(val(tf.boolean_mask(tf.constant([true, false, true]), [false, true, true]))).to.deep.equal([false, true]);
    expect(val(tf.boolean_mask(tf.constant([2 ** 30 + 1, 7], 'int32'), [true, false]))).to.deep.equal([2 ** 30 + 1]);
  });

  it('gradient: dy back at the kept positions, zeros elsewhere (numerically checked)', () => {
    checkGradients((x) => tf.boolean_mask(x, [true, false, true]), [randomArray([3, 2], 7)]);
    checkGradients((x) => tf.boolean_mask(x, [[false, true], [true, true]], { axis: 1 }), [randomArray([2, 2, 2, 3], 8)]);
  });

  it("errors: TF1's messages", () => {
    const x = tf.constant([[1, 2], [3, 4]]);
    expect(() => tf.boolean_mask(x, true)).to.throw(tf.errors.ValueError, /mask cannot be scalar/);
    expect(() => tf.boolean_mask(x, tf.placeholder('bool'))).to.throw(tf.errors.ValueError, /Number of mask dimensions must be specified/);
    expect(() => tf.boolean_mask(x, [true, false, true])).to.throw(tf.errors.ValueError, /Shapes \(2,\) and \(3,\) are incompatible/);
  });
});
