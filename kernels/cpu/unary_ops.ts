import type { DType, TypedArray } from '../../lib/framework/dtypes';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { NDArray } from '../../lib/framework/ndarray';
import { unaryKernel } from './elementwise';
import { expWasm, logWasm, transcendentalInWasm } from './wasm_elementwise';

/* CPU kernels of the elementwise unary ops (Neg ... Round): a JS expression in x, and a WebAssembly path for exp and log. */

/** A faster loop for some inputs: whether it applies to x, and its run, which writes out or declines (false). */
interface FastUnary {
  applies(x: NDArray): boolean;
  run(x: NDArray, out: TypedArray): boolean;
}

function unaryOpKernel(expr: string | ((dtype: DType) => string), fast?: FastUnary): CpuKernel {
  return ([x], ctx) => {
    const jsExpr = () => (typeof expr === 'string' ? expr : expr(x.dtype));
    if (!fast?.applies(x)) return unaryKernel(ctx, x, x.dtype, jsExpr());
    // The JS loop fills the same output when the fast path declines: a second pooled
    // buffer would leave the first to a GC finalizer.
    const out = ctx.allocate(x.dtype, x.size, false);
    return fast.run(x, out) ? new NDArray(out, x.shape, x.dtype) : unaryKernel(ctx, x, x.dtype, jsExpr(), out);
  };
}

/** exp or log of a float32 array in WebAssembly (within 2 ulp), where that pays. */
function inWasm(run: (x: Float32Array, out: Float32Array) => boolean): FastUnary {
  return {
    applies: (x) => x.dtype === 'float32' && transcendentalInWasm(x.size),
    run: (x, out) => run(x.data as Float32Array, out as Float32Array),
  };
}

export const negKernel = unaryOpKernel('-x');
export const expKernel = unaryOpKernel('Math.exp(x)', inWasm(expWasm));
export const logKernel = unaryOpKernel('Math.log(x)', inWasm(logWasm));
export const sqrtKernel = unaryOpKernel('Math.sqrt(x)');
export const rsqrtKernel = unaryOpKernel('1 / Math.sqrt(x)');
export const squareKernel = unaryOpKernel((dtype) => (dtype === 'int32' ? 'Math.imul(x, x)' : 'x * x'));
export const absKernel = unaryOpKernel('Math.abs(x)');
// Zero stays zero and NaN stays NaN, as TF's sign.
export const signKernel = unaryOpKernel('x > 0 ? 1 : x < 0 ? -1 : x');
export const reciprocalKernel = unaryOpKernel('1 / x');
export const floorKernel = unaryOpKernel('Math.floor(x)');
export const ceilKernel = unaryOpKernel('Math.ceil(x)');
export const roundKernel = unaryOpKernel('h.roundHalfToEven(x)');
