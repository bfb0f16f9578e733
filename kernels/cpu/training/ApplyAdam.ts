import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { scalarInput, updateBuffers } from './update_helpers';
import { createWasmGemm } from '../wasm/wasm_gemm';

const wasm = createWasmGemm();
/**
 * From this many parameters the update runs in WebAssembly (training.c; below it the
 * copies into wasm memory cost about what they save), and from adamThresholds.parallel
 * on the worker threads as well. Writable for tests.
 */
export const adamThresholds = { wasm: 1 << 16, parallel: 1 << 18 };

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
  const { var: out, data: [w, m, v], old: [w0, m0, v0] } = updateBuffers(ctx, grad, ['m', 'v']);
  const alpha = lr * Math.sqrt(1 - beta2Power) / (1 - beta1Power);
  const nesterov = !!ctx.attrs.use_nesterov;
  const g = grad.data as Float32Array;
  if (wasm !== null && w.length >= adamThresholds.wasm &&
    wasm.adam({ var0: w0, m0, v0, grad: g, var: w, m, v, alpha, beta1, beta2, epsilon, nesterov },
      w.length >= adamThresholds.parallel)) {
    return out;
  }
  if (nesterov) adamNesterovLoop(w0, m0, v0, w, m, v, g, alpha, beta1, beta2, epsilon);
  else adamLoop(w0, m0, v0, w, m, v, g, alpha, beta1, beta2, epsilon);
  return out;
};

/*
 * The update loops are separate monomorphic functions with the constants hoisted:
 * the per-element branch on use_nesterov and recomputed (1 - beta) made the loop
 * 1.5x slower on Deep MNIST's 3.3M parameters (measured in isolation).
 */
function adamLoop(w0: Float32Array, m0: Float32Array, v0: Float32Array,
  w: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array,
  alpha: number, beta1: number, beta2: number, epsilon: number): void {
  const c1 = 1 - beta1, c2 = 1 - beta2, n = w.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const mi = m0[i] + (gi - m0[i]) * c1;
    const vi = v0[i] + (gi * gi - v0[i]) * c2;
    m[i] = mi;
    v[i] = vi;
    w[i] = w0[i] - (mi * alpha) / (Math.sqrt(vi) + epsilon);
  }
}

function adamNesterovLoop(w0: Float32Array, m0: Float32Array, v0: Float32Array,
  w: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array,
  alpha: number, beta1: number, beta2: number, epsilon: number): void {
  const c1 = 1 - beta1, c2 = 1 - beta2, n = w.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const mi = m0[i] + (gi - m0[i]) * c1;
    const vi = v0[i] + (gi * gi - v0[i]) * c2;
    m[i] = mi;
    v[i] = vi;
    w[i] = w0[i] - ((gi * c1 + beta1 * mi) * alpha) / (Math.sqrt(vi) + epsilon);
  }
}
