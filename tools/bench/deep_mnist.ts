import { attempt, BenchOptions, Cell, log, medianMs, Row, timeMs } from './harness';
import { batchAt, cnnWeights, mnistDigits } from './data';
import { cnnModel } from './models_tensorgraph';
import { tfjsCnnModel } from './models_tfjs';
import { loadTfjs, TfjsBackend } from './peers';

/**
 * One training step of seed 003's CNN: batch 50, dropout 0.5, AdamOptimizer(1e-4),
 * about 4.2 GFLOP (forward 1.4, backward 2.8). Milliseconds per step, the median of
 * several steps after warm-up.
 */
const BATCH = 50;
/** TF.js CPU needs about a minute per step; without --slow-peers the report quotes this. */
const TFJS_CPU_FACTS_MS = 63_200;

function tensorgraphStep(quick: boolean): number {
  const data = mnistDigits();
  const model = cnnModel(cnnWeights());
  let step = 0;
  try {
    return medianMs(() => {
      const { xs, ys } = batchAt(data, step++, BATCH);
      model.trainStep(xs, ys, BATCH);
    }, quick ? 3 : 10, 2);
  } finally {
    model.sess.close();
  }
}

async function tfjsStep(backend: TfjsBackend, quick: boolean): Promise<number> {
  const tf = await loadTfjs(backend);
  const model = tfjsCnnModel(tf, cnnWeights());
  const data = mnistDigits();
  let step = 0;
  const run = () => {
    const { xs, ys } = batchAt(data, step++, BATCH);
    model.trainStep(xs, ys, BATCH);
  };
  try {
    // One step is all the CPU backend can afford (about a minute).
    return backend === 'cpu' ? timeMs(run) : medianMs(run, quick ? 2 : 5, 1);
  } finally {
    model.dispose();
  }
}

export async function deepMnistBenchmarks(options: BenchOptions): Promise<Row[]> {
  log('Deep MNIST training step: tensorgraph');
  const row: Row = {
    name: 'Deep MNIST training step, batch 50', unit: 'ms', higherIsBetter: false,
    tensorgraph: await attempt(() => tensorgraphStep(options.quick)),
    target: 100,
    detail: 'Adam 1e-4, dropout 0.5; median of steps after 2 warm-up steps',
  };
  if (options.peers) {
    log('Deep MNIST training step: tfjs-wasm');
    row.tfjsWasm = unable(await attempt(() => tfjsStep('wasm', options.quick)));
    if (options.slowPeers) {
      log('Deep MNIST training step: tfjs-cpu (one step, about a minute)');
      row.tfjsCpu = await attempt(() => tfjsStep('cpu', options.quick));
      if (row.tfjsCpu.value !== null) row.tfjsCpu.note = 'one step';
    } else {
      row.tfjsCpu = { value: TFJS_CPU_FACTS_MS, note: 'not run: FACTS.md figure (run with --slow-peers)' };
    }
  }
  return [row];
}

/** A peer that lacks a kernel cannot run the model at all: say so plainly. */
function unable(cell: Cell): Cell {
  if (cell.value === null && cell.note && /kernel|not (registered|implemented)|backend/i.test(cell.note)) {
    return { value: null, note: `unable: ${cell.note.replace(/^failed: /, '')}` };
  }
  return cell;
}
