/**
 * The cases of the CPU/gpu conformance suite (spec/conformance.spec.ts).
 *
 * An op case feeds random inputs to placeholders, runs the op on both backends and,
 * for float outputs, the gradient of sum(out * w) with respect to every float input,
 * so the gradient ops (ReluGrad, Conv2DBackpropFilter, MaxPoolGrad, ...) run too.
 * A program case (variables, optimizers, random draws) builds a graph and a list of
 * runs whose results are compared.
 */
import * as tf from '../../lib/index';
import { makeOp, makeOp1 } from '../../lib/ops/op_builder';
import type { DType } from '../../lib/framework/dtypes';
import type { NDArray } from '../../lib/framework/ndarray';

export interface InputSpec {
  shape: number[];
  dtype?: DType;
  /** Uniform range of random values (integers: [lo, hi) of whole numbers). */
  range?: [number, number];
  /** Fixed values instead of random ones. */
  values?: number[] | boolean[];
  /** The placeholder's static shape, when it should be less known than the value (null dims). */
  static?: (number | null)[] | null;
}

export interface OpCase {
  kind: 'op';
  /** Op type(s) the case is about, for the report. */
  op: string;
  label: string;
  inputs: InputSpec[];
  build: (xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
  /** Check gradients (default: when an output and an input are float32). */
  grad?: boolean;
  atol?: number;
  rtol?: number;
}

export interface ProgramCase {
  kind: 'program';
  op: string;
  label: string;
  /** Builds the graph (in the case's fresh default graph); returns the runs to compare. */
  build: () => (sess: tf.Session) => unknown[];
  atol?: number;
  rtol?: number;
}

export type ConformanceCase = OpCase | ProgramCase;

const F = (shape: number[], range: [number, number] = [-2, 2]): InputSpec => ({ shape, dtype: 'float32', range });
const POS = (shape: number[]): InputSpec => F(shape, [0.5, 2]);
const INT = (shape: number[], lo: number, hi: number, dtype: DType = 'int32'): InputSpec => ({ shape, dtype, range: [lo, hi] });
const BOOL = (shape: number[]): InputSpec => ({ shape, dtype: 'bool', range: [0, 2] });
const i32 = (v: number | number[] | number[][]) => tf.constant(v, 'int32');

function op(op: string, label: string, inputs: InputSpec[], build: OpCase['build'], extra: Partial<OpCase> = {}): OpCase {
  return { kind: 'op', op, label, inputs, build, ...extra };
}
function program(op: string, label: string, build: ProgramCase['build'], extra: Partial<ProgramCase> = {}): ProgramCase {
  return { kind: 'program', op, label, build, ...extra };
}

const binaryCases: ConformanceCase[] = [
  op('Add', '[3,4] + [4]', [F([3, 4]), F([4])], ([a, b]) => tf.add(a, b)),
  op('Add', 'int32 [2,3] + scalar', [INT([2, 3], -50, 50), INT([], -5, 5)], ([a, b]) => tf.add(a, b)),
  op('Add', 'unknown batch dim (dynamic gradient shapes)', [{ ...F([3, 4]), static: [null, 4] }, { ...F([1, 4]), static: [null, 4] }], ([a, b]) => tf.add(a, b)),
  op('Sub', 'scalar - [2,3]', [F([]), F([2, 3])], ([a, b]) => tf.subtract(a, b)),
  op('Mul', '[2,1,3] * [4,1]', [F([2, 1, 3]), F([4, 1])], ([a, b]) => tf.multiply(a, b)),
  op('RealDiv', '[3,4] / [3,1]', [F([3, 4]), POS([3, 1])], ([a, b]) => tf.divide(a, b)),
  op('FloorDiv', 'float', [F([3, 4], [-5, 5]), POS([4])], ([a, b]) => makeOp1('FloorDiv', [a, b]), { grad: false }),
  op('FloorDiv', 'int32 (host, checks division by zero)', [INT([3, 4], -20, 20), INT([4], 1, 5)], ([a, b]) => makeOp1('FloorDiv', [a, b])),
  op('FloorMod', 'float', [F([3, 4], [-5, 5]), POS([4])], ([a, b]) => makeOp1('FloorMod', [a, b])),
  op('Pow', 'positive base', [POS([3, 4]), F([4], [-2, 3])], ([a, b]) => tf.pow(a, b)),
  op('Pow', 'negative base, integer exponents', [F([2, 3], [-3, -0.5]), { shape: [3], dtype: 'float32', values: [2, 3, 0] }],
    ([a, b]) => tf.pow(a, b), { grad: false }),
  op('Maximum', '[3,4] vs [4]', [F([3, 4]), F([4])], ([a, b]) => tf.maximum(a, b)),
  op('Minimum', '[3,4] vs [3,1]', [F([3, 4]), F([3, 1])], ([a, b]) => tf.minimum(a, b)),
  op('SquaredDifference', '[2,3] vs [3]', [F([2, 3]), F([3])], ([a, b]) => makeOp1('SquaredDifference', [a, b])),
];

const unaryCases: ConformanceCase[] = [
  op('Neg', '', [F([2, 5])], ([x]) => tf.negative(x)),
  op('Exp', '', [F([2, 5])], ([x]) => tf.exp(x)),
  op('Log', '', [POS([2, 5])], ([x]) => tf.log(x)),
  op('Sqrt', '', [POS([2, 5])], ([x]) => tf.sqrt(x)),
  op('Rsqrt', '', [POS([2, 5])], ([x]) => tf.rsqrt(x)),
  op('Square', '', [F([2, 5])], ([x]) => tf.square(x)),
  op('Square', 'int32', [INT([6], -100, 100)], ([x]) => tf.square(x)),
  op('Abs', '', [F([2, 5])], ([x]) => tf.abs(x)),
  op('Sign', 'with zeros', [{ shape: [6], dtype: 'float32', values: [-2, -0.5, 0, 0, 0.25, 3] }], ([x]) => tf.sign(x)),
  op('Reciprocal', '', [POS([2, 5])], ([x]) => tf.reciprocal(x)),
  op('Floor', '', [F([2, 5], [-4, 4])], ([x]) => makeOp1('Floor', [x]), { grad: false }),
  op('Ceil', '', [F([2, 5], [-4, 4])], ([x]) => makeOp1('Ceil', [x]), { grad: false }),
  op('Round', 'ties to even', [{ shape: [8], dtype: 'float32', values: [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 1.3, -1.7] }],
    ([x]) => makeOp1('Round', [x]), { grad: false }),
];

const compareCases: ConformanceCase[] = [
  op('Equal', 'int32 with ties', [INT([3, 4], 0, 3), INT([4], 0, 3)], ([a, b]) => tf.equal(a, b)),
  op('NotEqual', 'float', [{ shape: [4], dtype: 'float32', values: [1, 2, 3, 4] }, { shape: [4], dtype: 'float32', values: [1, 0, 3, 0] }],
    ([a, b]) => tf.not_equal(a, b)),
  op('Less', '', [INT([3, 4], 0, 3), INT([4], 0, 3)], ([a, b]) => tf.less(a, b)),
  op('LessEqual', '', [INT([3, 4], 0, 3), INT([4], 0, 3)], ([a, b]) => tf.less_equal(a, b)),
  op('Greater', '', [F([3, 4]), F([3, 1])], ([a, b]) => tf.greater(a, b)),
  op('GreaterEqual', '', [INT([3, 4], 0, 3), INT([], 0, 3)], ([a, b]) => tf.greater_equal(a, b)),
  op('LogicalAnd', '', [BOOL([3, 4]), BOOL([4])], ([a, b]) => tf.logical_and(a, b)),
  op('LogicalOr', '', [BOOL([3, 4]), BOOL([4])], ([a, b]) => tf.logical_or(a, b)),
  op('LogicalNot', '', [BOOL([5])], ([a]) => tf.logical_not(a)),
  op('Cast', 'float -> int32 truncates', [F([8], [-5, 5])], ([x]) => tf.cast(x, 'int32')),
  op('Cast', 'float -> bool', [{ shape: [4], dtype: 'float32', values: [0, 1.5, -0.1, 0] }], ([x]) => tf.cast(x, 'bool')),
  op('Cast', 'bool -> float', [BOOL([6])], ([x]) => tf.cast(x, 'float32')),
  op('Cast', 'int32 -> float, int64', [INT([6], -9, 9)], ([x]) => [tf.cast(x, 'float32'), tf.cast(x, 'int64')]),
  op('Cast', 'float -> uint8 wraps', [{ shape: [4], dtype: 'float32', values: [3.7, 255, 256, 300.2] }], ([x]) => tf.cast(x, 'uint8')),
  op('Cast', 'float -> float (gradient passes)', [F([3])], ([x]) => tf.cast(x, 'float32')),
];

const reduceCases: ConformanceCase[] = [
  op('AddN', '3 inputs', [F([2, 3]), F([2, 3]), F([2, 3])], (xs) => tf.add_n(xs)),
  op('AddN', '10 inputs (several launches)', Array.from({ length: 10 }, () => F([4])), (xs) => tf.add_n(xs)),
  op('Sum', 'axis 1 keep_dims', [F([2, 3, 4])], ([x]) => tf.reduce_sum(x, 1, true)),
  op('Sum', 'axes [0, 2]', [F([2, 3, 4])], ([x]) => tf.reduce_sum(x, [0, 2])),
  op('Sum', 'all, two passes', [F([3, 1500])], ([x]) => tf.reduce_sum(x), { atol: 1e-3 }),
  op('Sum', 'int32 over axis 0', [INT([5, 3], -100, 100)], ([x]) => tf.reduce_sum(x, 0)),
  op('Mean', 'axis -1', [F([3, 5])], ([x]) => tf.reduce_mean(x, -1)),
  op('Mean', 'axis 0, two passes', [F([3000, 2])], ([x]) => tf.reduce_mean(x, 0)),
  op('Mean', 'int32 truncates', [INT([3, 4], -20, 20)], ([x]) => tf.reduce_mean(x, 1)),
  op('Prod', 'axis 1', [F([3, 4], [0.5, 1.5])], ([x]) => tf.reduce_prod(x, 1)),
  op('Max', 'axis 0, with ties', [INT([4, 3], 0, 3, 'int32')], ([x]) => tf.reduce_max(x, 0)),
  op('Max', 'float axis 1', [F([3, 5])], ([x]) => tf.reduce_max(x, 1)),
  op('Min', 'float all', [F([3, 5])], ([x]) => tf.reduce_min(x)),
  op('Any', '', [BOOL([3, 4])], ([x]) => makeOp1('Any', [x, i32([1])], { keep_dims: false })),
  op('All', '', [BOOL([3, 4])], ([x]) => makeOp1('All', [x, i32([0])], { keep_dims: true })),
  op('ArgMax', 'axis 1, ties to the first', [INT([4, 7], 0, 4)], ([x]) => tf.argmax(x, 1)),
  op('ArgMax', 'float axis 0', [F([3, 4, 5])], ([x]) => tf.argmax(x, 0)),
  op('ArgMin', 'axis 2, int32 output', [F([3, 4, 5])], ([x]) => makeOp1('ArgMin', [x, i32(2)], { output_type: 'int32' })),
];

const shapeCases: ConformanceCase[] = [
  op('Shape', 'of a fed value', [{ ...F([2, 3]), static: [null, 3] }], ([x]) => [tf.shape(x), tf.size(x), tf.rank(x)]),
  op('Reshape', '[2,3,4] -> [4,-1]', [F([2, 3, 4])], ([x]) => tf.reshape(x, [4, -1])),
  op('Reshape', 'shape from a fed tensor', [F([6]), { shape: [2], dtype: 'int32', values: [3, 2] }], ([x, s]) => tf.reshape(x, s)),
  op('Fill', 'fed scalar', [F([])], ([v]) => tf.fill([2, 3], v)),
  op('ZerosLike', '', [F([2, 3])], ([x]) => [tf.zeros_like(x), tf.ones_like(x)], { grad: false }),
  op('BroadcastTo', '[3,1] -> [2,3,4]', [F([3, 1])], ([x]) => tf.broadcast_to(x, [2, 3, 4])),
  op('Range', '', [], () => tf.range(i32(1), i32(11), i32(3))),
  op('ExpandDims', 'axis -1', [F([2, 3])], ([x]) => tf.expand_dims(x, -1)),
  op('Squeeze', 'axis 1', [F([2, 1, 3, 1])], ([x]) => tf.squeeze(x, [1])),
];

const arrayCases: ConformanceCase[] = [
  op('Transpose', 'perm [2,0,1]', [F([2, 3, 4])], ([x]) => tf.transpose(x, [2, 0, 1])),
  op('Transpose', 'default (reverse), int32', [INT([2, 3], 0, 9)], ([x]) => tf.transpose(x)),
  op('InvertPermutation', '', [{ shape: [4], dtype: 'int32', values: [2, 0, 3, 1] }], ([p]) => tf.invert_permutation(p)),
  op('ConcatV2', 'axis 1, three parts', [F([2, 1, 3]), F([2, 2, 3]), F([2, 3, 3])], (xs) => tf.concat(xs, 1)),
  op('ConcatV2', 'nine parts (several launches)', Array.from({ length: 9 }, (_, i) => F([2, 1 + (i % 2)])), (xs) => tf.concat(xs, -1)),
  op('ConcatOffset', 'unknown shapes (ConcatV2 gradient)', [{ ...F([2, 3]), static: [null, 3] }, { ...F([2, 2]), static: [null, null] }],
    (xs) => tf.concat(xs, 1)),
  op('Pack', 'axis 1', [F([2, 3]), F([2, 3]), F([2, 3])], (xs) => tf.stack(xs, 1)),
  op('Unpack', 'axis 1', [F([2, 3, 2])], ([x]) => tf.unstack(x, { axis: 1 })),
  op('Slice', '', [F([3, 4, 5])], ([x]) => tf.slice(x, [1, 0, 2], [2, -1, 2])),
  op('Pad', '', [F([2, 3])], ([x]) => tf.pad(x, [[1, 0], [2, 1]])),
  op('PadV2', 'constant 1.5', [F([2, 3])], ([x]) => makeOp1('PadV2', [x, i32([[0, 1], [1, 1]]), tf.constant(1.5)])),
  op('Tile', '', [F([2, 3])], ([x]) => tf.tile(x, [2, 3])),
  op('OneHot', 'with an out-of-range index', [{ shape: [5], dtype: 'int32', values: [0, 3, 1, 5, -1] }], ([i]) => tf.one_hot(i, 4)),
  op('OneHot', 'axis 0, int64 indices', [INT([3], 0, 3, 'int64')], ([i]) => tf.one_hot(i, 3, { axis: 0, on_value: 5, off_value: -1 })),
  op('Select', 'tf.where(cond, x, y)', [BOOL([3, 4]), F([3, 4]), F([3, 4])], ([c, x, y]) => tf.where(c, x, y)),
  op('Where', 'true positions', [BOOL([3, 4])], ([c]) => tf.where(c)),
];

const nnCases: ConformanceCase[] = [
  op('Relu', '', [F([3, 5])], ([x]) => tf.nn.relu(x)),
  op('Sigmoid', 'large inputs stay finite', [F([3, 5], [-30, 30])], ([x]) => tf.nn.sigmoid(x)),
  op('Tanh', '', [F([3, 5], [-10, 10])], ([x]) => tf.nn.tanh(x)),
  op('Softmax', 'big logits', [F([4, 10], [-50, 50])], ([x]) => tf.nn.softmax(x)),
  op('LogSoftmax', '', [F([4, 10], [-5, 5])], ([x]) => tf.nn.log_softmax(x)),
  op('LogSoftmax', 'long rows (two-pass max)', [F([2, 2500], [-5, 5])], ([x]) => tf.nn.log_softmax(x), { atol: 1e-3 }),
  op('Relu6', '', [F([3, 5], [-3, 9])], ([x]) => tf.nn.relu6(x)),
  op('Elu', '', [F([3, 5])], ([x]) => tf.nn.elu(x)),
  op('LeakyRelu', 'alpha 0.1', [F([3, 5])], ([x]) => tf.nn.leaky_relu(x, 0.1)),
  op('MatMul', 'plain', [F([3, 4]), F([4, 5])], ([a, b]) => tf.matmul(a, b)),
  op('MatMul', 'transpose_a, transpose_b', [F([4, 3]), F([5, 4])], ([a, b]) => tf.matmul(a, b, { transpose_a: true, transpose_b: true })),
  op('MatMul', 'transpose_b', [F([3, 4]), F([5, 4])], ([a, b]) => tf.matmul(a, b, { transpose_b: true })),
  op('BiasAdd', '', [F([2, 3, 4]), F([4])], ([x, b]) => tf.nn.bias_add(x, b)),
  op('Conv2D', 'SAME, stride 1', [F([2, 6, 6, 3]), F([3, 3, 3, 4])], ([x, f]) => tf.nn.conv2d(x, f, [1, 1, 1, 1], 'SAME'), { atol: 1e-3 }),
  op('Conv2D', 'VALID, stride 2, odd size', [F([1, 7, 5, 2]), F([3, 2, 2, 3])], ([x, f]) => tf.nn.conv2d(x, f, [1, 2, 2, 1], 'VALID'), { atol: 1e-3 }),
  op('Conv2D', 'SAME, stride 2, dilation-free 5x5', [F([2, 7, 7, 1]), F([5, 5, 1, 2])], ([x, f]) => tf.nn.conv2d(x, f, [1, 2, 2, 1], 'SAME'), { atol: 1e-3 }),
  op('Conv2D', 'dilation 2', [F([1, 7, 7, 2]), F([2, 2, 2, 2])], ([x, f]) => tf.nn.conv2d(x, f, [1, 1, 1, 1], 'SAME', { dilations: [1, 2, 2, 1] }), { atol: 1e-3 }),
  op('Conv2D', 'wide rows: the filter gradient sums in two passes', [F([1, 40, 64, 1]), F([3, 3, 1, 2])],
    ([x, f]) => tf.nn.conv2d(x, f, [1, 1, 1, 1], 'SAME'), { atol: 2e-3 }),
  op('Conv2DBackpropInput', 'forward: conv2d_transpose stride 2 SAME', [F([2, 3, 3, 2]), F([3, 3, 4, 2])],
    ([v, f]) => tf.nn.conv2d_transpose(v, f, [2, 6, 5, 4], [1, 2, 2, 1]), { atol: 1e-3 }),
  op('FusedBatchNorm', 'training, NHWC', [F([2, 4, 3, 3]), POS([3]), F([3])],
    ([x, s, o]) => tf.nn.fused_batch_norm(x, s, o), { atol: 1e-4 }),
  op('FusedBatchNorm', 'training, NCHW, 4096 per channel (two-pass mean)', [F([4, 2, 32, 32]), POS([2]), F([2])],
    ([x, s, o]) => tf.nn.fused_batch_norm(x, s, o, { data_format: 'NCHW' }), { atol: 1e-3, grad: false }),
  op('FusedBatchNorm', 'inference, NCHW', [F([2, 3, 2, 4]), POS([3]), F([3]), F([3]), POS([3])],
    ([x, s, o, m, v]) => tf.nn.fused_batch_norm(x, s, o, m, v, { is_training: false, data_format: 'NCHW' }), { atol: 1e-4 }),
  op('MaxPool', '2x2 stride 2 SAME', [F([2, 5, 5, 3])], ([x]) => tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME')),
  op('MaxPool', '3x3 stride 2 VALID (overlapping)', [F([1, 7, 7, 2])], ([x]) => tf.nn.max_pool(x, [1, 3, 3, 1], [1, 2, 2, 1], 'VALID')),
  op('MaxPoolGradGrad', '', [F([1, 4, 4, 2]), F([1, 2, 2, 2]), F([1, 4, 4, 2])],
    ([x, , g]) => makeOp1('MaxPoolGradGrad', [x, tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'VALID'), g],
      { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'VALID', data_format: 'NHWC' }), { grad: false }),
  op('AvgPool', '2x2 stride 2 SAME', [F([2, 5, 5, 3])], ([x]) => tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME')),
  op('AvgPool', '3x3 stride 1 SAME', [F([1, 4, 4, 2])], ([x]) => tf.nn.avg_pool(x, [1, 3, 3, 1], [1, 1, 1, 1], 'SAME')),
  op('SoftmaxCrossEntropyWithLogits', '', [F([4, 5], [-5, 5]), POS([4, 5])],
    ([x, y]) => tf.nn.softmax_cross_entropy_with_logits({ labels: tf.divide(y, tf.reduce_sum(y, 1, true)), logits: x })),
  op('SparseSoftmaxCrossEntropyWithLogits', '', [F([4, 5], [-5, 5]), INT([4], 0, 5)],
    ([x, y]) => tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: y, logits: x })),
  op('L2Loss', '', [F([3, 4])], ([x]) => tf.nn.l2_loss(x)),
  op('Identity', 'identity, stop_gradient', [F([3])], ([x]) => [tf.identity(x), tf.stop_gradient(x)]),
];

/** Runs sess.run and returns the results as a list. */
const runAll = (sess: tf.Session, fetches: unknown[], feed?: unknown) => sess.run(fetches, feed) as unknown[];

const programCases: ConformanceCase[] = [
  program('VariableV2', 'Assign, AssignAdd, AssignSub, IsVariableInitialized', () => {
    const v = tf.Variable(tf.constant([[1, 2], [3, 4]]), { name: 'v' } as any);
    const inited = tf.is_variable_initialized(v);
    const add = tf.assign_add(v, tf.constant([[0.5, 0.5], [1, 1]]));
    const sub = tf.assign_sub(v, tf.constant([[2, 2], [-1, 0]]));
    const set = tf.assign(v, tf.constant([[9, 8], [7, 6]]));
    return (sess) => [
      ...runAll(sess, [inited]),
      ...runAll(sess, [v.initializer, inited]).slice(1),
      ...runAll(sess, [add]), ...runAll(sess, [sub]), ...runAll(sess, [v]), ...runAll(sess, [set]), ...runAll(sess, [v]),
    ];
  }),
  program('PlaceholderWithDefault', 'fed and unfed, NoOp', () => {
    const p = makeOp1('PlaceholderWithDefault', [tf.constant([1, 2, 3])], { shape: [3] });
    const y = tf.multiply(p, 2);
    const noop = tf.no_op();
    return (sess) => [...runAll(sess, [y]), ...runAll(sess, [y], new Map([[p, tf.NDArray.from([4, 5, 6])]])), ...runAll(sess, [noop, y]).slice(1)];
  }),
  program('RandomStandardNormal', 'seeded random ops draw the same numbers on both backends', () => {
    const n = tf.random_normal([3, 4], { seed: 3 });
    const t = tf.truncated_normal([50], { stddev: 2, seed: 4 });
    const u = tf.random_uniform([2, 3], { minval: -1, maxval: 5, seed: 5 });
    const ui = tf.random_uniform([6], { minval: 0, maxval: 10, dtype: 'int32', seed: 6 });
    const both = tf.add(n, 1);
    return (sess) => [...runAll(sess, [n, t, u, ui, both]), ...runAll(sess, [n, t])];
  }),
  program('DropoutMask', 'tf.nn.dropout with a fed keep_prob', () => {
    tf.set_random_seed(7);
    const x = tf.constant(Array.from({ length: 40 }, (_, i) => i / 10));
    const keep = tf.placeholder('float32', []);
    const y = tf.nn.dropout(x, keep);
    const grad = tf.gradients(tf.reduce_sum(tf.multiply(y, y)), [x])[0]!;
    return (sess) => [...runAll(sess, [y, grad], new Map([[keep, tf.NDArray.scalar(0.5)]])), ...runAll(sess, [y], new Map([[keep, tf.NDArray.scalar(1)]]))];
  }),
  program('LogUniformCandidateSampler', 'seeded candidate samplers, accidental hits, nce_loss and sampled_softmax_loss with gradients', () => {
    tf.set_random_seed(11);
    const labels = tf.constant(tf.NDArray.from([[1], [3], [0]], 'int64'));
    const logUniform = tf.nn.log_uniform_candidate_sampler(labels, 1, 4, true, 10, { seed: 1 });
    const uniform = tf.nn.uniform_candidate_sampler(labels, 1, 5, false, 10, { seed: 2 });
    const unigram = tf.nn.fixed_unigram_candidate_sampler(labels, 1, 3, true, 5, { unigrams: [1, 2, 3, 4, 5], seed: 3 });
    const hits = tf.nn.compute_accidental_hits(labels, logUniform[0], 1);
    const w = tf.constant(Array.from({ length: 10 }, (_, r) => [0.1 * r - 0.4, 0.3 - 0.05 * r, (r % 3) * 0.2]));
    const b = tf.constant(Array.from({ length: 10 }, (_, r) => 0.02 * r - 0.1));
    const x = tf.constant([[0.5, -1, 0.25], [1, 0.5, -0.5], [-0.25, 0.75, 1]]);
    const nce = tf.nn.nce_loss(w, b, labels, x, 4, 10, { sampled_values: logUniform, remove_accidental_hits: true });
    const softmax = tf.nn.sampled_softmax_loss(w, b, labels, x, 4, 10, { sampled_values: logUniform });
    const grads = tf.gradients(tf.add(tf.reduce_sum(nce), tf.reduce_sum(softmax)), [w, b, x]) as tf.Tensor[];
    return (sess) => runAll(sess, [...logUniform, ...uniform, ...unigram, ...hits, nce, softmax, ...grads]);
  }),
  ...optimizerCases(),
];

function optimizerCases(): ProgramCase[] {
  const makers: [string, string, () => any][] = [
    ['ApplyGradientDescent', 'GradientDescentOptimizer(0.1)', () => new tf.train.GradientDescentOptimizer(0.1)],
    ['ApplyMomentum', 'MomentumOptimizer(0.1, 0.9, nesterov)', () => new tf.train.MomentumOptimizer(0.1, 0.9, { use_nesterov: true })],
    ['ApplyAdam', 'AdamOptimizer(0.05)', () => new tf.train.AdamOptimizer(0.05)],
    ['ApplyAdagrad', 'AdagradOptimizer(0.1)', () => new tf.train.AdagradOptimizer(0.1)],
    ['ApplyRMSProp', 'RMSPropOptimizer(0.01, momentum 0.5)', () => new tf.train.RMSPropOptimizer(0.01, { momentum: 0.5 })],
    ['ApplyCenteredRMSProp', 'RMSPropOptimizer(0.01, centered)', () => new tf.train.RMSPropOptimizer(0.01, { centered: true, momentum: 0.2 })],
  ];
  return makers.map(([opType, label, make]) => program(opType, label, () => {
    const w = tf.Variable(tf.constant([[0.5, -1], [2, 0.25], [-0.75, 1.5]]));
    const b = tf.Variable(tf.constant([0.1, -0.2]));
    const x = tf.constant([[1, 2, 3], [-1, 0.5, 2]]);
    const loss = tf.reduce_sum(tf.square(tf.add(tf.matmul(x, w), b)));
    const train = make().minimize(loss);
    const slots = tf.global_variables();
    return (sess) => {
      runAll(sess, [tf.global_variables_initializer()]);
      const out: unknown[] = [];
      for (let i = 0; i < 3; i++) out.push(...runAll(sess, [train, loss]).slice(1), ...runAll(sess, slots));
      return out;
    };
  }, { atol: 1e-4, rtol: 1e-4 }));
}

/** The gather family (lib/ops/defs/gather): int indices come from placeholders, so the gpu kernels read them on the host. */
const gatherCases: ConformanceCase[] = [
  op('GatherV2', 'axis 0, repeated indices (gradient: UnsortedSegmentSum)', [F([5, 3]), { shape: [4], dtype: 'int32', values: [4, 0, 4, 2] }],
    ([p, i]) => tf.gather(p, i)),
  op('GatherV2', 'axis 1, index matrix, int64', [F([2, 4, 3]), { shape: [2, 2], dtype: 'int64', values: [3, 0, 1, 3] }],
    ([p, i]) => tf.gather(p, i, { axis: 1 })),
  op('GatherV2', 'int32 params', [INT([4, 2], -5, 5), { shape: [3], dtype: 'int32', values: [1, 3, 1] }], ([p, i]) => tf.gather(p, i)),
  op('GatherNd', 'rows and elements (gradient: ScatterNd)', [F([3, 4]), { shape: [3, 2], dtype: 'int32', values: [2, 1, 0, 3, 2, 1] }],
    ([p, i]) => [tf.gather_nd(p, i), tf.gather_nd(p, tf.slice(i, [0, 0], [-1, 1]))]),
  op('ScatterNd', 'repeated positions add up', [{ shape: [3, 1], dtype: 'int32', values: [2, 0, 2] }, F([3, 2])],
    ([i, u]) => tf.scatter_nd(i, u, [4, 2])),
  op('UnsortedSegmentSum', 'a negative id drops its slice', [F([5, 2]), { shape: [5], dtype: 'int32', values: [1, -1, 3, 1, 0] }],
    ([d, i]) => tf.unsorted_segment_sum(d, i, 4)),
  op('SegmentSum', 'sorted ids with a gap', [F([4, 3]), { shape: [4], dtype: 'int32', values: [0, 0, 2, 3] }],
    ([d, i]) => tf.math.segment_sum(d, i)),
  program('ScatterUpdate', 'ScatterUpdate, ScatterAdd, ScatterSub and an embedding trained by gradient descent', () => {
    const v = tf.Variable(tf.constant([[1, 2], [3, 4], [5, 6]]), { name: 'v' } as any);
    const set = tf.scatter_update(v, [2, 0], tf.constant([[9, 8], [7, 6]]));
    const add = tf.scatter_add(v, [1, 1], tf.constant([[0.5, 1], [2, 3]]));
    const sub = tf.scatter_sub(v, [0], tf.constant(1));
    const emb = tf.Variable(tf.constant([[0.5, -1], [2, 0.25], [-0.75, 1.5], [1, 1]]));
    const ids = tf.placeholder('int32', [null]);
    const loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(emb, ids)));
    const train = new tf.train.GradientDescentOptimizer(0.1).minimize(loss);
    return (sess) => {
      runAll(sess, [tf.global_variables_initializer()]);
      const out = [...runAll(sess, [set]), ...runAll(sess, [add]), ...runAll(sess, [sub]), ...runAll(sess, [v])];
      for (const batch of [[0, 2, 0], [3]]) out.push(...runAll(sess, [train, loss], new Map([[ids, tf.NDArray.from(batch, 'int32')]])).slice(1), ...runAll(sess, [emb]));
      return out;
    };
  }),
];

const slicingCases: ConformanceCase[] = [
  op('StridedSlice', "t[1:, ::-2, 1] (and StridedSliceGrad)", [F([3, 5, 4])], ([x]) => x.index('1:, ::-2, 1')),
  op('StridedSlice', 't[::3, 1:] (gradient: the lattice test with stride 3)', [F([7, 3])], ([x]) => x.index('::3, 1:')),
  op('StridedSlice', 't[..., tf.newaxis, -1], int32', [INT([2, 3, 4], -9, 9)], ([x]) => x.index('...', null, -1)),
  op('Split', 'three parts of axis 1 (gradient: ConcatV2)', [F([2, 6, 2])], ([x]) => tf.split(x, 3, 1)),
  op('SplitV', 'sizes [1, -1, 2] of the last axis', [F([3, 7])], ([x]) => tf.split(x, [1, -1, 2], -1)),
  op('ReverseV2', 'axes [0, 2]', [F([2, 3, 4])], ([x]) => tf.reverse(x, [0, 2])),
  op('ReverseSequence', 'seq_axis 1, batch_axis 0', [F([3, 4, 2]), { shape: [3], dtype: 'int64', values: [0, 4, 2] }],
    ([x, l]) => tf.reverse_sequence(x, l, { seq_axis: 1, batch_axis: 0 })),
  op('TopKV2', 'k 3 (gradient: one-hot rows)', [F([3, 6])], ([x]) => tf.nn.top_k(x, 3)[0]),
  op('TopKV2', 'ties: lower index first, int32', [{ shape: [2, 5], dtype: 'int32', values: [3, 1, 3, 2, 3, 0, 0, 0, 0, 0] }],
    ([x]) => tf.nn.top_k(x, 4)),
  op('Where', 'tf.boolean_mask along axis 1 (Reshape, Where, Squeeze, GatherV2)', [F([2, 4, 3]), BOOL([4])],
    ([x, m]) => tf.boolean_mask(x, m, { axis: 1 })),
  op('InTopKV2', 'k 2', [F([4, 5]), { shape: [4], dtype: 'int32', values: [0, 4, 2, 7] }], ([p, t]) => tf.nn.in_top_k(p, t, 2)),
];

/** tf.cond and tf.while_loop (If, While, and WhileGrad in the gradient); on gpu.js they run on the host for now. */
const controlFlowCases: OpCase[] = [
  op('If', 'tf.cond on the sign of a sum', [F([3]), F([3])],
    ([x, w]) => tf.cond(tf.greater(tf.reduce_sum(x), 0), () => tf.multiply(x, w), () => tf.square(x)) as tf.Tensor),
  op('While', 'tf.while_loop x *= w three times', [F([3]), F([3], [0.5, 1.5])], ([x, w]) => {
    const [, y] = tf.while_loop((i: tf.Tensor) => tf.less(i, 3), (i: tf.Tensor, y: tf.Tensor) => [tf.add(i, 1), tf.multiply(y, w)],
      [i32(0), x]) as tf.Tensor[];
    return y;
  }),
];

/** A loop body reading a Variable, trained through the While's gradient: device variables seen by the host-run body. */
const controlFlowPrograms: ProgramCase[] = [
  program('While', 'a body reading a Variable, three GradientDescent steps through WhileGrad', () => {
    const w = tf.Variable([1.0, 2.0], { name: 'w' });
    const [, acc] = tf.while_loop((i: tf.Tensor) => tf.less(i, 3), (i: tf.Tensor, a: tf.Tensor) =>
      [tf.add(i, 1), tf.add(a, tf.multiply(w, tf.constant([1, -1])))], [i32(0), tf.zeros([2])]) as tf.Tensor[];
    const loss = tf.reduce_sum(tf.square(acc));
    const train = tf.train.GradientDescentOptimizer(0.01).minimize(loss);
    return (sess) => {
      sess.run(tf.global_variables_initializer());
      const out: unknown[] = [];
      for (let step = 0; step < 3; step++) out.push(...runAll(sess, [loss, train]).slice(0, 1));
      return [...out, ...runAll(sess, [w._asTensor()])];
    };
  }),
];

export const CASES: ConformanceCase[] = [
  ...binaryCases, ...unaryCases, ...compareCases, ...reduceCases, ...shapeCases, ...arrayCases, ...nnCases, ...programCases,
  ...gatherCases,
  ...slicingCases,
  ...controlFlowCases, ...controlFlowPrograms,
];

/**
 * CPU op types the suite does not build directly, and why. Every other registered op
 * type must appear in some case's graph (forward or gradient), or the suite fails.
 */
export const NOT_BUILT: Record<string, string> = {};

/**
 * Ops on strings and files, which only the host runs (the gpu.js backend falls back to their
 * CPU kernels): no gpu kernel and no CPU-vs-gpu case; spec/string_io_ops.spec.ts tests them.
 */
export const HOST_ONLY: Record<string, string> = {
  StringJoin: 'string op', ShardedFilename: 'string op', SaveV2: 'writes a checkpoint', RestoreV2: 'reads a checkpoint',
  MergeV2Checkpoints: 'moves checkpoint files', ParseExample: 'string op (spec/parse_example.spec.ts)',
  // Resource variables and lookup tables keep their state in the session's host store; spec/resource_variables.spec.ts, spec/lookup_ops.spec.ts.
  ...Object.fromEntries(['VarHandleOp', 'VarIsInitializedOp', 'ReadVariableOp', 'AssignVariableOp', 'AssignAddVariableOp', 'AssignSubVariableOp']
    .map((t) => [t, 'resource variable (host store)'])),
  ...Object.fromEntries(['HashTable', 'HashTableV2', 'InitializeTable', 'InitializeTableV2', 'LookupTableFind', 'LookupTableFindV2',
    'LookupTableSize', 'LookupTableSizeV2', 'LookupTableImport', 'LookupTableImportV2'].map((t) => [t, 'lookup table (host store)'])),
  // spec/string_ops.spec.ts and spec/summary_ops.spec.ts test these.
  AsString: 'string op', DecodeRaw: 'string op', ScalarSummary: 'summary op', HistogramSummary: 'summary op',
  ImageSummary: 'summary op', AudioSummaryV2: 'summary op', TensorSummaryV2: 'summary op', MergeSummary: 'summary op',
  Assert: 'prints its (string) data in the error; spec/control_flow.spec.ts',
  IteratorV2: 'tf.data iterator (host pipeline)', OneShotIterator: 'tf.data iterator (host pipeline)',
  MakeIterator: 'tf.data iterator (host pipeline)', IteratorGetNext: 'tf.data iterator (host pipeline)',
};

export type { NDArray };
