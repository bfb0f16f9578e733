import { NDArray } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { gemm } from './gemm';

/** C = op(A) · op(B) for 2-D float32 or float64 matrices, op being an optional transpose. */
export const matMulKernel: CpuKernel = ([a, b], ctx) => {
  const ta = !!ctx.attrs.transpose_a, tb = !!ctx.attrs.transpose_b;
  const [m, k] = ta ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [k2, n] = tb ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (k !== k2) {
    throw new InvalidArgumentError(`Matrix size-incompatible: In[0]: [${a.shape}], In[1]: [${b.shape}]`, ctx.op.name);
  }
  if (a.dtype === 'float64') {
    const out64 = ctx.allocate('float64', m * n, true) as Float64Array;
    matMulF64(m, n, k, a.data as Float64Array, ta, b.data as Float64Array, tb, out64);
    return new NDArray(out64, [m, n], 'float64');
  }
  const out = ctx.allocate('float32', m * n, false) as Float32Array;
  gemm(m, n, k, a.data as Float32Array, ta, b.data as Float32Array, tb, out, false, ctx.run);
  return new NDArray(out, [m, n], 'float32');
};

/**
 * float64 products, accumulated in float64. The wasm kernel is float32 only; float64 is for
 * precision, not speed, so a plain loop (row of B contiguous in the inner loop) does. out is zeroed.
 */
function matMulF64(m: number, n: number, k: number, a: Float64Array, ta: boolean, b: Float64Array, tb: boolean,
  out: Float64Array): void {
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const av = ta ? a[p * m + i] : a[i * k + p];
      for (let j = 0; j < n; j++) out[i * n + j] += av * (tb ? b[j * k + p] : b[p * n + j]);
    }
  }
}
