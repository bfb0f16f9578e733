import { gemmThresholds } from './gemm';
import type { Window2D } from './conv_geometry';
import { imagesPerBlock, patchWidth } from './im2col';
import { ConvKind, createWasmGemm } from './wasm/wasm_gemm';

export { ConvKind };

const wasm = createWasmGemm();

/**
 * Tasks per participating thread when a convolution's output is shared: enough that a
 * thread which starts late or loses its core does fewer of them.
 */
const TASKS_PER_THREAD = 2;

/**
 * The filter gradient is summed over the batch in this many tasks (fewer for small
 * batches), whatever the thread count, so that its bits do not depend on the threads.
 */
const FILTER_GRAD_TASKS = 8;

/** 'wasm-simd' when the convolutions run in conv.c (above gemmThresholds.wasmMinMacs), else 'js'. */
export function convImplementation(): 'wasm-simd' | 'js' { return wasm ? 'wasm-simd' : 'js'; }

/**
 * Runs a convolution or one of its gradients in the WebAssembly module (kernels/cpu/wasm/
 * conv.c), where the patch matrix is built next to the GEMM that reads it; operands as
 * in ConvProblem (wasm_gemm.ts). Uses the same size thresholds as gemm(): below
 * wasmMinMacs multiply-adds the JS path is used, from parallelMinMacs the blocks of
 * images are shared with the worker threads. Returns false when the caller must run
 * its JS path (no module, TENSORGRAPH_WASM=0, too small, fewer images than threads, or
 * too large for wasm memory).
 */
export function convInWasm(kind: ConvKind, g: Window2D, outC: number,
  first: Float32Array, second: Float32Array, out: Float32Array): boolean {
  if (wasm === null) return false;
  const k = patchWidth(g);
  const macs = g.batch * g.outH * g.outW * k * outC;
  if (k === 0 || macs === 0 || macs < gemmThresholds.wasmMinMacs) return false;
  const parallel = macs >= gemmThresholds.parallelMinMacs && wasm.threadCount > 1;
  // Threads share whole images here; with fewer images than threads (batch-1 inference)
  // the JS path's GEMM, split across the threads by rows of the product, does better.
  if (parallel && g.batch < wasm.threadCount) return false;
  const imagesPerTask = kind === ConvKind.FilterGrad ? Math.ceil(g.batch / FILTER_GRAD_TASKS)
    : parallel ? Math.ceil(g.batch / (wasm.threadCount * TASKS_PER_THREAD)) : g.batch;
  return wasm.conv({ kind, g, outC, imagesPerTask, imagesPerBlock: imagesPerBlock(g), first, second, out }, parallel);
}
