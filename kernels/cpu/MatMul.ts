import { NDArray } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { gemm } from './gemm';

/** C = op(A) · op(B) for 2-D float32 matrices, op being an optional transpose. */
export const matMulKernel: CpuKernel = ([a, b], ctx) => {
  const ta = !!ctx.attrs.transpose_a, tb = !!ctx.attrs.transpose_b;
  const [m, k] = ta ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [k2, n] = tb ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (k !== k2) {
    throw new InvalidArgumentError(`Matrix size-incompatible: In[0]: [${a.shape}], In[1]: [${b.shape}]`, ctx.op.name);
  }
  const out = ctx.allocate('float32', m * n, false) as Float32Array;
  gemm(m, n, k, a.data as Float32Array, ta, b.data as Float32Array, tb, out, false, ctx.run);
  return new NDArray(out, [m, n], 'float32');
};
