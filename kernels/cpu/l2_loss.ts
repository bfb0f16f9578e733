import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/** L2Loss(t) = sum(t^2) / 2, accumulated in float64 so large tensors keep their precision. */
export const l2LossKernel: CpuKernel = ([t]) => {
  const d = t.data;
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i] * d[i];
  return NDArray.scalar(s / 2, 'float32');
};
