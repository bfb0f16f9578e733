import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { scalarInput, updateBuffers } from './update_helpers';

/**
 * ApplyMomentum(var, accum, lr, grad, momentum): accum = accum * momentum + grad, then
 * var -= lr * accum, or with use_nesterov var -= lr * grad + lr * momentum * accum.
 */
export const applyMomentumKernel: CpuKernel = ([, , lrT, grad, momentumT], ctx) => {
  const lr = scalarInput(lrT, 'lr', ctx), momentum = scalarInput(momentumT, 'momentum', ctx);
  const { var: out, data: [w, accum], old: [w0, accum0] } = updateBuffers(ctx, grad, ['accum']);
  const g = grad.data;
  const nesterov = !!ctx.attrs.use_nesterov;
  for (let i = 0; i < w.length; i++) {
    const a = accum0[i] * momentum + g[i];
    accum[i] = a;
    w[i] = w0[i] - (nesterov ? g[i] * lr + a * momentum * lr : lr * a);
  }
  return out;
};
