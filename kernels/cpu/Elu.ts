import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { requireSameShape } from './elementwise_checks';

/** Elu: x for x > 0, exp(x) - 1 otherwise. */
export const eluKernel: CpuKernel = ([x], ctx) => {
  const d = x.data, out = ctx.allocate('float32', d.length, false) as Float32Array;
  for (let i = 0; i < d.length; i++) { const v = d[i]; out[i] = v < 0 ? Math.expm1(v) : v; }
  return new NDArray(out, x.shape, 'float32');
};

/** EluGrad(gradients, outputs): dy where the output is >= 0, dy * (output + 1) below (= dy * exp(x)). */
export const eluGradKernel: CpuKernel = ([dy, outputs], ctx) => {
  requireSameShape(dy, outputs, 'EluGrad', ctx.op.name);
  const g = dy.data, y = outputs.data, out = ctx.allocate('float32', g.length, false) as Float32Array;
  for (let i = 0; i < g.length; i++) out[i] = y[i] < 0 ? g[i] * (y[i] + 1) : g[i];
  return new NDArray(out, dy.shape, 'float32');
};
