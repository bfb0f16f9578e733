import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { requireSameShape } from './elementwise_checks';

/** Relu6: min(max(x, 0), 6). */
export const relu6Kernel: CpuKernel = ([x], ctx) => {
  const d = x.data, out = ctx.allocate('float32', d.length, false) as Float32Array;
  for (let i = 0; i < d.length; i++) { const v = d[i]; out[i] = v < 0 ? 0 : v > 6 ? 6 : v; }
  return new NDArray(out, x.shape, 'float32');
};

/** Relu6Grad(gradients, features): the gradient where 0 < features < 6, else 0 (TF1's convention at the kinks). */
export const relu6GradKernel: CpuKernel = ([dy, features], ctx) => {
  requireSameShape(dy, features, 'Relu6Grad', ctx.op.name);
  const g = dy.data, f = features.data, out = ctx.allocate('float32', g.length, false) as Float32Array;
  for (let i = 0; i < g.length; i++) out[i] = f[i] > 0 && f[i] < 6 ? g[i] : 0;
  return new NDArray(out, dy.shape, 'float32');
};
