import { NDArray } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { gemm } from './gemm';
import { overwrittenOutputArrayFor } from '../../lib/framework/dtypes';

/** C = op(A) · op(B) for 2-D float32 matrices, op being an optional transpose. */
export const matMulKernel: CpuKernel = ([a, b], ctx) => {
  const ta = !!ctx.attrs.transpose_a, tb = !!ctx.attrs.transpose_b;
  const [m, k] = ta ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [k2, n] = tb ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (k !== k2) {
    throw new InvalidArgumentError(`Matrix size-incompatible: In[0]: [${a.shape}], In[1]: [${b.shape}]`, ctx.op.name);
  }
  const out = overwrittenOutputArrayFor('float32', m * n) as Float32Array;
  gemm(m, n, k, a.data as Float32Array, ta, b.data as Float32Array, tb, out);
  return new NDArray(out, [m, n], 'float32');
};
