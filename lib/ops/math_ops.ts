import { Tensor, TensorLike, installTensorOperators } from '../framework/tensor';
import { convertPair, convertToTensor, graphOf, NameArg, nameFrom } from '../framework/convert';
import { DType, as_dtype, isFloating } from '../framework/dtypes';
import { ValueError } from '../framework/errors';
import { makeOp1 } from './op_builder';
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

export function add(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Add', x, y, name); }
export function subtract(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Sub', x, y, name); }
export function multiply(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Mul', x, y, name); }
export function pow(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Pow', x, y, name); }
export function maximum(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Maximum', x, y, name); }
export function minimum(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Minimum', x, y, name); }
export function squared_difference(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('SquaredDifference', x, y, name); }
/** tf.realdiv: float division, no conversion. */
export function realdiv(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('RealDiv', x, y, name); }
/** tf.floordiv: floor(x / y), for floats and integers alike. */
export function floordiv(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('FloorDiv', x, y, name); }
/** tf.floormod (tf.mod): the remainder with the divisor's sign, so floordiv(x, y) * y + floormod(x, y) = x. */
export function floormod(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('FloorMod', x, y, name); }
export const mod = floormod;

/** tf.truediv: integers are converted to float32 first (TF1 uses float64, which tensorgraph does not have). */
export function truediv(x: TensorLike, y: TensorLike, name?: NameArg): Tensor {
  let [a, b] = convertPair(x, y);
  if (a.dtype !== b.dtype) throw new ValueError(`truediv: x and y must have the same dtype, got ${a.dtype} and ${b.dtype}`);
  if (!isFloating(a.dtype)) {
    if (a.dtype === 'bool') throw new ValueError(`truediv does not accept bool tensors`);
    a = cast(a, 'float32');
    b = cast(b, 'float32');
  }
  return makeOp1('RealDiv', [a, b], {}, nameFrom(name));
}

/** tf.divide: x / y with Python 3 semantics (true division). */
export function divide(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return truediv(x, y, name); }

/** tf.div (TF1's legacy division): floor division for integers, real division for floats. */
export function div(x: TensorLike, y: TensorLike, name?: NameArg): Tensor {
  const [a, b] = convertPair(x, y);
  return makeOp1(isFloating(a.dtype) ? 'RealDiv' : 'FloorDiv', [a, b], {}, nameFrom(name));
}

/** tf.scalar_mul(scalar, x) */
export function scalar_mul(scalar: TensorLike, x: TensorLike, name?: NameArg): Tensor { return binary('Mul', scalar, x, name); }

export function negative(x: TensorLike, name?: NameArg): Tensor { return unary('Neg', x, name); }
export function exp(x: TensorLike, name?: NameArg): Tensor { return unary('Exp', x, name); }
export function log(x: TensorLike, name?: NameArg): Tensor { return unary('Log', x, name); }
export function sqrt(x: TensorLike, name?: NameArg): Tensor { return unary('Sqrt', x, name); }
export function rsqrt(x: TensorLike, name?: NameArg): Tensor { return unary('Rsqrt', x, name); }
export function square(x: TensorLike, name?: NameArg): Tensor { return unary('Square', x, name); }
export function abs(x: TensorLike, name?: NameArg): Tensor { return unary('Abs', x, name); }
export function sign(x: TensorLike, name?: NameArg): Tensor { return unary('Sign', x, name); }
export function reciprocal(x: TensorLike, name?: NameArg): Tensor { return unary('Reciprocal', x, name); }
export function floor(x: TensorLike, name?: NameArg): Tensor { return unary('Floor', x, name); }
export function ceil(x: TensorLike, name?: NameArg): Tensor { return unary('Ceil', x, name); }
/** tf.round: halves go to the even neighbour (banker's rounding), as TF. */
export function round(x: TensorLike, name?: NameArg): Tensor { return unary('Round', x, name); }

/**
 * tf.clip_by_value(t, clip_value_min, clip_value_max, name?): as TF1.x, minimum then
 * maximum, so the gradient flows where t is inside the range (ties included).
 */
export function clip_by_value(t: TensorLike, clip_value_min: TensorLike, clip_value_max: TensorLike, name?: NameArg): Tensor {
  const x = convertToTensor(t);
  return x.graph.name_scope(nameFrom(name) ?? 'clip_by_value', () =>
    maximum(minimum(x, clip_value_max), clip_value_min));
}

/** tf.add_n(inputs, name?): the sum of same-shaped tensors. */
export function add_n(inputs: TensorLike[], name?: NameArg): Tensor {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new ValueError('inputs must be a list of at least one Tensor with the same dtype and shape');
  }
  const g = graphOf(inputs);
  const tensors = inputs.map((x) => convertToTensor(x, undefined, undefined, g));
  // One input is returned as is, as TF1 does (an Identity when a name is asked for).
  if (tensors.length === 1) return name ? makeOp1('Identity', tensors, {}, nameFrom(name)) : tensors[0];
  return makeOp1('AddN', tensors, {}, nameFrom(name));
}

export function equal(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Equal', x, y, name); }
export function not_equal(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('NotEqual', x, y, name); }
export function less(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Less', x, y, name); }
export function less_equal(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('LessEqual', x, y, name); }
export function greater(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('Greater', x, y, name); }
export function greater_equal(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('GreaterEqual', x, y, name); }
export function logical_and(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('LogicalAnd', x, y, name); }
export function logical_or(x: TensorLike, y: TensorLike, name?: NameArg): Tensor { return binary('LogicalOr', x, y, name); }
export function logical_not(x: TensorLike, name?: NameArg): Tensor { return unary('LogicalNot', x, name); }
/** tf.logical_xor: TF1 builds it from the other logical ops, the last one named LogicalXor. */
export function logical_xor(x: TensorLike, y: TensorLike, name?: NameArg): Tensor {
  const [a, b] = convertPair(x, y);
  return logical_and(logical_or(a, b), logical_not(logical_and(a, b)), nameFrom(name) ?? 'LogicalXor');
}

/** tf.cast(x, dtype, name?): a tensor already of that dtype is returned unchanged (as TF1). */
export function cast(x: TensorLike, dtype: DType | string, name?: NameArg): Tensor {
  const dst = as_dtype(dtype);
  const t = convertToTensor(x);
  if (t.dtype === dst) return t;
  return makeOp1('Cast', [t], { SrcT: t.dtype, DstT: dst }, nameFrom(name) ?? 'Cast');
}
/** tf.to_float / tf.to_int32 / tf.to_int64 (TF1's shorthands for cast). */
export function to_float(x: TensorLike, name?: NameArg): Tensor { return cast(x, 'float32', nameFrom(name) ?? 'ToFloat'); }
export function to_int32(x: TensorLike, name?: NameArg): Tensor { return cast(x, 'int32', nameFrom(name) ?? 'ToInt32'); }
export function to_int64(x: TensorLike, name?: NameArg): Tensor { return cast(x, 'int64', nameFrom(name) ?? 'ToInt64'); }

/* Reductions. */

type AxisArg = number | number[] | TensorLike | null | undefined;

export interface ReduceOptions {
  axis?: AxisArg;
  /** TF1's older name for axis. */
  reduction_indices?: AxisArg;
  keepdims?: boolean;
  /** TF1's older name for keepdims. */
  keep_dims?: boolean;
  name?: string;
}

function isOptionsObject(v: unknown): v is ReduceOptions {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor) &&
    !ArrayBuffer.isView(v) && !('_asTensor' in (v as object)) && !('data' in (v as object) && 'shape' in (v as object));
}

/**
 * Reads the TF1 argument forms: (x, axis?, keepdims?, name?) and
 * (x, {axis | reduction_indices, keepdims | keep_dims, name}).
 */
function reduceArgs(axisOrOptions: AxisArg | ReduceOptions, keepDims?: boolean | null, name?: NameArg): ReduceOptions & { axis: AxisArg } {
  if (isOptionsObject(axisOrOptions)) {
    const o = axisOrOptions;
    if (o.axis !== undefined && o.axis !== null && o.reduction_indices !== undefined && o.reduction_indices !== null) {
      throw new ValueError('Cannot specify both \'axis\' and \'reduction_indices\'');
    }
    if (o.keepdims !== undefined && o.keep_dims !== undefined && o.keepdims !== o.keep_dims) {
      throw new ValueError('Cannot specify both \'keepdims\' and \'keep_dims\'');
    }
    return { axis: o.axis ?? o.reduction_indices, keepdims: !!(o.keepdims ?? o.keep_dims), name: o.name };
  }
  return { axis: axisOrOptions, keepdims: !!keepDims, name: nameFrom(name) };
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

function reduce(type: string, x: TensorLike, axisOrOptions: AxisArg | ReduceOptions, keepDims?: boolean | null, name?: NameArg): Tensor {
  const t = convertToTensor(x);
  const o = reduceArgs(axisOrOptions, keepDims, name);
  const axes = reductionIndices(t, o.axis);
  return addOp(type, [t, axes], { keep_dims: !!o.keepdims }, o.name);
}

/** tf.reduce_sum(x, axis?, keepdims?, name?) or reduce_sum(x, {axis, keepdims, name}). */
export function reduce_sum(x: TensorLike, axis?: AxisArg | ReduceOptions, keepdims?: boolean | null, name?: NameArg): Tensor {
  return reduce('Sum', x, axis, keepdims, name);
}
/** tf.reduce_mean: integer inputs give the truncated integer mean, as TF1. */
export function reduce_mean(x: TensorLike, axis?: AxisArg | ReduceOptions, keepdims?: boolean | null, name?: NameArg): Tensor {
  return reduce('Mean', x, axis, keepdims, name);
}
export function reduce_max(x: TensorLike, axis?: AxisArg | ReduceOptions, keepdims?: boolean | null, name?: NameArg): Tensor {
  return reduce('Max', x, axis, keepdims, name);
}
export function reduce_min(x: TensorLike, axis?: AxisArg | ReduceOptions, keepdims?: boolean | null, name?: NameArg): Tensor {
  return reduce('Min', x, axis, keepdims, name);
}
export function reduce_prod(x: TensorLike, axis?: AxisArg | ReduceOptions, keepdims?: boolean | null, name?: NameArg): Tensor {
  return reduce('Prod', x, axis, keepdims, name);
}
/** tf.reduce_any over bool tensors. */
export function reduce_any(x: TensorLike, axis?: AxisArg | ReduceOptions, keepdims?: boolean | null, name?: NameArg): Tensor {
  return reduce('Any', x, axis, keepdims, name);
}
/** tf.reduce_all over bool tensors. */
export function reduce_all(x: TensorLike, axis?: AxisArg | ReduceOptions, keepdims?: boolean | null, name?: NameArg): Tensor {
  return reduce('All', x, axis, keepdims, name);
}

export interface ArgMaxOptions { axis?: number | TensorLike; dimension?: number | TensorLike; output_type?: DType | string; name?: string }

function argReduce(type: string, x: TensorLike, axisOrOptions: number | TensorLike | ArgMaxOptions | null | undefined,
  name: NameArg, dimension: number | TensorLike | undefined, outputType: DType | string | undefined): Tensor {
  const t = convertToTensor(x);
  const o: ArgMaxOptions = isOptionsObject(axisOrOptions)
    ? axisOrOptions as ArgMaxOptions
    : { axis: axisOrOptions as number | TensorLike | undefined, name: nameFrom(name), dimension, output_type: outputType };
  if (o.axis !== undefined && o.axis !== null && o.dimension !== undefined && o.dimension !== null) {
    throw new ValueError('Cannot specify both \'axis\' and \'dimension\'');
  }
  const axis = o.axis ?? o.dimension ?? 0;
  const axisT = convertToTensor(axis as TensorLike, typeof axis === 'number' ? 'int32' : undefined, undefined, t.graph);
  const outType = as_dtype(o.output_type ?? 'int64');
  return addOp(type, [t, axisT], { output_type: outType }, o.name);
}

/** tf.argmax(x, axis=0, name?, dimension?, output_type='int64'), or argmax(x, {axis, output_type, name}). Ties give the first index. */
export function argmax(x: TensorLike, axis?: number | TensorLike | ArgMaxOptions | null, name?: NameArg,
  dimension?: number | TensorLike, output_type?: DType | string): Tensor {
  return argReduce('ArgMax', x, axis, name, dimension, output_type);
}
/** tf.argmin: as argmax. */
export function argmin(x: TensorLike, axis?: number | TensorLike | ArgMaxOptions | null, name?: NameArg,
  dimension?: number | TensorLike, output_type?: DType | string): Tensor {
  return argReduce('ArgMin', x, axis, name, dimension, output_type);
}

/**
 * tf.arg_max(input, dimension, output_type='int64', name?): TF1's older spelling of argmax,
 * with the op's own argument order (no default axis).
 */
export function arg_max(input: TensorLike, dimension: number | TensorLike, output_type?: DType | string, name?: NameArg): Tensor {
  if (dimension === undefined) throw new TypeError('arg_max() missing 1 required positional argument: \'dimension\'');
  return argReduce('ArgMax', input, dimension, name, undefined, output_type);
}
/** tf.arg_min: as arg_max. */
export function arg_min(input: TensorLike, dimension: number | TensorLike, output_type?: DType | string, name?: NameArg): Tensor {
  if (dimension === undefined) throw new TypeError('arg_min() missing 1 required positional argument: \'dimension\'');
  return argReduce('ArgMin', input, dimension, name, undefined, output_type);
}

/** TF1's keyword arguments of tf.matmul; a_is_sparse / b_is_sparse are hints TF1 may ignore too, and are ignored here. */
export interface MatMulOptions {
  transpose_a?: boolean; transpose_b?: boolean; adjoint_a?: boolean; adjoint_b?: boolean;
  a_is_sparse?: boolean; b_is_sparse?: boolean; name?: string;
}
const MATMUL_KEYWORDS = ['transpose_a', 'transpose_b', 'adjoint_a', 'adjoint_b', 'a_is_sparse', 'b_is_sparse', 'name'];

/** tf.matmul(a, b, {transpose_a, transpose_b, adjoint_a, adjoint_b, name}); 2-D operands (adjoint = transpose for real values). */
export function matmul(a: TensorLike, b: TensorLike, options: MatMulOptions | string = {}): Tensor {
  const opts = typeof options === 'string' ? { name: options } : options;
  for (const key of Object.keys(opts)) {
    // A misspelt keyword (transposeA) would otherwise be silently ignored: a wrong product, no error.
    if (!MATMUL_KEYWORDS.includes(key)) throw new TypeError(`matmul() got an unexpected keyword argument '${key}'; it accepts ${MATMUL_KEYWORDS.join(', ')}`);
  }
  const [ta, tb] = convertPair(a, b);
  const transpose_a = !!(opts.transpose_a || opts.adjoint_a), transpose_b = !!(opts.transpose_b || opts.adjoint_b);
  return makeOp1('MatMul', [ta, tb], { transpose_a, transpose_b }, opts.name);
}

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
