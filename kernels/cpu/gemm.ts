import * as os from 'os';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { createWasmGemm } from './wasm/wasm_gemm';
import type { RunInfo } from '../../lib/registry/kernel_registry';

/**
 * When a product is worth the WebAssembly kernel or the worker threads, in multiply-adds
 * (m·n·k). Below wasmMinMacs the copies in and out of wasm memory cost more than the JS
 * loop loses; below parallelMinMacs waking a worker (tens of µs) costs more than half
 * the product saves. Measured on a 2-core x86 (see BENCHMARKS.md); writable for tests.
 */
export const gemmThresholds = { wasmMinMacs: 256, parallelMinMacs: 1 << 21 };

const wasm = createWasmGemm();
wasm?.setThreadCount(defaultThreadCount());

function defaultThreadCount(): number {
  const fromEnv = Number(process.env.TENSORGRAPH_NUM_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  return Math.max(1, Math.min(8, os.availableParallelism?.() ?? os.cpus().length));
}

/** 'wasm-simd' when the WebAssembly kernel is in use, else 'js'. */
export function gemmImplementation(): 'wasm-simd' | 'js' { return wasm ? 'wasm-simd' : 'js'; }

/** Threads used for large products, the calling thread included (1 without the wasm kernel). */
export function gemmThreadCount(): number { return wasm?.threadCount ?? 1; }

/** Sets the threads for large products (env TENSORGRAPH_NUM_THREADS sets the default: the core count, at most 8). */
export function setGemmThreadCount(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new InvalidArgumentError(`gemm thread count must be a positive integer; got ${threads}`);
  }
  wasm?.setThreadCount(threads);
}

/**
 * Starts the worker threads now and waits until they are ready (at most timeoutMs);
 * returns how many are. Without this they start at the first large product, which
 * runs on the calling thread alone while they boot.
 */
export function startGemmWorkers(timeoutMs = 10_000): number { return wasm?.startWorkers(timeoutMs) ?? 0; }

/**
 * out[m×n] = op(A)·op(B) on float32 row-major data, or out += op(A)·op(B) when
 * accumulate. op(A) is A (m×k), or Aᵀ when transA (A stored k×m); likewise B (k×n, or
 * n×k stored when transB). Large products run in the WebAssembly SIMD kernel, split
 * across worker threads when larger still; small ones in a JS loop. run: the kernel's
 * run (ctx.run), within which the copy of an A that is one of its feeds is reused.
 */
export function gemm(m: number, n: number, k: number, a: Float32Array, transA: boolean, b: Float32Array,
  transB: boolean, out: Float32Array, accumulate = false, run: RunInfo | null = null): void {
  checkSizes(m, n, k, a, b, out);
  if (m === 0 || n === 0) return;
  const macs = m * n * k;
  if (wasm !== null && macs >= gemmThresholds.wasmMinMacs &&
    wasm.run(m, n, k, a, transA, b, transB, out, accumulate, macs >= gemmThresholds.parallelMinMacs, run)) {
    return;
  }
  gemmJs(m, n, k, a, transA, b, transB, out, accumulate);
}

function checkSizes(m: number, n: number, k: number, a: Float32Array, b: Float32Array, out: Float32Array): void {
  if (a.length < m * k || b.length < k * n || out.length < m * n) {
    throw new InvalidArgumentError(`gemm: operands too short for a ${m}x${k} by ${k}x${n} product ` +
      `(A has ${a.length} values, B ${b.length}, out ${out.length})`);
  }
}

/**
 * The JS loop. The loop order keeps the inner loop on contiguous rows of B and out,
 * which V8 turns into tight code. It skips no zeros, so 0·Inf gives NaN as in the
 * wasm kernel.
 */
export function gemmJs(m: number, n: number, k: number,
  a: Float32Array, transA: boolean, b: Float32Array, transB: boolean, out: Float32Array, accumulate = false): void {
  if (!accumulate) out.fill(0, 0, m * n);
  const bt = transB ? transpose(b, n, k) : b;
  for (let i = 0; i < m; i++) {
    const orow = i * n;
    for (let p = 0; p < k; p++) {
      const av = transA ? a[p * m + i] : a[i * k + p];
      const brow = p * n;
      for (let j = 0; j < n; j++) out[orow + j] += av * bt[brow + j];
    }
  }
}

/** rows×cols row-major -> cols×rows. */
export function transpose(x: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = x[r * cols + c];
  return out;
}
