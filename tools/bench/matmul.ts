import * as tf from '../../lib/index';
import { NDArray } from '../../lib/framework/ndarray';
import { attempt, BenchOptions, log, medianMs, Row } from './harness';
import { uniformValues } from './data';
import { loadTfjs, TfjsBackend } from './peers';
import { gemm, gemmThreadCount, setGemmThreadCount, startGemmWorkers } from '../../kernels/cpu/gemm';

/**
 * Square matmul n x n x n on each side, through each framework's public API: a
 * tensorgraph session fetching tf.matmul of two constants, TF.js's tf.matMul with
 * dataSync. GFLOP/s = 2n^3 / median time.
 */
const SIZES = [256, 512, 1024];

function runs(n: number, quick: boolean): number {
  const full = n <= 256 ? 30 : n <= 512 ? 15 : 6;
  return quick ? Math.max(3, full / 3) : full;
}

const gflops = (n: number, ms: number) => (2 * n ** 3) / (ms * 1e6);

function tensorgraphMatmul(n: number, quick: boolean): number {
  const a = uniformValues(n * n, 1), b = uniformValues(n * n, 2);
  const graph = new tf.Graph();
  return graph.as_default(() => {
    const product = tf.matmul(tf.constant(new NDArray(a, [n, n], 'float32')), tf.constant(new NDArray(b, [n, n], 'float32')));
    const sess = new tf.Session({ graph });
    return gflops(n, medianMs(() => sess.run(product), runs(n, quick), 2));
  });
}

async function tfjsMatmul(backend: TfjsBackend, n: number, quick: boolean): Promise<number> {
  const tfjs = await loadTfjs(backend);
  const a = tfjs.tensor2d(uniformValues(n * n, 1), [n, n]), b = tfjs.tensor2d(uniformValues(n * n, 2), [n, n]);
  // The CPU backend needs seconds per 1024 product: fewer runs there.
  const count = backend === 'cpu' ? (quick ? 1 : n >= 1024 ? 2 : 3) : runs(n, quick);
  const ms = medianMs(() => {
    const c = tfjs.matMul(a, b);
    c.dataSync();
    c.dispose();
  }, count, 1);
  a.dispose();
  b.dispose();
  return gflops(n, ms);
}

/**
 * The GEMM kernel alone (kernels/cpu/gemm.ts, no session), on one thread and on all:
 * shows what the second core adds on this machine at the time of the run, and the
 * narrow product of the softmax model's forward pass.
 */
function kernelGflops(m: number, n: number, k: number, threads: number, quick: boolean): number {
  const saved = gemmThreadCount();
  setGemmThreadCount(threads);
  startGemmWorkers();
  try {
    const a = uniformValues(m * k, 1), b = uniformValues(k * n, 2), out = new Float32Array(m * n);
    const reps = Math.max(1, Math.round(2e7 / (m * n * k)));
    const ms = medianMs(() => { for (let r = 0; r < reps; r++) gemm(m, n, k, a, false, b, false, out); }, quick ? 5 : 15, 2);
    return (2 * m * n * k * reps) / (ms * 1e6);
  } finally {
    setGemmThreadCount(saved);
  }
}

async function kernelRows(quick: boolean): Promise<Row[]> {
  const threads = gemmThreadCount();
  const shapes: [number, number, number, number, string][] = [
    [512, 512, 512, 1, 'gemm kernel 512, 1 thread'],
    [512, 512, 512, threads, `gemm kernel 512, ${threads} threads`],
    [100, 10, 784, 1, 'gemm kernel 100x10x784 (softmax forward)'],
  ];
  const rows: Row[] = [];
  for (const [m, n, k, t, name] of shapes) {
    rows.push({
      name, unit: 'GFLOP/s', higherIsBetter: true,
      tensorgraph: await attempt(() => kernelGflops(m, n, k, t, quick)),
      detail: 'gemm() called directly (copies into wasm memory included); median',
    });
  }
  return rows;
}

export async function matmulBenchmarks(options: BenchOptions): Promise<Row[]> {
  const rows: Row[] = [];
  for (const n of SIZES) {
    log(`matmul ${n}: tensorgraph`);
    const row: Row = {
      name: `matmul ${n}x${n}x${n}`, unit: 'GFLOP/s', higherIsBetter: true,
      tensorgraph: await attempt(() => tensorgraphMatmul(n, options.quick)),
      target: n === 512 ? 40 : undefined,
      detail: 'session run of tf.matmul on two constants; median',
    };
    if (options.peers) {
      log(`matmul ${n}: tfjs-wasm`);
      row.tfjsWasm = await attempt(() => tfjsMatmul('wasm', n, options.quick));
      log(`matmul ${n}: tfjs-cpu`);
      row.tfjsCpu = await attempt(() => tfjsMatmul('cpu', n, options.quick));
    }
    rows.push(row);
  }
  log('gemm kernel alone');
  rows.push(...(await kernelRows(options.quick)));
  return rows;
}
