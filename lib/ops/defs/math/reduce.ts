import type { OpSpec } from '../../register_op';
import type { DType } from '../../../framework/dtypes';
import type { GradientFunction } from '../../../registry/gradient_registry';
import { ValueError } from '../../../framework/errors';
import { NUMERIC, INDEX, typeAttr } from '../type_attrs';
import { knownInts } from '../known_inputs';
import { reductionStaticShape } from './static_shapes';
import { keptShape, toKeptShape, broadcastLike, isFullyKnown } from '../../gradient_utils';
import { reduce_sum, reduce_prod, cast, equal, add, multiply, divide, floordiv, maximum } from '../../math_ops';
import { size } from '../../shape_ops';
import type { Tensor } from '../../../framework/tensor';
import type { Operation } from '../../../framework/operation';

/*
 * TF1 reductions: (input: T, reduction_indices: Tidx: int32/int64 scalar or vector)
 * -> output: T, attr keep_dims. An empty reduction gives the identity (Sum 0, Prod 1,
 * Max -inf, Min +inf, Mean NaN), as TF and NumPy do. Kernels: kernels/cpu/reduce.ts.
 */

/** `dtype` is T's allowed list, or the fixed dtype of Any and All (bool, no T attr). */
function reductionOp(name: string, dtype: readonly DType[] | 'bool', gradient: GradientFunction | null): OpSpec {
  const value = dtype === 'bool' ? { type: 'bool' as const } : { type_attr: 'T' };
  return {
    name,
    inputs: [{ name: 'input', ...value }, { name: 'reduction_indices', type_attr: 'Tidx' }],
    outputs: [{ name: 'output', ...value }],
    attrs: {
      keep_dims: { type: 'bool', default: false },
      ...(dtype === 'bool' ? {} : { T: typeAttr(dtype) }),
      Tidx: typeAttr(INDEX, 'int32'),
    },
    shape: ([input, axes], attrs, opName) => {
      if (axes.shape !== null && axes.shape.length > 1) {
        throw new ValueError(`'${opName}' (${name}): reduction_indices must be a scalar or a vector, got rank ${axes.shape.length}`);
      }
      return { shape: reductionStaticShape(input.shape, knownInts(axes), !!attrs.keep_dims, opName) };
    },
    gradient,
  };
}

/*
 * Gradients. dy has the reduction's output shape; it is reshaped to the keep_dims
 * shape (size 1 on reduced axes) and broadcast back over the input.
 */

const sumGradient: GradientFunction = (op, [dy]) => {
  const [x, axes] = op.inputs;
  return [broadcastLike(toKeptShape(dy!, op, keptShape(x, axes)), x), null];
};

/** The number of input elements behind each output element (a number when static, else a tensor of the output's dtype). */
function reducedCount(op: Operation): Tensor | number {
  const x = op.inputs[0], y = op.outputs[0];
  if (isFullyKnown(x.shape) && isFullyKnown(y.shape)) {
    const sx = (x.shape as number[]).reduce((p, d) => p * d, 1), sy = (y.shape as number[]).reduce((p, d) => p * d, 1);
    return Math.floor(sx / Math.max(sy, 1));
  }
  // As TF1's _safe_shape_div: an empty output must not divide by zero.
  return cast(floordiv(size(x), maximum(size(y), 1)), y.dtype);
}

// Mean = Sum / count: scale dy (output-sized, so cheap) before broadcasting it back.
const meanGradient: GradientFunction = (op, [dy]) => {
  const [x, axes] = op.inputs;
  return [broadcastLike(toKeptShape(divide(dy!, reducedCount(op)), op, keptShape(x, axes)), x), null];
};

/** Max/Min: dy goes to the positions that hold the extremum, split evenly among ties (as TF1). */
const extremumGradient: GradientFunction = (op, [dy]) => {
  const [x, axes] = op.inputs;
  const kept = keptShape(x, axes);
  const y = toKeptShape(op.outputs[0], op, kept);
  const selected = cast(equal(y, x), dy!.dtype);
  const count = reduce_sum(selected, { axis: axes, keepdims: true });
  return [multiply(divide(selected, count), toKeptShape(dy!, op, kept)), null];
};

/**
 * Prod: d/dx_i = product of the other elements of x_i's group. Computed without
 * dividing by x_i so zeros are exact: with no zero in the group it is P / x_i; with
 * one zero, only the zero's position gets the product of the rest; with more, all 0.
 */
const prodGradient: GradientFunction = (op, [dy]) => {
  const [x, axes] = op.inputs;
  const isZero = cast(equal(x, 0), x.dtype);
  const zeros = reduce_sum(isZero, { axis: axes, keepdims: true });
  const nonZeroX = add(x, isZero); // zeros replaced by ones
  const nonZeroProduct = reduce_prod(nonZeroX, { axis: axes, keepdims: true });
  const noZero = cast(equal(zeros, 0), x.dtype), oneZero = cast(equal(zeros, 1), x.dtype);
  const others = add(multiply(noZero, divide(nonZeroProduct, nonZeroX)), multiply(multiply(oneZero, isZero), nonZeroProduct));
  return [multiply(others, toKeptShape(dy!, op, keptShape(x, axes))), null];
};

export const Sum = reductionOp('Sum', NUMERIC, sumGradient);
export const Mean = reductionOp('Mean', NUMERIC, meanGradient);
export const Prod = reductionOp('Prod', NUMERIC, prodGradient);
export const Max = reductionOp('Max', NUMERIC, extremumGradient);
export const Min = reductionOp('Min', NUMERIC, extremumGradient);
export const Any = reductionOp('Any', 'bool', null);
export const All = reductionOp('All', 'bool', null);

export const REDUCTION_OPS: OpSpec[] = [Sum, Mean, Prod, Max, Min, Any, All];
