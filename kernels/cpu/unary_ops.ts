import type { DType } from '../../lib/framework/dtypes';
import type { CpuKernel, KernelContext } from '../../lib/registry/kernel_registry';
import { NDArray } from '../../lib/framework/ndarray';
import { unaryKernel } from './elementwise';
import { expWasm, logWasm, transcendentalInWasm } from './wasm_elementwise';

/* CPU kernels of the elementwise unary ops (Neg ... Round): a JS expression in x, and a WebAssembly path for exp and log. */

function unaryOpKernel(expr: string | ((dtype: DType) => string), fast?: (ctx: KernelContext, x: NDArray) => NDArray | null): CpuKernel {
  return ([x], ctx) => fast?.(ctx, x) ?? unaryKernel(ctx, x, x.dtype, typeof expr === 'string' ? expr : expr(x.dtype));
}

/** exp or log of a float32 array in WebAssembly (within 2 ulp), where that pays; else null. */
function inWasm(run: (x: Float32Array, out: Float32Array) => boolean): (ctx: KernelContext, x: NDArray) => NDArray | null {
  return (ctx, x) => {
    if (x.dtype !== 'float32' || !transcendentalInWasm(x.size)) return null;
    const out = ctx.allocate('float32', x.size, false) as Float32Array;
    return run(x.data as Float32Array, out) ? new NDArray(out, x.shape, 'float32') : null;
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
