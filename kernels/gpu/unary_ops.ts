/** Elementwise unary math (Neg, Exp, Log, Sqrt, ...) and Cast. */
import type { GpuKernel } from './types';
import { as_dtype } from '../../lib/framework/dtypes';
import { elementwise, TRUNC } from './elementwise';

function unary(expr: string): GpuKernel {
  return ([x], ctx) => elementwise(ctx, [x], ['x'], expr, x.dtype);
}

export const Neg = unary('-x');
export const Exp = unary('Math.exp(x)');
export const Log = unary('Math.log(x)');
export const Sqrt = unary('Math.sqrt(x)');
export const Rsqrt = unary('1 / Math.sqrt(x)');
export const Square = unary('x * x');
export const Abs = unary('Math.abs(x)');
// Zero (and NaN) map to themselves.
export const Sign = unary('x > 0 ? 1 : (x < 0 ? -1 : x)');
export const Reciprocal = unary('1 / x');
export const Floor = unary('Math.floor(x)');
export const Ceil = unary('Math.ceil(x)');
// Half to even, as TF's round: a tie rounds to the even neighbour.
export const Round = unary('(Math.floor(x + 0.5) - x == 0.5 && Math.floor(Math.floor(x + 0.5) / 2) * 2 != Math.floor(x + 0.5)) ? Math.floor(x + 0.5) - 1 : Math.floor(x + 0.5)');

/** bool and integers are exact floats on the device: most casts relabel the storage. */
export const Cast: GpuKernel = ([x], ctx) => {
  const dst = as_dtype(ctx.attrs.DstT);
  const src = x.dtype;
  if (dst === src) return x;
  if (dst === 'bool') return elementwise(ctx, [x], ['x'], 'x != 0 ? 1 : 0', 'bool');
  if (dst === 'float32' || src === 'bool' || ((src === 'int32' || src === 'int64') && (dst === 'int32' || dst === 'int64'))) {
    return ctx.alias(x, x.shape, dst);
  }
  // float -> integer truncates toward zero; uint8 then wraps modulo 256 as the typed-array store does.
  const t = TRUNC('x');
  if (dst === 'uint8') return elementwise(ctx, [x], ['x'], `${t} - Math.floor(${t} / 256) * 256`, dst);
  if (src === 'uint8') return ctx.alias(x, x.shape, dst);
  return elementwise(ctx, [x], ['x'], t, dst);
};
