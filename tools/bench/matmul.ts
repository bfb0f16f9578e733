import * as tf from '../../lib/index';
import { NDArray } from '../../lib/framework/ndarray';
import { attempt, BenchOptions, log, medianMs, Row } from './harness';
import { uniformValues } from './data';
import { loadTfjs, TfjsBackend } from './peers';

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
  return rows;
}
