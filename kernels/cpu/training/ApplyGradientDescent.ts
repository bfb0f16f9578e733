import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { scalarInput, updateBuffers } from './update_helpers';
import { createWasmGemm } from '../wasm/wasm_gemm';

const wasm = createWasmGemm();
/** From this many parameters the update runs in WebAssembly (training.c). Writable for tests. */
export const gradientDescentThresholds = { wasm: 4096 };

/** ApplyGradientDescent(var, alpha, delta): var -= alpha * delta. */
export const applyGradientDescentKernel: CpuKernel = ([, alphaT, delta], ctx) => {
  const alpha = scalarInput(alphaT, 'alpha', ctx);
  const { var: out, data: [w], old: [w0] } = updateBuffers(ctx, delta, []);
  if (delta.dtype === 'float64') {
    descend64(w0 as unknown as Float64Array, w as unknown as Float64Array, delta.data as Float64Array, alpha);
    return out;
  }
  const g = delta.data as Float32Array;
  if (wasm !== null && w.length >= gradientDescentThresholds.wasm && wasm.gradientDescent(w0, g, w, alpha)) return out;
  descend(w0, w, g, alpha);
  return out;
};

/** A loop of its own, on float32 arrays only, so V8 compiles it monomorphic. */
function descend(w0: Float32Array, w: Float32Array, g: Float32Array, alpha: number): void {
  const n = w.length;
  for (let i = 0; i < n; i++) w[i] = w0[i] - alpha * g[i];
}

/** float64 variables (the wasm kernel is float32 only): computed in float64. */
function descend64(w0: Float64Array, w: Float64Array, g: Float64Array, alpha: number): void {
  const n = w.length;
  for (let i = 0; i < n; i++) w[i] = w0[i] - alpha * g[i];
}
