import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { requireSameShape } from './elementwise_checks';

/** LeakyRelu: x for x > 0, alpha * x otherwise. */
export const leakyReluKernel: CpuKernel = ([x], ctx) => {
  const alpha = Math.fround(ctx.attrs.alpha ?? 0.2);
  const d = x.data, out = ctx.allocate('float32', d.length, false) as Float32Array;
  for (let i = 0; i < d.length; i++) { const v = d[i]; out[i] = v > 0 ? v : v * alpha; }
  return new NDArray(out, x.shape, 'float32');
};

/** LeakyReluGrad(gradients, features): dy where features > 0, alpha * dy otherwise. */
export const leakyReluGradKernel: CpuKernel = ([dy, features], ctx) => {
  requireSameShape(dy, features, 'LeakyReluGrad', ctx.op.name);
  const alpha = Math.fround(ctx.attrs.alpha ?? 0.2);
  const g = dy.data, f = features.data, out = ctx.allocate('float32', g.length, false) as Float32Array;
  for (let i = 0; i < g.length; i++) out[i] = f[i] > 0 ? g[i] : g[i] * alpha;
  return new NDArray(out, dy.shape, 'float32');
};
