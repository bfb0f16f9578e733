import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { scalarInput, updateBuffers } from './update_helpers';

/** ApplyAdagrad(var, accum, lr, grad): accum += grad^2 (unless update_slots is false); var -= lr * grad / sqrt(accum). */
export const applyAdagradKernel: CpuKernel = ([, , lrT, grad], ctx) => {
  const lr = scalarInput(lrT, 'lr', ctx);
  const { var: out, data: [w, accum], old: [w0, accum0] } = updateBuffers(ctx, grad, ['accum']);
  const g = grad.data;
  const updateSlots = ctx.attrs.update_slots !== false;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const a = updateSlots ? accum0[i] + gi * gi : accum0[i];
    accum[i] = a;
    w[i] = w0[i] - (gi * lr) / Math.sqrt(a);
  }
  return out;
};
