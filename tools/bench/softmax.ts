import { attempt, BenchOptions, log, median, Row, timeMs } from './harness';
import { batchAt, mnistDigits } from './data';
import { softmaxModel } from './models_tensorgraph';
import { tfjsSoftmaxModel } from './models_tfjs';
import { loadTfjs, TfjsBackend } from './peers';

/**
 * Seed 002's training loop: 1000 steps of batch 100 with GradientDescentOptimizer(0.5),
 * feeds included (each step wraps the next batch of the 10,000 digits and feeds it).
 * Reported in seconds per 1000 steps: the median of several loops after a warm-up.
 */
const STEPS = 1000, BATCH = 100;

type StepFn = (xs: Float32Array, ys: Float32Array, batch: number) => void;

function loopSeconds(step: StepFn, steps: number, offset: number): number {
  const data = mnistDigits();
  return timeMs(() => {
    for (let i = 0; i < steps; i++) {
      const { xs, ys } = batchAt(data, offset + i, BATCH);
      step(xs, ys, BATCH);
    }
  }) / 1000;
}

/** Median seconds per 1000 steps over `loops` loops of `steps` steps, after 50 warm-up steps. */
function measure(step: StepFn, loops: number, steps: number, finish: () => void = () => {}): number {
  loopSeconds(step, 50, 0);
  finish();
  const seconds: number[] = [];
  for (let l = 0; l < loops; l++) {
    seconds.push((loopSeconds(step, steps, 50 + l * steps) * STEPS) / steps);
    finish();
  }
  return median(seconds);
}

function tensorgraphSoftmax(quick: boolean): number {
  const model = softmaxModel();
  try {
    return measure(model.step, quick ? 1 : 5, STEPS);
  } finally {
    model.sess.close();
  }
}

async function tfjsSoftmax(backend: TfjsBackend, quick: boolean): Promise<number> {
  const tf = await loadTfjs(backend);
  const model = tfjsSoftmaxModel(tf);
  try {
    // The CPU backend needs about 4 s per 1000 steps: one loop there.
    return measure(model.step, backend === 'cpu' || quick ? 1 : 3, quick && backend === 'cpu' ? 250 : STEPS, model.finish);
  } finally {
    model.dispose();
  }
}

export async function softmaxBenchmarks(options: BenchOptions): Promise<Row[]> {
  log('softmax training: tensorgraph');
  const row: Row = {
    name: '1000 softmax steps, batch 100', unit: 's', higherIsBetter: false,
    tensorgraph: await attempt(() => tensorgraphSoftmax(options.quick)),
    target: 0.3,
    detail: 'GradientDescent 0.5, feeds included; median of loops after 50 warm-up steps',
  };
  if (options.peers) {
    log('softmax training: tfjs-wasm');
    row.tfjsWasm = await attempt(() => tfjsSoftmax('wasm', options.quick));
    log('softmax training: tfjs-cpu');
    row.tfjsCpu = await attempt(() => tfjsSoftmax('cpu', options.quick));
    if (options.quick && row.tfjsCpu.value !== null) row.tfjsCpu.note = '250 steps, scaled to 1000';
  }
  return [row];
}
