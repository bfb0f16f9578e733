/** Activations and their gradient ops (Relu, Sigmoid, Tanh, Elu, Relu6, LeakyRelu). */
import type { GpuKernel } from './types';
import { elementwise, requireSameShape } from './elementwise';
import { lit } from './codegen';

const unary = (expr: string): GpuKernel => ([x], ctx) => elementwise(ctx, [x], ['x'], expr, x.dtype);

/** A fused gradient op of two same-shaped inputs named a and b in `expr`. */
const pair = (expr: string): GpuKernel => ([a, b], ctx) => {
  requireSameShape(a, b, ctx);
  return elementwise(ctx, [a, b], ['a', 'b'], expr, a.dtype);
};

export const Relu = unary('x > 0 ? x : 0');
/** ReluGrad(gradients, features). */
export const ReluGrad = pair('b > 0 ? a : 0');
export const Sigmoid = unary('1 / (1 + Math.exp(-x))');
/** SigmoidGrad(y, dy). */
export const SigmoidGrad = pair('b * a * (1 - a)');
// tanh from exp(-2|x|), which cannot overflow (GLSL ES 1.0 has no tanh).
export const Tanh = unary('(x < 0 ? -1 : 1) * (1 - Math.exp(-2 * Math.abs(x))) / (1 + Math.exp(-2 * Math.abs(x)))');
/** TanhGrad(y, dy). */
export const TanhGrad = pair('b * (1 - a * a)');
export const Relu6 = unary('x < 0 ? 0 : (x > 6 ? 6 : x)');
/** Relu6Grad(gradients, features). */
export const Relu6Grad = pair('b > 0 && b < 6 ? a : 0');
export const Elu = unary('x < 0 ? Math.exp(x) - 1 : x');
/** EluGrad(gradients, outputs). */
export const EluGrad = pair('b < 0 ? a * (b + 1) : a');

export const LeakyRelu: GpuKernel = ([x], ctx) => {
  const alpha = lit(Math.fround(ctx.attrs.alpha ?? 0.2));
  return elementwise(ctx, [x], ['x'], `x > 0 ? x : x * ${alpha}`, x.dtype);
};
/** LeakyReluGrad(gradients, features). */
export const LeakyReluGrad: GpuKernel = ([dy, f], ctx) => {
  requireSameShape(dy, f, ctx);
  const alpha = lit(Math.fround(ctx.attrs.alpha ?? 0.2));
  return elementwise(ctx, [dy, f], ['a', 'b'], `b > 0 ? a : a * ${alpha}`, dy.dtype);
};
