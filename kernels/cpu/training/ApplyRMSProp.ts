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
  const { var: out, data: [w, ms, mom], old: [w0, ms0, mom0] } = updateBuffers(ctx, grad, ['ms', 'mom']);
  const g = grad.data;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const s = ms0[i] + (gi * gi - ms0[i]) * (1 - rho);
    ms[i] = s;
    const mo = mom0[i] * momentum + (gi * lr) / Math.sqrt(s + epsilon);
    mom[i] = mo;
    w[i] = w0[i] - mo;
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
  const { var: out, data: [w, mg, ms, mom], old: [w0, mg0, ms0, mom0] } = updateBuffers(ctx, grad, ['mg', 'ms', 'mom']);
  const g = grad.data;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const s = ms0[i] + (gi * gi - ms0[i]) * (1 - rho);
    const a = mg0[i] + (gi - mg0[i]) * (1 - rho);
    ms[i] = s;
    mg[i] = a;
    const mo = mom0[i] * momentum + (gi * lr) / Math.sqrt(s - a * a + epsilon);
    mom[i] = mo;
    w[i] = w0[i] - mo;
  }
  return out;
};
