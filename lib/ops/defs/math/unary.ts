import type { OpSpec } from '../../register_op';
import type { DType } from '../../../framework/dtypes';
import type { GradientFunction } from '../../../registry/gradient_registry';
import type { KernelContext } from '../../../registry/kernel_registry';
import { unaryKernel } from '../../../../kernels/cpu/elementwise';
import { expWasm, logWasm, transcendentalInWasm } from '../../../../kernels/cpu/wasm_elementwise';
import { NDArray } from '../../../framework/ndarray';
import { requireDType, NUMERIC, FLOATS } from './checks';
import * as m from '../../math_ops';
import { zeros_like } from '../../shape_ops';

/* Elementwise unary ops: TF1 type name, kernel expression in x, dtypes, gradient. */

function unaryOp(name: string, expr: string | ((dtype: DType) => string), dtypes: readonly DType[],
  gradient: GradientFunction | null, fast?: (x: NDArray, ctx: KernelContext) => NDArray | null): OpSpec {
  return {
    name,
    inputs: 1,
    outputs: ([x], _attrs, opName) => {
      requireDType(name, opName, x, dtypes);
      return x;
    },
    cpu: ([x], ctx) => fast?.(x, ctx) ?? unaryKernel(ctx, x, x.dtype, typeof expr === 'string' ? expr : expr(x.dtype)),
    gradient,
  };
}

/** exp or log of a float32 array in WebAssembly (within 2 ulp), where that pays; else null. */
function inWasm(run: (x: Float32Array, out: Float32Array) => boolean): (x: NDArray, ctx: KernelContext) => NDArray | null {
  return (x, ctx) => {
    if (x.dtype !== 'float32' || !transcendentalInWasm(x.size)) return null;
    const out = ctx.allocate('float32', x.size, false) as Float32Array;
    return run(x.data as Float32Array, out) ? new NDArray(out, x.shape, 'float32') : null;
  };
}

export const Neg = unaryOp('Neg', '-x', NUMERIC, (_op, [dy]) => [m.negative(dy!)]);

export const Exp = unaryOp('Exp', 'Math.exp(x)', FLOATS,
  (op, [dy]) => [m.multiply(dy!, op.outputs[0])], inWasm(expWasm));

export const Log = unaryOp('Log', 'Math.log(x)', FLOATS,
  (op, [dy]) => [m.divide(dy!, op.inputs[0])], inWasm(logWasm));

// d sqrt(x) = 0.5 / sqrt(x), from the output so nothing is recomputed.
export const Sqrt = unaryOp('Sqrt', 'Math.sqrt(x)', FLOATS,
  (op, [dy]) => [m.divide(m.multiply(dy!, 0.5), op.outputs[0])]);

// d x^(-1/2) = -0.5 x^(-3/2) = -0.5 y³.
export const Rsqrt = unaryOp('Rsqrt', '1 / Math.sqrt(x)', FLOATS, (op, [dy]) => {
  const y = op.outputs[0];
  return [m.multiply(m.multiply(dy!, -0.5), m.multiply(m.square(y), y))];
});

export const Square = unaryOp('Square', (dtype) => (dtype === 'int32' ? 'Math.imul(x, x)' : 'x * x'), NUMERIC,
  (op, [dy]) => [m.multiply(dy!, m.multiply(op.inputs[0], 2))]);

export const Abs = unaryOp('Abs', 'Math.abs(x)', NUMERIC,
  (op, [dy]) => [m.multiply(dy!, m.sign(op.inputs[0]))]);

// Zero stays zero and NaN stays NaN, as TF's sign.
export const Sign = unaryOp('Sign', 'x > 0 ? 1 : x < 0 ? -1 : x', NUMERIC,
  (op) => [zeros_like(op.inputs[0])]);

// d (1/x) = -1/x² = -y².
export const Reciprocal = unaryOp('Reciprocal', '1 / x', FLOATS,
  (op, [dy]) => [m.multiply(m.negative(dy!), m.square(op.outputs[0]))]);

// Piecewise constant: TF1 declares no gradient for these.
export const Floor = unaryOp('Floor', 'Math.floor(x)', FLOATS, null);
export const Ceil = unaryOp('Ceil', 'Math.ceil(x)', FLOATS, null);
export const Round = unaryOp('Round', 'h.roundHalfToEven(x)', NUMERIC, null);

export const UNARY_OPS: OpSpec[] = [Neg, Exp, Log, Sqrt, Rsqrt, Square, Abs, Sign, Reciprocal, Floor, Ceil, Round];
