import type { CpuKernel } from '../../lib/registry/kernel_registry';

/** L2Loss(t) = sum(t^2) / 2, accumulated in float64 so large tensors keep their precision. */
export const l2LossKernel: CpuKernel = ([t], ctx) => {
  const d = t.data;
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i] * d[i];
  const out = ctx.outputForOverwrite([], 'float32');
  out.data[0] = s / 2;
  return out;
};
