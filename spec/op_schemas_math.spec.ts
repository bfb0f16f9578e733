import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { makeOp } from '../lib/ops/op_builder';
import type { Tensor } from '../lib/framework/tensor';
import { MATH_OPS, SHAPE_OPS } from '../lib/ops/defs/math_defs';

/*
 * The math group's op schemas (lib/ops/defs/math, lib/ops/defs/array/shape_ops.ts):
 * a built op's NodeDef has TensorFlow's attr names, its defaults and the type attrs
 * bound from the inputs; an input of a dtype the OpDef refuses is TF1's TypeError.
 */

const F = { type: 'DT_FLOAT' }, I32 = { type: 'DT_INT32' }, I64 = { type: 'DT_INT64' }, U8 = { type: 'DT_UINT8' };

const f32 = (shape: number[] = [2]) => tf.placeholder('float32', shape);
const i32 = (v: number | number[]) => tf.constant(v, 'int32');
const of = (dtype: string, shape: number[] = [2]) => tf.placeholder(dtype, shape);

interface Case {
  /** Inputs of the op under test, in a fresh graph. */
  inputs: () => Tensor[];
  attrs?: Record<string, unknown>;
  /** op.node_def.attr. */
  expected: Record<string, unknown>;
  /** Inputs TF's OpDef refuses, and the TypeError it gives (the op is named as built: 'Op' in a fresh graph). */
  bad?: { inputs: () => Tensor[]; attrs?: Record<string, unknown>; message: string };
}

const notAllowed = (op: string, param: string, dtype: string, list: string) =>
  `Value passed to parameter '${param}' of '${op}' (op: '${op}') has DataType ${dtype} not in list of allowed values: ${list}`;

const NUMERIC = 'float32, float64, int32, int64, int16, int8, uint16, uint8', SIGNED = 'float32, float64, int32, int64, int16, int8', FLOATS = 'float32, float64', INDEX = 'int32, int64';

function binary(list: string, expectedT = F, ok: () => Tensor[] = () => [f32(), f32()]): (op: string) => Case {
  const badDType = list === NUMERIC ? 'bool' : list === SIGNED ? 'uint8' : 'int32';
  return (op) => ({
    inputs: ok, expected: { T: expectedT },
    bad: { inputs: () => [of(badDType), of(badDType)], message: notAllowed(op, 'x', badDType, list) },
  });
}

function unary(list: string): (op: string) => Case {
  const badDType = list === NUMERIC ? 'bool' : list === SIGNED ? 'uint8' : 'int32';
  return (op) => ({
    inputs: () => [f32()], expected: { T: F },
    bad: { inputs: () => [of(badDType)], message: notAllowed(op, 'x', badDType, list) },
  });
}

const reduction = (op: string): Case => ({
  inputs: () => [f32([2, 3]), i32(1)],
  expected: { keep_dims: { b: false }, T: F, Tidx: I32 },
  bad: { inputs: () => [of('bool'), i32(0)], message: notAllowed(op, 'input', 'bool', NUMERIC) },
});

const boolReduction = (op: string): Case => ({
  inputs: () => [of('bool', [2, 3]), tf.constant([0, 1], 'int64')],
  expected: { keep_dims: { b: false }, Tidx: I64 },
  bad: { inputs: () => [f32(), i32(0)], message: `Input 'input' of '${op}' (op: '${op}') has type float32 that does not match expected type of bool.` },
});

const argReduction = (op: string): Case => ({
  inputs: () => [f32([2, 3]), i32(1)],
  expected: { T: F, Tidx: I32, output_type: I64 },
  bad: { inputs: () => [of('bool'), i32(0)], message: notAllowed(op, 'input', 'bool', NUMERIC) },
});

const CASES: Record<string, Case | ((op: string) => Case)> = {
  Add: binary(NUMERIC),
  Sub: binary(NUMERIC),
  Mul: binary(NUMERIC, U8, () => [of('uint8'), of('uint8')]),
  RealDiv: binary(FLOATS),
  FloorDiv: binary(NUMERIC, I32, () => [of('int32'), of('int32')]),
  FloorMod: binary(NUMERIC, I64, () => [of('int64'), of('int64')]),
  Pow: binary(SIGNED),
  Maximum: binary(NUMERIC),
  Minimum: binary(NUMERIC),
  SquaredDifference: binary(SIGNED),
  Neg: unary(SIGNED),
  Exp: unary(FLOATS),
  Log: unary(FLOATS),
  Sqrt: unary(FLOATS),
  Rsqrt: unary(FLOATS),
  Square: unary(NUMERIC),
  Abs: unary(SIGNED),
  Sign: unary(SIGNED),
  Reciprocal: unary(FLOATS),
  Floor: unary(FLOATS),
  Ceil: unary(FLOATS),
  Round: unary(SIGNED),
  Equal: {
    inputs: () => [of('bool'), of('bool')], expected: { T: { type: 'DT_BOOL' }, incompatible_shape_error: { b: true } },
    bad: { inputs: () => [f32(), of('int32')], message: "Input 'y' of 'Equal' (op: 'Equal') has type int32 that does not match type float32 of argument 'x'." },
  },
  NotEqual: {
    inputs: () => [f32(), f32()], expected: { T: F, incompatible_shape_error: { b: true } },
    bad: { inputs: () => [of('int64'), f32()], message: "Input 'y' of 'NotEqual' (op: 'NotEqual') has type float32 that does not match type int64 of argument 'x'." },
  },
  Less: binary(NUMERIC),
  LessEqual: binary(NUMERIC),
  Greater: binary(NUMERIC),
  GreaterEqual: binary(NUMERIC),
  LogicalAnd: {
    inputs: () => [of('bool'), of('bool')], expected: {},
    bad: { inputs: () => [of('bool'), f32()], message: "Input 'y' of 'LogicalAnd' (op: 'LogicalAnd') has type float32 that does not match expected type of bool." },
  },
  LogicalOr: {
    inputs: () => [of('bool'), of('bool')], expected: {},
    bad: { inputs: () => [of('int32'), of('bool')], message: "Input 'x' of 'LogicalOr' (op: 'LogicalOr') has type int32 that does not match expected type of bool." },
  },
  LogicalNot: {
    inputs: () => [of('bool')], expected: {},
    bad: { inputs: () => [f32()], message: "Input 'x' of 'LogicalNot' (op: 'LogicalNot') has type float32 that does not match expected type of bool." },
  },
  AddN: {
    inputs: () => [f32(), f32(), f32()], expected: { N: { i: 3 }, T: F },
    bad: { inputs: () => [of('bool'), of('bool')], message: notAllowed('AddN', 'inputs', 'bool', NUMERIC) },
  },
  Cast: {
    inputs: () => [of('int32')], attrs: { DstT: 'float32' }, expected: { SrcT: I32, DstT: F, Truncate: { b: false } },
    bad: { inputs: () => [of('int32')], attrs: { SrcT: 'float32', DstT: 'bool' }, message: "Input 'x' of 'Cast' (op: 'Cast') has type int32 that does not match type float32 of attr 'SrcT'." },
  },
  Sum: reduction,
  Mean: reduction,
  Prod: reduction,
  Max: reduction,
  Min: reduction,
  Any: boolReduction,
  All: boolReduction,
  ArgMax: argReduction,
  ArgMin: argReduction,
  Shape: {
    inputs: () => [of('bool', [2, 3])], expected: { T: { type: 'DT_BOOL' }, out_type: I32 },
    bad: { inputs: () => [f32()], attrs: { out_type: 'float32' }, message: notAllowed('Shape', 'out_type', 'float32', INDEX) },
  },
  Size: {
    inputs: () => [f32()], attrs: { out_type: 'int64' }, expected: { T: F, out_type: I64 },
    bad: { inputs: () => [f32()], attrs: { out_type: 'uint8' }, message: notAllowed('Size', 'out_type', 'uint8', INDEX) },
  },
  // Rank and ZerosLike take any dtype: nothing to refuse.
  Rank: { inputs: () => [of('int64')], expected: { T: I64 } },
  Reshape: {
    inputs: () => [f32([2, 3]), i32([3, 2])], expected: { T: F, Tshape: I32 },
    bad: { inputs: () => [f32(), tf.constant([2])], message: notAllowed('Reshape', 'shape', 'float32', INDEX) },
  },
  Fill: {
    inputs: () => [tf.constant([2, 3], 'int64'), tf.constant(1.5)], expected: { T: F, index_type: I64 },
    bad: { inputs: () => [tf.constant([2]), tf.constant(1)], message: notAllowed('Fill', 'dims', 'float32', INDEX) },
  },
  ZerosLike: { inputs: () => [of('uint8')], expected: { T: U8 } },
  OnesLike: { inputs: () => [of('bool')], expected: { T: { type: 'DT_BOOL' } } },
  BroadcastTo: {
    inputs: () => [f32([3]), i32([2, 3])], expected: { T: F, Tidx: I32 },
    bad: { inputs: () => [f32([3]), tf.constant([2, 3])], message: notAllowed('BroadcastTo', 'shape', 'float32', INDEX) },
  },
  BroadcastGradientArgs: {
    inputs: () => [i32([2, 3]), i32([3])], expected: { T: I32 },
    bad: { inputs: () => [tf.constant([2, 3]), tf.constant([3])], message: notAllowed('BroadcastGradientArgs', 's0', 'float32', INDEX) },
  },
  Range: {
    inputs: () => [i32(0), i32(5), i32(1)], expected: { Tidx: I32 },
    bad: { inputs: () => [i32(0), tf.constant(5), i32(1)], message: "Input 'limit' of 'Range' (op: 'Range') has type float32 that does not match type int32 of argument 'start'." },
  },
};

describe('op schemas: math group', () => {
  beforeEach(() => tf.reset_default_graph());

  for (const [type, entry] of Object.entries(CASES)) {
    const c = typeof entry === 'function' ? entry(type) : entry;
    it(`${type}: NodeDef attrs are TensorFlow's${c.bad ? '; a refused dtype is a TypeError' : ''}`, () => {
      const op = makeOp(type, c.inputs(), c.attrs ?? {});
      expect(op.type).to.equal(type);
      expect(op.node_def.attr).to.deep.equal(c.expected);
      if (c.bad) {
        tf.reset_default_graph();
        const bad = c.bad;
        expect(() => makeOp(type, bad.inputs(), bad.attrs ?? {})).to.throw(TypeError, bad.message);
      }
    });
  }

  it('covers every op of the group', () => {
    const types = [...MATH_OPS, ...SHAPE_OPS].map((s) => s.name).sort();
    expect(types).to.deep.equal(Object.keys(CASES).sort());
  });

  it('an attr typo is a ValueError naming op and attr, with the attr TF spells', () => {
    const x = f32([2, 3]);
    expect(() => makeOp('Sum', [x, i32(0)], { keepdims: true }, 'total')).to.throw(tf.errors.ValueError,
      "Op 'total' (op: 'Sum') has no attr named 'keepdims'; did you mean 'keep_dims'? Its attrs are: keep_dims, T, Tidx");
    expect(() => makeOp('ArgMax', [x, i32(0)], { outputType: 'int32' })).to.throw(tf.errors.ValueError, /did you mean 'output_type'\?/);
  });

  it('attrs given by the caller are in the NodeDef: keep_dims, Tidx from an int64 axis, output_type int32', () => {
    const x = f32([2, 3]);
    const sum = makeOp('Sum', [x, tf.constant([1], 'int64')], { keep_dims: true });
    expect(sum.node_def.attr).to.deep.equal({ keep_dims: { b: true }, T: F, Tidx: I64 });
    expect(sum.outputs[0].shape).to.deep.equal([2, 1]);
    const arg = makeOp('ArgMin', [x, i32(0)], { output_type: 'int32' });
    expect(arg.node_def.attr.output_type).to.deep.equal(I32);
    expect(arg.outputs[0].dtype).to.equal('int32');
    expect(tf.range(0, 3, 1, 'int64').op.node_def.attr).to.deep.equal({ Tidx: I64 });
  });

  it('the public functions build the same NodeDefs (tf.reduce_sum, tf.cast, tf.argmax, tf.shape)', () => {
    const x = f32([2, 3]);
    expect(tf.reduce_sum(x, 1, true).op.node_def.attr).to.deep.equal({ keep_dims: { b: true }, T: F, Tidx: I32 });
    expect(tf.cast(x, 'int32').op.node_def.attr).to.deep.equal({ SrcT: F, DstT: I32, Truncate: { b: false } });
    expect(tf.argmax(x, 1).op.node_def.attr).to.deep.equal({ T: F, Tidx: I32, output_type: I64 });
    expect(tf.shape(x).op.node_def.attr).to.deep.equal({ T: F, out_type: I32 });
  });

  it('a value TF allows and we do not compute is refused by the shape function, naming op and attr', () => {
    expect(() => makeOp('Equal', [f32(), f32()], { incompatible_shape_error: false }, 'eq')).to.throw(tf.errors.ValueError,
      "Attr 'incompatible_shape_error' of 'eq' (op: 'Equal'): only true is supported");
  });

  it('AddN needs at least one input (N >= 1)', () => {
    expect(() => makeOp('AddN', [])).to.throw(tf.errors.ValueError, /List argument 'inputs' to 'AddN' \(op: 'AddN'\) with length 0 shorter than minimum length 1\./);
  });

  it('Cast with Truncate true computes as without it (float32 is the one float dtype)', () => {
    const y = makeOp('Cast', [tf.constant([1.7, -2.5])], { DstT: 'int32', Truncate: true }).outputs[0];
    expect(y.op.node_def.attr.Truncate).to.deep.equal({ b: true });
    expect(Array.from((new tf.Session().run(y) as NDArray).data)).to.deep.equal([1, -2]);
  });

  it('BroadcastGradientArgs gives T: int64 shapes give int64 axes', () => {
    const [r0, r1] = makeOp('BroadcastGradientArgs', [tf.constant([2, 3], 'int64'), tf.constant([3], 'int64')]).outputs;
    expect(r0.dtype).to.equal('int64');
    const [v0, v1] = new tf.Session().run([r0, r1]) as NDArray[];
    expect(v0.dtype).to.equal('int64');
    expect(v1.dtype).to.equal('int64');
    expect(Array.from(v0.data)).to.deep.equal([]);
    expect(Array.from(v1.data)).to.deep.equal([0]);
  });

  it('the group\'s op definitions import no kernels (lib/ops never imports kernels/**)', () => {
    const root = path.join(__dirname, '..', '..');
    const files = [
      ...fs.readdirSync(path.join(root, 'lib/ops/defs/math')).map((f) => `lib/ops/defs/math/${f}`),
      'lib/ops/defs/math_defs.ts', 'lib/ops/defs/array/shape_ops.ts',
    ].filter((f) => f.endsWith('.ts'));
    expect(files.length).to.be.greaterThan(8);
    for (const f of files) {
      const source = fs.readFileSync(path.join(root, f), 'utf8');
      expect(source, f).not.to.match(/from '[./]*kernels\//);
    }
  });
});
