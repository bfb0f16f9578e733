/** Elementwise binary math with NumPy broadcasting (Add, Sub, Mul, RealDiv, Pow, Maximum, ...). */
import type { GpuKernel } from './types';
import type { DType } from '../../lib/framework/dtypes';
import { elementwise } from './elementwise';

function binary(expr: string | ((dtype: DType) => string | null)): GpuKernel {
  return (inputs, ctx) => {
    const [x, y] = inputs;
    const e = typeof expr === 'string' ? expr : expr(x.dtype);
    // Integer cases with run-time checks (division by zero) are host work: the CPU kernel raises TF's error.
    if (e === null) return ctx.runOnHost(inputs);
    return elementwise(ctx, [x, y], ['x', 'y'], e, x.dtype);
  };
}

const isFloat = (dt: DType) => dt === 'float32';

export const Add = binary('x + y');
export const Sub = binary('x - y');
export const Mul = binary('x * y');
export const RealDiv = binary('x / y');
export const SquaredDifference = binary('(x - y) * (x - y)');
export const FloorDiv = binary((dt) => (isFloat(dt) ? 'Math.floor(x / y)' : null));
export const FloorMod = binary((dt) => (isFloat(dt) ? 'x - Math.floor(x / y) * y' : null));
// GLSL's pow is undefined for x < 0 and for 0^0: odd and even integer exponents of negatives get their sign back here.
export const Pow = binary((dt) => (isFloat(dt)
  ? '(y == 0 ? 1 : (x < 0 && Math.floor(y) == y ? (Math.floor(y / 2) * 2 == y ? 1 : -1) * Math.pow(-x, y) : Math.pow(x, y)))'
  : null));
// x != x is true only for NaN: a NaN operand is selected, as the CPU kernel does (where the GL driver keeps NaN).
export const Maximum = binary('(x >= y || x != x) ? x : y');
export const Minimum = binary('(x <= y || x != x) ? x : y');
