import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { scalarInput, updateBuffers } from './update_helpers';

/**
 * ApplyAdam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad), in
 * TF1's form: lr_t = lr * sqrt(1 - beta2_power) / (1 - beta1_power);
 * m += (g - m)(1 - beta1); v += (g^2 - v)(1 - beta2); var -= lr_t * m / (sqrt(v) + epsilon).
 * With use_nesterov the numerator is (g (1 - beta1) + beta1 m).
 */
export const applyAdamKernel: CpuKernel = (inputs, ctx) => {
  const [, , , b1pT, b2pT, lrT, b1T, b2T, epsT, grad] = inputs;
  const beta1Power = scalarInput(b1pT, 'beta1_power', ctx), beta2Power = scalarInput(b2pT, 'beta2_power', ctx);
  const lr = scalarInput(lrT, 'lr', ctx), beta1 = scalarInput(b1T, 'beta1', ctx);
  const beta2 = scalarInput(b2T, 'beta2', ctx), epsilon = scalarInput(epsT, 'epsilon', ctx);
  const { var: out, data: [w, m, v] } = updateBuffers(ctx, grad, ['m', 'v']);
  const g = grad.data;
  const alpha = lr * Math.sqrt(1 - beta2Power) / (1 - beta1Power);
  const nesterov = !!ctx.attrs.use_nesterov;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const mi = m[i] + (gi - m[i]) * (1 - beta1);
    const vi = v[i] + (gi * gi - v[i]) * (1 - beta2);
    m[i] = mi;
    v[i] = vi;
    const numerator = nesterov ? gi * (1 - beta1) + beta1 * mi : mi;
    w[i] -= (numerator * alpha) / (Math.sqrt(vi) + epsilon);
  }
  return out;
};
