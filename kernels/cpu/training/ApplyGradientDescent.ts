import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { scalarInput, updateBuffers } from './update_helpers';

/** ApplyGradientDescent(var, alpha, delta): var -= alpha * delta. */
export const applyGradientDescentKernel: CpuKernel = ([, alphaT, delta], ctx) => {
  const alpha = scalarInput(alphaT, 'alpha', ctx);
  const { var: out, data: [w] } = updateBuffers(ctx, delta, []);
  const g = delta.data;
  for (let i = 0; i < w.length; i++) w[i] -= alpha * g[i];
  return out;
};
