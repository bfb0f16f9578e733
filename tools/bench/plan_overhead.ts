import * as tf from '../../lib/index';
import { NDArray } from '../../lib/framework/ndarray';
import { attempt, BenchOptions, log, median, Row, timeMs } from './harness';
import { loadTfjs, TfjsBackend } from './peers';

/**
 * What a run costs beyond its kernels: a cached plan of 10 cheap unary ops on a
 * 4-element tensor, fed a placeholder and fetching the result, so nearly all the time
 * is the session's own (feed checks, plan lookup, kernel dispatch, fetch). The peer
 * figure is the same 10 ops run eagerly in TF.js (tidy + dataSync): TF.js has no plans.
 * Microseconds per run, the median over batches of runs.
 */
const OPS = ['abs', 'square', 'sqrt', 'negative', 'abs', 'sqrt', 'square', 'negative', 'abs', 'sqrt'] as const;

function perRunMicros(run: () => void, runsPerBatch: number, batches: number): number {
  for (let i = 0; i < runsPerBatch; i++) run();
  const times: number[] = [];
  for (let b = 0; b < batches; b++) {
    times.push((timeMs(() => { for (let i = 0; i < runsPerBatch; i++) run(); }) * 1000) / runsPerBatch);
  }
  return median(times);
}

function tensorgraphOverhead(quick: boolean): number {
  const graph = new tf.Graph();
  return graph.as_default(() => {
    const x = tf.placeholder(tf.float32, [4]);
    let y: tf.Tensor = x;
    for (const op of OPS) y = (tf as any)[op](y);
    const sess = new tf.Session({ graph });
    const value = new NDArray(Float32Array.from([1, -2, 3, -4]), [4], 'float32');
    const feed = new Map([[x, value]]);
    sess.run(y, feed);
    const before = sess.stats.kernelCalls;
    sess.run(y, feed);
    const steps = sess.stats.kernelCalls - before;
    if (steps !== OPS.length) throw new Error(`the plan has ${steps} kernel steps, expected ${OPS.length}`);
    return perRunMicros(() => sess.run(y, feed), quick ? 2000 : 10000, quick ? 3 : 7);
  });
}

async function tfjsOverhead(backend: TfjsBackend, quick: boolean): Promise<number> {
  const tfjs = await loadTfjs(backend);
  const names: Record<(typeof OPS)[number], string> = { abs: 'abs', square: 'square', sqrt: 'sqrt', negative: 'neg' };
  const x = tfjs.tensor1d([1, -2, 3, -4]);
  const run = () => {
    const out = tfjs.tidy(() => {
      let y = x;
      for (const op of OPS) y = (tfjs as any)[names[op]](y);
      return y;
    });
    out.dataSync();
    out.dispose();
  };
  try {
    return perRunMicros(run, quick ? 1000 : 5000, quick ? 3 : 7);
  } finally {
    x.dispose();
  }
}

export async function planOverheadBenchmarks(options: BenchOptions): Promise<Row[]> {
  log('cached-plan overhead: tensorgraph');
  const row: Row = {
    name: 'run overhead, 10-op cached plan', unit: 'µs', higherIsBetter: false,
    tensorgraph: await attempt(() => tensorgraphOverhead(options.quick)),
    target: 50,
    detail: 'sess.run of 10 unary ops on 4 floats, fed and fetched; TF.js: the same ops eagerly',
  };
  if (options.peers) {
    log('eager overhead: tfjs-wasm');
    row.tfjsWasm = await attempt(() => tfjsOverhead('wasm', options.quick));
    log('eager overhead: tfjs-cpu');
    row.tfjsCpu = await attempt(() => tfjsOverhead('cpu', options.quick));
  }
  return [row];
}
