/**
 * Times Conv2D and its two gradient ops on Deep MNIST's layer shapes (batch 50):
 *   layer 1: [50,28,28,1] * [5,5,1,32] SAME;  layer 2: [50,14,14,32] * [5,5,32,64] SAME.
 * Each op runs in a session on fed inputs; the median of several runs is reported.
 * Run: npx tsx tools/bench/conv.ts [--runs N]  (or node dist/tools/bench/conv.js after tsc)
 */
import * as os from 'os';
import * as tf from '../../lib/index';
import { NDArray } from '../../lib/framework/ndarray';
import { Xoshiro128 } from '../../lib/framework/random';
import { gemmImplementation, gemmThreadCount, startGemmWorkers } from '../../kernels/cpu/gemm';
import { convImplementation } from '../../kernels/cpu/conv_wasm';

/**
 * Wall times (median, min) and the process CPU time per run (all threads). On a shared,
 * loaded machine wall time includes waiting for a core; with one gemm thread
 * (TENSORGRAPH_NUM_THREADS=1) CPU time is what a run costs on an idle core.
 */
export interface ConvBenchRow { layer: string; op: string; gflop: number; medianMs: number; minMs: number; cpuMs: number }

function randomNDArray(shape: number[], seed: number): NDArray {
  const rng = new Xoshiro128(seed, 1);
  const a = NDArray.zeros(shape);
  for (let i = 0; i < a.size; i++) a.data[i] = rng.uniform() * 2 - 1;
  return a;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function benchConv(runs = 7): ConvBenchRow[] {
  const layers = [
    { layer: 'conv1 [50,28,28,1]*[5,5,1,32]', x: [50, 28, 28, 1], w: [5, 5, 1, 32] },
    { layer: 'conv2 [50,14,14,32]*[5,5,32,64]', x: [50, 14, 14, 32], w: [5, 5, 32, 64] },
  ];
  const rows: ConvBenchRow[] = [];
  for (const l of layers) {
    const g = new tf.Graph();
    g.as_default(() => {
      const strides = [1, 1, 1, 1];
      const x = tf.placeholder('float', l.x), w = tf.placeholder('float', l.w);
      const dyShape = [l.x[0], l.x[1], l.x[2], l.w[3]];
      const dy = tf.placeholder('float', dyShape);
      const ops: [string, tf.Tensor][] = [
        ['Conv2D (forward)', tf.nn.conv2d(x, w, strides, 'SAME')],
        ['Conv2DBackpropInput', tf.nn.conv2d_backprop_input(l.x, w, dy, strides, 'SAME')],
        ['Conv2DBackpropFilter', tf.nn.conv2d_backprop_filter(x, l.w, dy, strides, 'SAME')],
      ];
      const feed = new Map<tf.Tensor, NDArray>([[x, randomNDArray(l.x, 1)], [w, randomNDArray(l.w, 2)], [dy, randomNDArray(dyShape, 3)]]);
      const sess = new tf.Session({ graph: g, config: { device: 'cpu' } });
      const flop = 2 * l.x[0] * l.x[1] * l.x[2] * l.w[0] * l.w[1] * l.w[2] * l.w[3];
      for (const [name, t] of ops) {
        sess.run(t, feed); // warm-up: plan compilation, scratch buffers, JIT
        const times: number[] = [], cpu: number[] = [];
        for (let r = 0; r < runs; r++) {
          const c0 = process.cpuUsage();
          const t0 = process.hrtime.bigint();
          sess.run(t, feed);
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
          const c = process.cpuUsage(c0);
          cpu.push((c.user + c.system) / 1000);
        }
        rows.push({ layer: l.layer, op: name, gflop: flop / 1e9, medianMs: median(times), minMs: Math.min(...times), cpuMs: median(cpu) });
      }
      sess.close();
    });
  }
  return rows;
}

if (require.main === module) {
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 7;
  const workers = startGemmWorkers();
  console.log(`conv: ${convImplementation()}; gemm: ${gemmImplementation()}, ${gemmThreadCount()} thread(s) ` +
    `(${workers} worker(s) ready); ${runs} runs; ` +
    `${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('| layer | op | GFLOP | wall median ms | wall min ms | CPU ms (median) | GFLOP/s (wall median) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of benchConv(runs)) {
    console.log(`| ${r.layer} | ${r.op} | ${r.gflop.toFixed(3)} | ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)} | ` +
      `${r.cpuMs.toFixed(1)} | ${(r.gflop / (r.medianMs / 1000)).toFixed(1)} |`);
  }
  process.exit(0);
}
