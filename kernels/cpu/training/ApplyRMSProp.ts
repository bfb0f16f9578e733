import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { scalarInput, updateBuffers } from './update_helpers';

/**
 * ApplyRMSProp(var, ms, mom, lr, rho, momentum, epsilon, grad):
 * ms += (g^2 - ms)(1 - rho); mom = mom * momentum + lr * g / sqrt(ms + epsilon); var -= mom.
 */
export const applyRMSPropKernel: CpuKernel = (inputs, ctx) => {
  const [, , , lrT, rhoT, momentumT, epsT, grad] = inputs;
  const lr = scalarInput(lrT, 'lr', ctx), rho = scalarInput(rhoT, 'rho', ctx);
  const momentum = scalarInput(momentumT, 'momentum', ctx), epsilon = scalarInput(epsT, 'epsilon', ctx);
  const { var: out, data: [w, ms, mom] } = updateBuffers(ctx, grad, ['ms', 'mom']);
  const g = grad.data;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const s = ms[i] + (gi * gi - ms[i]) * (1 - rho);
    ms[i] = s;
    const mo = mom[i] * momentum + (gi * lr) / Math.sqrt(s + epsilon);
    mom[i] = mo;
    w[i] -= mo;
  }
  return out;
};

/**
 * ApplyCenteredRMSProp(var, mg, ms, mom, lr, rho, momentum, epsilon, grad): as ApplyRMSProp,
 * but normalizes by the variance estimate ms - mg^2, where mg averages the gradient.
 */
export const applyCenteredRMSPropKernel: CpuKernel = (inputs, ctx) => {
  const [, , , , lrT, rhoT, momentumT, epsT, grad] = inputs;
  const lr = scalarInput(lrT, 'lr', ctx), rho = scalarInput(rhoT, 'rho', ctx);
  const momentum = scalarInput(momentumT, 'momentum', ctx), epsilon = scalarInput(epsT, 'epsilon', ctx);
  const { var: out, data: [w, mg, ms, mom] } = updateBuffers(ctx, grad, ['mg', 'ms', 'mom']);
  const g = grad.data;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const s = ms[i] + (gi * gi - ms[i]) * (1 - rho);
    const a = mg[i] + (gi - mg[i]) * (1 - rho);
    ms[i] = s;
    mg[i] = a;
    const mo = mom[i] * momentum + (gi * lr) / Math.sqrt(s - a * a + epsilon);
    mom[i] = mo;
    w[i] -= mo;
  }
  return out;
};
