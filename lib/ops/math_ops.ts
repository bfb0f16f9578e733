import { Tensor, TensorLike, installTensorOperators } from '../framework/tensor';
import { convertPair, convertToTensor, graphOf, NameArg, nameFrom } from '../framework/convert';
import { DType, as_dtype, isFloating } from '../framework/dtypes';
import { ValueError } from '../framework/errors';
import { makeOp1 } from './op_builder';
import { pyfunc } from '../framework/python_args';
import { addOp } from './defs/known_inputs';
import { range, rank as rankOf } from './shape_ops';

/* Arithmetic, comparisons, casts and reductions: TF1's functions with the same names; the op types are TF1's. */

function binary(type: string, x: TensorLike, y: TensorLike, name: NameArg): Tensor {
  const [a, b] = convertPair(x, y);
  return makeOp1(type, [a, b], {}, nameFrom(name));
}

function unary(type: string, x: TensorLike, name: NameArg): Tensor {
  return makeOp1(type, [convertToTensor(x)], {}, nameFrom(name));
}

/** A public binary function, TF1's `f(x, y, name=None)`. */
function binaryFn(fn: string, type: string) {
  return pyfunc(fn, ['x', 'y', 'name'], 2, (x: TensorLike, y: TensorLike, name?: NameArg): Tensor => binary(type, x, y, name));
}

/** A public unary function, TF1's `f(x, name=None)`. */
function unaryFn(fn: string, type: string) {
  return pyfunc(fn, ['x', 'name'], 1, (x: TensorLike, name?: NameArg): Tensor => unary(type, x, name));
}

export const add = binaryFn('add', 'Add');
export const subtract = binaryFn('subtract', 'Sub');
export const multiply = binaryFn('multiply', 'Mul');
export const pow = binaryFn('pow', 'Pow');
export const maximum = binaryFn('maximum', 'Maximum');
export const minimum = binaryFn('minimum', 'Minimum');
export const squared_difference = binaryFn('squared_difference', 'SquaredDifference');
/** tf.realdiv: float division, no conversion. */
export const realdiv = binaryFn('realdiv', 'RealDiv');
/** tf.floordiv: floor(x / y), for floats and integers alike. */
export const floordiv = binaryFn('floordiv', 'FloorDiv');
/** tf.floormod (tf.mod): the remainder with the divisor's sign, so floordiv(x, y) * y + floormod(x, y) = x. */
export const floormod = binaryFn('floormod', 'FloorMod');
export const mod = floormod;

/** tf.truediv: integers are converted to float32 first (TF1 makes int32/int64 float64, int8/int16/uint8/uint16 float32; float64 exists since #18, the switch is not made yet). */
export const truediv = pyfunc('truediv', ['x', 'y', 'name'], 2, (x: TensorLike, y: TensorLike, name?: NameArg): Tensor => {
  let [a, b] = convertPair(x, y);
  if (a.dtype !== b.dtype) throw new ValueError(`truediv: x and y must have the same dtype, got ${a.dtype} and ${b.dtype}`);
  if (!isFloating(a.dtype)) {
    if (a.dtype === 'bool') throw new ValueError(`truediv does not accept bool tensors`);
    a = cast(a, 'float32');
    b = cast(b, 'float32');
  }
  return makeOp1('RealDiv', [a, b], {}, nameFrom(name));
});

/** tf.divide: x / y with Python 3 semantics (true division). */
export const divide = pyfunc('divide', ['x', 'y', 'name'], 2, (x: TensorLike, y: TensorLike, name?: NameArg): Tensor => truediv(x, y, name));

/** tf.div (TF1's legacy division): floor division for integers, real division for floats. */
export const div = pyfunc('div', ['x', 'y', 'name'], 2, (x: TensorLike, y: TensorLike, name?: NameArg): Tensor => {
  const [a, b] = convertPair(x, y);
  return makeOp1(isFloating(a.dtype) ? 'RealDiv' : 'FloorDiv', [a, b], {}, nameFrom(name));
});

/** tf.scalar_mul(scalar, x) */
export const scalar_mul = pyfunc('scalar_mul', ['scalar', 'x', 'name'], 2,
  (scalar: TensorLike, x: TensorLike, name?: NameArg): Tensor => binary('Mul', scalar, x, name));

export const negative = unaryFn('negative', 'Neg');
export const exp = unaryFn('exp', 'Exp');
export const log = unaryFn('log', 'Log');
export const sqrt = unaryFn('sqrt', 'Sqrt');
export const rsqrt = unaryFn('rsqrt', 'Rsqrt');
export const square = unaryFn('square', 'Square');
export const abs = unaryFn('abs', 'Abs');
export const sign = unaryFn('sign', 'Sign');
export const reciprocal = unaryFn('reciprocal', 'Reciprocal');
export const floor = unaryFn('floor', 'Floor');
export const ceil = unaryFn('ceil', 'Ceil');
/** tf.round: halves go to the even neighbour (banker's rounding), as TF. */
export const round = unaryFn('round', 'Round');

/**
 * tf.clip_by_value(t, clip_value_min, clip_value_max, name?): as TF1.x, minimum then
 * maximum, so the gradient flows where t is inside the range (ties included).
 */
export const clip_by_value = pyfunc('clip_by_value', ['t', 'clip_value_min', 'clip_value_max', 'name'], 3,
  (t: TensorLike, clip_value_min: TensorLike, clip_value_max: TensorLike, name?: NameArg): Tensor => {
    const x = convertToTensor(t);
    return x.graph.name_scope(nameFrom(name) ?? 'clip_by_value', () =>
      maximum(minimum(x, clip_value_max), clip_value_min));
  });

/** tf.add_n(inputs, name?): the sum of same-shaped tensors. */
export const add_n = pyfunc('add_n', ['inputs', 'name'], 1, (inputs: TensorLike[], name?: NameArg): Tensor => {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new ValueError('inputs must be a list of at least one Tensor with the same dtype and shape');
  }
  const g = graphOf(inputs);
  const tensors = inputs.map((x) => convertToTensor(x, undefined, undefined, g));
  // One input is returned as is, as TF1 does (an Identity when a name is asked for).
  if (tensors.length === 1) return name ? makeOp1('Identity', tensors, {}, nameFrom(name)) : tensors[0];
  return makeOp1('AddN', tensors, {}, nameFrom(name));
});

export const equal = binaryFn('equal', 'Equal');
export const not_equal = binaryFn('not_equal', 'NotEqual');
export const less = binaryFn('less', 'Less');
export const less_equal = binaryFn('less_equal', 'LessEqual');
export const greater = binaryFn('greater', 'Greater');
export const greater_equal = binaryFn('greater_equal', 'GreaterEqual');
export const logical_and = binaryFn('logical_and', 'LogicalAnd');
export const logical_or = binaryFn('logical_or', 'LogicalOr');
export const logical_not = unaryFn('logical_not', 'LogicalNot');
/** tf.logical_xor(x, y, name='LogicalXor'): TF1 builds it from the other logical ops, the last one named LogicalXor. */
export const logical_xor = pyfunc('logical_xor', ['x', 'y', 'name'], 2, (x: TensorLike, y: TensorLike, name?: NameArg): Tensor => {
  const [a, b] = convertPair(x, y);
  return logical_and(logical_or(a, b), logical_not(logical_and(a, b)), nameFrom(name) ?? 'LogicalXor');
});


/** tf.cast(x, dtype, name?): a tensor already of that dtype is returned unchanged (as TF1). */
export const cast = pyfunc('cast', ['x', 'dtype', 'name'], 2, (x: TensorLike, dtype: DType | string, name?: NameArg): Tensor => {
  const dst = as_dtype(dtype);
  const t = convertToTensor(x);
  if (t.dtype === dst) return t;
  return makeOp1('Cast', [t], { SrcT: t.dtype, DstT: dst }, nameFrom(name) ?? 'Cast');
});
/** tf.to_float / tf.to_int32 / tf.to_int64 (TF1's shorthands for cast). */
export const to_float = pyfunc('to_float', ['x', 'name'], 1, (x: TensorLike, name?: NameArg): Tensor => cast(x, 'float32', nameFrom(name) ?? 'ToFloat'));
export const to_int32 = pyfunc('to_int32', ['x', 'name'], 1, (x: TensorLike, name?: NameArg): Tensor => cast(x, 'int32', nameFrom(name) ?? 'ToInt32'));
export const to_int64 = pyfunc('to_int64', ['x', 'name'], 1, (x: TensorLike, name?: NameArg): Tensor => cast(x, 'int64', nameFrom(name) ?? 'ToInt64'));

/* Reductions. */

type AxisArg = number | number[] | TensorLike | null | undefined;

/** Reads TF1's older spellings beside the newer ones: axis/reduction_indices, keepdims/keep_dims. */
function reduceArgs(axis: AxisArg, keepdims: boolean | null | undefined, reduction_indices: AxisArg, keep_dims: boolean | null | undefined) {
  if (axis !== undefined && axis !== null && reduction_indices !== undefined && reduction_indices !== null) {
    throw new ValueError('Cannot specify both \'axis\' and \'reduction_indices\'');
  }
  if (keepdims !== undefined && keepdims !== null && keep_dims !== undefined && keep_dims !== null && keepdims !== keep_dims) {
    throw new ValueError('Cannot specify both \'keepdims\' and \'keep_dims\'');
  }
  return { axis: axis ?? reduction_indices, keepdims: !!(keepdims ?? keep_dims) };
}

/** The reduction indices tensor; null/undefined means every axis (a range over the rank when it is unknown). */
function reductionIndices(x: Tensor, axis: AxisArg): Tensor {
  if (axis === undefined || axis === null) {
    if (x.shape !== null) return convertToTensor(Int32Array.from(x.shape.keys()), 'int32', undefined, x.graph);
    return range(0, rankOf(x), 1);
  }
  if (typeof axis === 'number' || Array.isArray(axis)) {
    const values = Array.isArray(axis) ? axis : [axis];
    if (values.some((a) => !Number.isInteger(a))) throw new ValueError(`axis must be an integer or a list of integers, got ${JSON.stringify(axis)}`);
    return convertToTensor(typeof axis === 'number' ? axis : Int32Array.from(values), 'int32', undefined, x.graph);
  }
  return convertToTensor(axis as TensorLike, undefined, undefined, x.graph);
}

const REDUCE_PARAMS = ['input_tensor', 'axis', 'keepdims', 'name', 'reduction_indices', 'keep_dims'];

/**
 * A public reduction with TF1's signature, `f(input_tensor, axis=None, keepdims=None,
 * name=None, reduction_indices=None, keep_dims=None)`: reduce_sum(x, 1),
 * reduce_sum(x, {axis: 1, keepdims: true}) and reduce_sum({input_tensor: x}) alike.
 */
function reduction(fn: string, type: string) {
  return pyfunc(fn, REDUCE_PARAMS, 1, (input_tensor: TensorLike, axis?: AxisArg, keepdims?: boolean | null, name?: NameArg,
    reduction_indices?: AxisArg, keep_dims?: boolean | null): Tensor => {
    const t = convertToTensor(input_tensor);
    const o = reduceArgs(axis, keepdims, reduction_indices, keep_dims);
    return addOp(type, [t, reductionIndices(t, o.axis)], { keep_dims: o.keepdims }, nameFrom(name));
  });
}

export const reduce_sum = reduction('reduce_sum', 'Sum');
/** tf.reduce_mean: integer inputs give the truncated integer mean, as TF1. */
export const reduce_mean = reduction('reduce_mean', 'Mean');
export const reduce_max = reduction('reduce_max', 'Max');
export const reduce_min = reduction('reduce_min', 'Min');
export const reduce_prod = reduction('reduce_prod', 'Prod');
/** tf.reduce_any over bool tensors. */
export const reduce_any = reduction('reduce_any', 'Any');
/** tf.reduce_all over bool tensors. */
export const reduce_all = reduction('reduce_all', 'All');

/** tf.argmax / tf.argmin(input, axis=None (0), name=None, dimension=None, output_type=int64). Ties give the first index. */
function argReduction(fn: string, type: string) {
  return pyfunc(fn, ['input', 'axis', 'name', 'dimension', 'output_type'], 1, (input: TensorLike, axis?: number | TensorLike | null,
    name?: NameArg, dimension?: number | TensorLike | null, output_type?: DType | string): Tensor => {
    const t = convertToTensor(input);
    if (axis !== undefined && axis !== null && dimension !== undefined && dimension !== null) {
      throw new ValueError('Cannot specify both \'axis\' and \'dimension\'');
    }
    const ax = axis ?? dimension ?? 0;
    const axisT = convertToTensor(ax as TensorLike, typeof ax === 'number' ? 'int32' : undefined, undefined, t.graph);
    return addOp(type, [t, axisT], { output_type: as_dtype(output_type ?? 'int64') }, nameFrom(name));
  });
}

export const argmax = argReduction('argmax', 'ArgMax');
export const argmin = argReduction('argmin', 'ArgMin');

/**
 * tf.matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
 * a_is_sparse=False, b_is_sparse=False, name=None); 2-D operands (adjoint = transpose for
 * real values). a_is_sparse / b_is_sparse are hints TF1 may ignore too, and are ignored here.
 */
export const matmul = pyfunc('matmul',
  ['a', 'b', 'transpose_a', 'transpose_b', 'adjoint_a', 'adjoint_b', 'a_is_sparse', 'b_is_sparse', 'name'], 2,
  (a: TensorLike, b: TensorLike, transpose_a?: boolean, transpose_b?: boolean, adjoint_a?: boolean, adjoint_b?: boolean,
    a_is_sparse?: boolean, b_is_sparse?: boolean, name?: string): Tensor => {
    const flags = { transpose_a, transpose_b, adjoint_a, adjoint_b, a_is_sparse, b_is_sparse };
    for (const [flag, v] of Object.entries(flags)) {
      // matmul(a, b, 'name') would otherwise read the name as transpose_a: a wrong product, no error.
      if (v !== undefined && v !== null && typeof v !== 'boolean') throw new TypeError(`matmul() argument '${flag}' must be a bool, got ${JSON.stringify(v)}`);
    }
    const [ta, tb] = convertPair(a, b);
    return makeOp1('MatMul', [ta, tb], { transpose_a: !!(transpose_a || adjoint_a), transpose_b: !!(transpose_b || adjoint_b) }, name);
  });

/**
 * tf.arg_max(input, dimension, output_type=int64, name=None): TF1's older spelling of argmax,
 * with the op's own argument order (dimension required).
 */
export const arg_max = pyfunc('arg_max', ['input', 'dimension', 'output_type', 'name'], 2,
  (input: TensorLike, dimension: number | TensorLike, output_type?: DType | string, name?: NameArg): Tensor =>
    argmax(input, { dimension, output_type, name }));
/** tf.arg_min: as arg_max. */
export const arg_min = pyfunc('arg_min', ['input', 'dimension', 'output_type', 'name'], 2,
  (input: TensorLike, dimension: number | TensorLike, output_type?: DType | string, name?: NameArg): Tensor =>
    argmin(input, { dimension, output_type, name }));

// Gives Tensor and Variable the methods of TF1's Python operators (x.add(y), x.matmul(y)); see TensorOperators.
installTensorOperators({
  add: (x, y) => add(x, y), subtract: (x, y) => subtract(x, y), multiply: (x, y) => multiply(x, y),
  div: (x, y) => div(x, y), truediv: (x, y) => truediv(x, y), floordiv: (x, y) => floordiv(x, y),
  floormod: (x, y) => floormod(x, y), pow: (x, y) => pow(x, y), negative: (x) => negative(x), abs: (x) => abs(x),
  matmul: (x, y) => matmul(x, y), less: (x, y) => less(x, y), less_equal: (x, y) => less_equal(x, y),
  greater: (x, y) => greater(x, y), greater_equal: (x, y) => greater_equal(x, y),
  logical_and: (x, y) => logical_and(x, y), logical_or: (x, y) => logical_or(x, y),
  logical_xor: (x, y) => logical_xor(x, y), logical_not: (x) => logical_not(x),
});
