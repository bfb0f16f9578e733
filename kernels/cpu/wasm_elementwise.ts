import { createWasmGemm } from './wasm/wasm_gemm';
import type { Window2D } from './conv_geometry';

/*
 * The large-array paths of the ReLU, bias-add, leading-axes-sum and max-pool kernels, in
 * WebAssembly (wasm/elementwise.c) on copies. Each function returns false when the
 * module is missing or the array is below elementwiseThresholds.wasm elements (the
 * caller then runs its JS loop, which gives the same bits).
 */

const wasm = createWasmGemm();

/**
 * From this many elements the WebAssembly path pays for its copies (about 3x faster
 * than the JS loops at Deep MNIST's 1.25M activations). Writable for tests.
 */
export const elementwiseThresholds = {
  wasm: 1 << 16,
  /**
   * exp, log and softmax: from far fewer elements, as Math.exp and Math.log cost about
   * 15-20 ns each (the softmax tutorial's [100, 10] arrays gain 20 and 13 us a step).
   */
  transcendental: 256,
};

/** Whether arrays of n elements take the WebAssembly path (so a caller can skip preparing for it). */
export function elementwiseInWasm(n: number): boolean { return wasm !== null && n >= elementwiseThresholds.wasm; }


export function reluWasm(x: Float32Array, out: Float32Array): boolean {
  return elementwiseInWasm(x.length) && wasm!.elementwise('relu_f32', [x], out, [x.length]);
}

export function reluGradWasm(dy: Float32Array, x: Float32Array, out: Float32Array): boolean {
  return elementwiseInWasm(x.length) && wasm!.elementwise('relu_grad_f32', [dy, x], out, [x.length]);
}

/** out[r, j] = x[r, j] + b[j] for rows of b.length values. */
export function biasAddWasm(x: Float32Array, b: Float32Array, out: Float32Array): boolean {
  return elementwiseInWasm(x.length) && wasm!.elementwise('bias_add_f32', [x, b], out, [x.length / b.length, b.length]);
}

/** out[j] = sum over rows r of x[r, j] (float64 accumulation in row order), rows of out.length values. */
export function columnSumsWasm(x: Float32Array, out: Float32Array): boolean {
  const c = out.length;
  return elementwiseInWasm(x.length) && wasm!.elementwise('column_sums_f32', [x], out, [x.length / c, c], c * 8);
}

const windowArgs = (g: Window2D) => [g.batch, g.inH, g.inW, g.channels, g.kH, g.kW, g.strideH, g.strideW, g.outH,
  g.outW, g.padTop, g.padLeft];

/** MaxPool (NHWC, no dilation) into out, as maxPoolValues. */
export function maxPoolWasm(x: Float32Array, g: Window2D, out: Float32Array): boolean {
  return elementwiseInWasm(x.length) && wasm!.elementwise('max_pool_f32', [x], out, windowArgs(g));
}

/** MaxPoolGrad into dx (every element written), as the JS kernel routes it. */
export function maxPoolGradWasm(x: Float32Array, dy: Float32Array, g: Window2D, dx: Float32Array): boolean {
  return elementwiseInWasm(x.length) && wasm!.elementwise('max_pool_grad_f32', [x, dy], dx, windowArgs(g));
}

/** Whether exp, log and softmax of n elements take the WebAssembly path. */
export function transcendentalInWasm(n: number): boolean {
  return wasm !== null && n >= elementwiseThresholds.transcendental;
}

/** out = exp(x), within 2 ulp (wasm/elementwise.c). */
export function expWasm(x: Float32Array, out: Float32Array): boolean {
  return transcendentalInWasm(x.length) && wasm!.elementwise('exp_f32', [x], out, [x.length]);
}

/** out = log(x), within 2 ulp. */
export function logWasm(x: Float32Array, out: Float32Array): boolean {
  return transcendentalInWasm(x.length) && wasm!.elementwise('log_f32', [x], out, [x.length]);
}

/** Softmax over rows of `cols` values. */
export function softmaxWasm(x: Float32Array, out: Float32Array, cols: number): boolean {
  return transcendentalInWasm(x.length) && cols > 0 &&
    wasm!.elementwise('softmax_f32', [x], out, [x.length / cols, cols]);
}
