import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import type { DType } from '../lib/framework/dtypes';
import { ARRAY_KERNELS } from '../kernels/cpu/tables/array';
import { ARRAY_OPS } from '../lib/ops/defs/array_defs';
import { checkGradients, randomArray } from './helpers/gradient_check';

/*
 * The array ops declared as TensorFlow's OpDefs: each built op's NodeDef carries TF's
 * attr names, TF's defaults and the type attrs bound from its inputs, and an input of
 * a type the schema refuses is TF1's TypeError, raised while the graph is built.
 */

const F = 'DT_FLOAT', I32 = 'DT_INT32', I64 = 'DT_INT64';
const type = (t: string) => ({ type: t });
const int = (i: number) => ({ i });

describe('array op schemas (TensorFlow OpDefs)', () => {
  let g: tf.Graph;
  beforeEach(() => { g = new tf.Graph(); });

  const c = (value: unknown, dtype: DType = 'float32') =>
    g.create_op('Const', [], { value: NDArray.from(value, dtype), dtype }).outputs[0];
  const zeros = (shape: number[], dtype: DType = 'float32') =>
    g.create_op('Const', [], { value: NDArray.zeros(shape, dtype), dtype }).outputs[0];
  const build = (type: string, inputs: tf.Tensor[], attrs: Record<string, unknown> = {}, name?: string) =>
    g.create_op(type, inputs, attrs, name ?? type);
  /** A build expected to fail: failed builds claim no name, so every one may be 'bad'. */
  const bad = (type: string, inputs: tf.Tensor[], attrs: Record<string, unknown> = {}) => build(type, inputs, attrs, 'bad');
  const attrsOf = (type: string, inputs: tf.Tensor[], attrs: Record<string, unknown> = {}) => build(type, inputs, attrs).node_def.attr;

  it('ConcatV2: N and T from the values, Tidx from the axis (default int32)', () => {
    expect(attrsOf('ConcatV2', [zeros([2, 3]), zeros([2, 5]), c(1, 'int32')])).to.deep.equal({ N: int(2), T: type(F), Tidx: type(I32) });
    expect(build('ConcatV2', [zeros([2, 3]), zeros([2, 5]), c(1, 'int64')], {}, 'cat64').outputs[0].shape).to.deep.equal([2, 8]);
    expect(() => bad('ConcatV2', [zeros([2, 3]), zeros([2, 5]), c(1)])).to.throw(TypeError,
      "Value passed to parameter 'axis' of 'bad' (op: 'ConcatV2') has DataType float32 not in list of allowed values: int32, int64");
    expect(() => bad('ConcatV2', [zeros([2, 3]), c(1, 'int32')])).to.throw(tf.errors.ValueError,
      "List argument 'values' to 'bad' (op: 'ConcatV2') with length 1 shorter than minimum length 2.");
  });

  it('ConcatOffset: N int32 shapes in, N int32 offsets out', () => {
    const op = build('ConcatOffset', [c(1, 'int32'), c([2, 3], 'int32'), c([2, 5], 'int32')]);
    expect(op.node_def.attr).to.deep.equal({ N: int(2) });
    expect(op.outputs.map((t) => [t.dtype, t.shape])).to.deep.equal([['int32', [2]], ['int32', [2]]]);
    expect(() => bad('ConcatOffset', [c(1, 'int32'), c([2, 3], 'int32'), c([2, 5], 'int64')])).to.throw(TypeError,
      "Input 'shape' of 'bad' (op: 'ConcatOffset') has type int64 that does not match expected type of int32.");
  });

  it('ExpandDims: T, and Tdim from dim', () => {
    expect(attrsOf('ExpandDims', [zeros([2]), c(0, 'int64')])).to.deep.equal({ T: type(F), Tdim: type(I64) });
    expect(() => bad('ExpandDims', [zeros([2]), c(0)])).to.throw(TypeError,
      "Value passed to parameter 'dim' of 'bad' (op: 'ExpandDims') has DataType float32 not in list of allowed values: int32, int64");
  });

  it('Squeeze: T and squeeze_dims (default [])', () => {
    expect(attrsOf('Squeeze', [zeros([2, 1], 'int32')])).to.deep.equal({ T: type(I32), squeeze_dims: { list: {} } });
    expect(attrsOf('Squeeze', [zeros([2, 1])], { squeeze_dims: [1] })).to.deep.equal({ T: type(F), squeeze_dims: { list: { i: [1] } } });
    expect(() => bad('Squeeze', [zeros([2, 1])], { T: 'int32' })).to.throw(TypeError,
      "Input 'input' of 'bad' (op: 'Squeeze') has type float32 that does not match type int32 of attr 'T'.");
    expect(() => bad('Squeeze', [zeros([2, 1])], { squeeze_dims: [1.5] })).to.throw(tf.errors.ValueError,
      "Attr 'squeeze_dims' of 'bad' (op: 'Squeeze') must be of type list(int); got [1.5]");
  });

  it('an attr by another name (TF2 spelling, a typo) is a ValueError naming op and attr', () => {
    expect(() => build('Squeeze', [zeros([2, 1])], { axis: [1] }, 'squeezed')).to.throw(tf.errors.ValueError,
      "Op 'squeezed' (op: 'Squeeze') has no attr named 'axis'. Its attrs are: T, squeeze_dims");
    expect(() => build('Pack', [zeros([2]), zeros([2])], { Axis: 1 }, 'stacked')).to.throw(tf.errors.ValueError,
      "Op 'stacked' (op: 'Pack') has no attr named 'Axis'; did you mean 'axis'? Its attrs are: N, T, axis");
    expect(g.get_operations().map((op) => op.type)).to.deep.equal(['Const', 'Const', 'Const']);
  });

  it('OneHot: axis (default -1), T from on/off values, TI from indices', () => {
    const [on, off] = [c(1), c(0)];
    expect(attrsOf('OneHot', [c([0, 2], 'int32'), c(3, 'int32'), on, off])).to.deep.equal({ axis: int(-1), T: type(F), TI: type(I32) });
    expect(attrsOf('OneHot', [c([0, 2], 'uint8'), c(3, 'int32'), on, off], { axis: 0 }).TI).to.deep.equal(type('DT_UINT8'));
    expect(() => bad('OneHot', [c([0, 2]), c(3, 'int32'), on, off])).to.throw(TypeError,
      "Value passed to parameter 'indices' of 'bad' (op: 'OneHot') has DataType float32 not in list of allowed values: uint8, int32, int64");
    expect(() => bad('OneHot', [c([0, 2], 'int32'), c(3, 'int64'), on, off])).to.throw(TypeError,
      "Input 'depth' of 'bad' (op: 'OneHot') has type int64 that does not match expected type of int32.");
    expect(() => bad('OneHot', [c([0, 2], 'int32'), c(3, 'int32'), on, c(0, 'int32')])).to.throw(TypeError,
      "Input 'off_value' of 'bad' (op: 'OneHot') has type int32 that does not match type float32 of argument 'on_value'.");
  });

  it('Pack: N and T from the values, axis (default 0)', () => {
    expect(attrsOf('Pack', [zeros([2]), zeros([2]), zeros([2])])).to.deep.equal({ N: int(3), T: type(F), axis: int(0) });
    expect(() => bad('Pack', [zeros([2]), zeros([2], 'int32')])).to.throw(TypeError,
      "Tensors in list passed to 'values' of 'bad' (op: 'Pack') have types [float32, int32] that don't all match.");
  });

  it('Unpack: num (required), T, axis (default 0)', () => {
    const op = build('Unpack', [zeros([2, 3], 'int64')], { num: 3, axis: 1 });
    expect(op.node_def.attr).to.deep.equal({ num: int(3), T: type(I64), axis: int(1) });
    expect(op.outputs.map((t) => [t.dtype, t.shape])).to.deep.equal([['int64', [2]], ['int64', [2]], ['int64', [2]]]);
    expect(() => bad('Unpack', [zeros([2, 3])])).to.throw(tf.errors.ValueError,
      "Op 'bad' (op: 'Unpack') is missing required attr 'num' of type int");
    expect(() => bad('Unpack', [zeros([2, 3])], { num: 2, T: 'bool' })).to.throw(TypeError,
      "Input 'value' of 'bad' (op: 'Unpack') has type float32 that does not match type bool of attr 'T'.");
  });

  it('Pad and PadV2: T, and Tpaddings from paddings (default int32)', () => {
    const p = c([[1, 0], [0, 2]], 'int32');
    expect(attrsOf('Pad', [zeros([2, 3]), p])).to.deep.equal({ T: type(F), Tpaddings: type(I32) });
    expect(attrsOf('PadV2', [zeros([2, 3], 'int32'), c([[1, 0], [0, 2]], 'int64'), c(7, 'int32')]))
      .to.deep.equal({ T: type(I32), Tpaddings: type(I64) });
    expect(() => bad('Pad', [zeros([2, 3]), c([[1, 0], [0, 2]])])).to.throw(TypeError,
      "Value passed to parameter 'paddings' of 'bad' (op: 'Pad') has DataType float32 not in list of allowed values: int32, int64");
    expect(() => bad('PadV2', [zeros([2, 3]), p, c(7, 'int32')])).to.throw(TypeError,
      "Input 'constant_values' of 'bad' (op: 'PadV2') has type int32 that does not match type float32 of argument 'input'.");
  });

  it('Select: a bool condition, T from t and e', () => {
    const cond = c([true, false], 'bool');
    expect(attrsOf('Select', [cond, zeros([2], 'int32'), zeros([2], 'int32')])).to.deep.equal({ T: type(I32) });
    expect(() => bad('Select', [zeros([2], 'int32'), zeros([2]), zeros([2])])).to.throw(TypeError,
      "Input 'condition' of 'bad' (op: 'Select') has type int32 that does not match expected type of bool.");
    expect(() => bad('Select', [cond, zeros([2]), zeros([2], 'int32')])).to.throw(TypeError,
      "Input 'e' of 'bad' (op: 'Select') has type int32 that does not match type float32 of argument 't'.");
  });

  it('Where: T from the input (bool by default, numbers too), an int64 index', () => {
    const op = build('Where', [c([[true, false]], 'bool')]);
    expect(op.node_def.attr).to.deep.equal({ T: type('DT_BOOL') });
    expect([op.outputs[0].dtype, op.outputs[0].shape]).to.deep.equal(['int64', [null, 2]]);
    expect(attrsOf('Where', [zeros([3])])).to.deep.equal({ T: type(F) });
    expect(() => bad('Where', [c([1, 0], 'int32')], { T: 'bool' })).to.throw(TypeError,
      "Input 'input' of 'bad' (op: 'Where') has type int32 that does not match type bool of attr 'T'.");
  });

  it('Where of numbers: the coordinates of the non-zero entries, NaN included (as TF)', () => {
    const w = build('Where', [c([0, 1.5, NaN, -0, -2])]).outputs[0];
    const sess = new tf.Session({ graph: g });
    expect((sess.run(w) as NDArray).toArray()).to.deep.equal([[1], [2], [4]]);
    sess.close();
  });

  it('Slice: T, and Index from begin and size (no default: both must agree)', () => {
    expect(attrsOf('Slice', [zeros([4, 5]), c([1, 0], 'int64'), c([2, -1], 'int64')])).to.deep.equal({ T: type(F), Index: type(I64) });
    expect(() => bad('Slice', [zeros([4, 5]), c([1, 0], 'int32'), c([2, -1], 'int64')])).to.throw(TypeError,
      "Input 'size' of 'bad' (op: 'Slice') has type int64 that does not match type int32 of argument 'begin'.");
    expect(() => bad('Slice', [zeros([4, 5]), c([1, 0]), c([2, -1])])).to.throw(TypeError,
      "Value passed to parameter 'begin' of 'bad' (op: 'Slice') has DataType float32 not in list of allowed values: int32, int64");
  });

  it('Tile: T, and Tmultiples from multiples (default int32)', () => {
    expect(attrsOf('Tile', [zeros([2, 3], 'bool'), c([1, 2], 'int32')])).to.deep.equal({ T: type('DT_BOOL'), Tmultiples: type(I32) });
    expect(() => bad('Tile', [zeros([2, 3]), c([1, 2], 'uint8')])).to.throw(TypeError,
      "Value passed to parameter 'multiples' of 'bad' (op: 'Tile') has DataType uint8 not in list of allowed values: int32, int64");
  });

  it('Transpose: T, and Tperm from perm (default int32)', () => {
    const op = build('Transpose', [zeros([2, 3, 4]), c([2, 0, 1], 'int64')]);
    expect(op.node_def.attr).to.deep.equal({ T: type(F), Tperm: type(I64) });
    expect(op.outputs[0].shape).to.deep.equal([4, 2, 3]);
    expect(() => bad('Transpose', [zeros([2, 3]), c([1, 0])])).to.throw(TypeError,
      "Value passed to parameter 'perm' of 'bad' (op: 'Transpose') has DataType float32 not in list of allowed values: int32, int64");
  });

  it('InvertPermutation: T among int32 and int64', () => {
    expect(attrsOf('InvertPermutation', [c([2, 0, 1], 'int32')])).to.deep.equal({ T: type(I32) });
    expect(attrsOf('InvertPermutation', [c([2, 0, 1], 'int64')])).to.deep.equal({ T: type(I64) });
    expect(() => bad('InvertPermutation', [c([2, 0, 1])])).to.throw(TypeError,
      "Value passed to parameter 'x' of 'bad' (op: 'InvertPermutation') has DataType float32 not in list of allowed values: int32, int64");
  });

  it('StridedSlice and StridedSliceGrad: T, Index from begin/end/strides (no default), the five masks (default 0)', () => {
    const masks = { begin_mask: int(0), end_mask: int(1), ellipsis_mask: int(0), new_axis_mask: int(0), shrink_axis_mask: int(0) };
    expect(attrsOf('StridedSlice', [zeros([4, 5]), c([1], 'int64'), c([2], 'int64'), c([1], 'int64')], { end_mask: 1 }))
      .to.deep.equal({ T: type(F), Index: type(I64), ...masks });
    expect(attrsOf('StridedSliceGrad', [c([4, 5], 'int32'), c([1], 'int32'), c([2], 'int32'), c([1], 'int32'), zeros([1, 5])], { end_mask: 1 }))
      .to.deep.equal({ T: type(F), Index: type(I32), ...masks });
    expect(() => bad('StridedSlice', [zeros([4, 5]), c([1], 'int32'), c([2], 'int64'), c([1], 'int32')])).to.throw(TypeError,
      "Input 'end' of 'bad' (op: 'StridedSlice') has type int64 that does not match type int32 of argument 'begin'.");
  });

  it('Split (num_split, T) and SplitV (num_split, T, Tlen default int64); split_dim int32 only', () => {
    const split = build('Split', [c(1, 'int32'), zeros([2, 6])], { num_split: 3 });
    expect(split.node_def.attr).to.deep.equal({ num_split: int(3), T: type(F) });
    expect(split.outputs.map((t) => t.shape)).to.deep.equal([[2, 2], [2, 2], [2, 2]]);
    expect(attrsOf('SplitV', [zeros([2, 6]), c([2, 4], 'int64'), c(1, 'int32')], { num_split: 2 }))
      .to.deep.equal({ num_split: int(2), T: type(F), Tlen: type(I64) });
    expect(() => bad('Split', [c(1, 'int64'), zeros([2, 6])], { num_split: 2 })).to.throw(TypeError,
      "Input 'split_dim' of 'bad' (op: 'Split') has type int64 that does not match expected type of int32.");
  });

  it('ReverseV2 (Tidx, T) and ReverseSequence (seq_dim required, batch_dim 0, T, Tlen default int64)', () => {
    expect(attrsOf('ReverseV2', [zeros([2, 3]), c([1], 'int32')])).to.deep.equal({ Tidx: type(I32), T: type(F) });
    expect(attrsOf('ReverseSequence', [zeros([2, 3]), c([1, 2], 'int64')], { seq_dim: 1 }))
      .to.deep.equal({ seq_dim: int(1), batch_dim: int(0), T: type(F), Tlen: type(I64) });
    expect(() => bad('ReverseSequence', [zeros([2, 3]), c([1, 2], 'int64')])).to.throw(tf.errors.ValueError, /seq_dim/);
  });

  it('every op has a schema and no kernel field; its CPU kernel is in the backend table', () => {
    const ops = ['ConcatV2', 'ConcatOffset', 'ExpandDims', 'Squeeze', 'OneHot', 'Pack', 'Unpack', 'Pad', 'PadV2',
      'Select', 'Where', 'Slice', 'Tile', 'Transpose', 'InvertPermutation',
      'StridedSlice', 'StridedSliceGrad', 'Split', 'SplitV', 'ReverseV2', 'ReverseSequence'];
    expect(ARRAY_OPS.map((spec) => spec.name).sort()).to.deep.equal(ops.slice().sort());
    for (const spec of ARRAY_OPS) {
      expect(typeof spec.shape, spec.name).to.equal('function');
      expect(Object.keys(spec), spec.name).to.not.include.members(['cpu', 'gpu', 'kernels']);
    }
    expect(Object.keys(ARRAY_KERNELS).sort()).to.deep.equal(ops.slice().sort());
  });
});

describe('array gradients with int64 index operands', () => {
  const i64 = (v: unknown) => NDArray.from(v, 'int64');

  it('ConcatV2 with a fed int64 axis: ConcatOffset gets an int32 concat_dim', () => {
    checkGradients((a, b, axis) => tf.concat([a, b], axis), [randomArray([2, 3], 1), randomArray([2, 2], 2), i64(1)]);
  });

  it('Pad with fed int64 paddings: the window of dy is sliced with int32 begin and size', () => {
    checkGradients((x, p) => tf.pad(x, p), [randomArray([2, 3], 3), i64([[1, 0], [2, 1]])]);
  });

  it('tf.slice converts a JS begin or size to the int64 of the other operand (they share Index)', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant(NDArray.from([[1, 2, 3], [4, 5, 6]], 'float32'));
      const begin = tf.constant(NDArray.from([0, 1], 'int64'));
      const s = tf.slice(x, begin, [2, 2]);
      expect(s.op.node_def.attr.Index).to.deep.equal(type(I64));
      expect(tf.slice(x, [1, 0], tf.constant(NDArray.from([1, -1], 'int64'))).shape).to.deep.equal([1, 3]);
      expect(tf.slice(x, [0, 0], [1, 1]).op.node_def.attr.Index).to.deep.equal(type(I32));
      const sess = new tf.Session({ graph: g });
      expect((sess.run(s) as NDArray).toArray()).to.deep.equal([[2, 3], [5, 6]]);
      sess.close();
    });
  });

  it('Slice, Tile and Transpose with fed int64 operands', () => {
    checkGradients((x, b, s) => tf.slice(x, b, s), [randomArray([3, 4], 4), i64([1, 1]), i64([2, 2])]);
    checkGradients((x, m) => tf.tile(x, m), [randomArray([2, 3], 5), i64([2, 1])]);
    checkGradients((x, p) => tf.transpose(x, p), [randomArray([2, 3, 4], 6), i64([1, 2, 0])]);
  });
});
