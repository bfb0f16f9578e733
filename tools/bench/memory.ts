import { fork } from 'child_process';
import { attempt, BenchOptions, log, Row } from './harness';
import { batchAt, cnnWeights, mnistDigits } from './data';
import { cnnModel, softmaxModel } from './models_tensorgraph';

/**
 * Memory, measured in a child process that loads tensorgraph only (TF.js in the main
 * process would blur the figures): RSS and V8 heap after 1,000 softmax training steps
 * and again after 10,000 (after a full GC each time), so growth per step shows any
 * leak; then a few Deep MNIST training steps; then the child's peak RSS.
 */
const WARM_STEPS = 1000, TOTAL_STEPS = 10_000, CNN_STEPS = 5;

export interface MemoryReport {
  rssWarm: number;
  rssEnd: number;
  heapWarm: number;
  heapEnd: number;
  peakRssSoftmax: number;
  peakRssCnn: number | null;
  cnnError?: string;
}

const MB = 2 ** 20;

/** The child's side: runs the steps and sends a MemoryReport to the parent. */
export function memoryChild(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the memory child needs --expose-gc');
  const settle = () => { gc(); gc(); };
  const data = mnistDigits();
  const model = softmaxModel();
  for (let i = 0; i < WARM_STEPS; i++) { const b = batchAt(data, i, 100); model.step(b.xs, b.ys, 100); }
  settle();
  const rssWarm = process.memoryUsage().rss, heapWarm = process.memoryUsage().heapUsed;
  for (let i = WARM_STEPS; i < TOTAL_STEPS; i++) { const b = batchAt(data, i, 100); model.step(b.xs, b.ys, 100); }
  settle();
  const rssEnd = process.memoryUsage().rss, heapEnd = process.memoryUsage().heapUsed;
  const peakRssSoftmax = process.resourceUsage().maxRSS * 1024;
  model.sess.close();
  let peakRssCnn: number | null = null, cnnError: string | undefined;
  try {
    const cnn = cnnModel(cnnWeights());
    for (let i = 0; i < CNN_STEPS; i++) { const b = batchAt(data, i, 50); cnn.trainStep(b.xs, b.ys, 50); }
    peakRssCnn = process.resourceUsage().maxRSS * 1024;
  } catch (e) {
    cnnError = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
  }
  const report: MemoryReport = { rssWarm, rssEnd, heapWarm, heapEnd, peakRssSoftmax, peakRssCnn, cnnError };
  process.send!(report, () => process.exit(0));
}

function runChild(): Promise<MemoryReport> {
  return new Promise((resolve, reject) => {
    // process.execArgv carries tsx's loader when the bench runs from source.
    const child = fork(require.main!.filename, ['--child', 'memory'], {
      execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: MemoryReport | null = null;
    child.on('message', (m) => { report = m as MemoryReport; });
    child.on('error', reject);
    child.on('exit', (code) => (report ? resolve(report) : reject(new Error(`memory child exited with code ${code}`))));
  });
}

export async function memoryBenchmarks(_options: BenchOptions): Promise<Row[]> {
  log(`memory: ${TOTAL_STEPS} softmax steps and ${CNN_STEPS} Deep MNIST steps in a child process`);
  let report: MemoryReport | null = null;
  const failure = await attempt(async () => { report = await runChild(); return 0; });
  const cell = (pick: (r: MemoryReport) => number | null, note?: (r: MemoryReport) => string | undefined) =>
    report === null ? failure : { value: pick(report), note: note?.(report) };
  const perStep = (a: number, b: number) => (b - a) / (TOTAL_STEPS - WARM_STEPS);
  return [
    {
      name: `RSS after ${WARM_STEPS} / ${TOTAL_STEPS} softmax steps`, unit: 'MB', higherIsBetter: false,
      tensorgraph: cell((r) => r.rssEnd / MB, (r) => `${(r.rssWarm / MB).toFixed(1)} MB after ${WARM_STEPS}; ` +
        `${perStep(r.rssWarm, r.rssEnd).toFixed(1)} B/step`),
      detail: 'after a full GC; the figure is the RSS at the end',
    },
    {
      name: `heap used after ${WARM_STEPS} / ${TOTAL_STEPS} softmax steps`, unit: 'MB', higherIsBetter: false,
      tensorgraph: cell((r) => r.heapEnd / MB, (r) => `${(r.heapWarm / MB).toFixed(1)} MB after ${WARM_STEPS}; ` +
        `${perStep(r.heapWarm, r.heapEnd).toFixed(1)} B/step`),
      detail: 'V8 heap after a full GC',
    },
    {
      name: 'peak RSS, softmax training', unit: 'MB', higherIsBetter: false,
      tensorgraph: cell((r) => r.peakRssSoftmax / MB),
      detail: 'child process: tensorgraph and the 10,000 digits only',
    },
    {
      name: `peak RSS, + ${CNN_STEPS} Deep MNIST steps`, unit: 'MB', higherIsBetter: false,
      tensorgraph: cell((r) => (r.peakRssCnn === null ? null : r.peakRssCnn / MB), (r) => r.cnnError && `failed: ${r.cnnError}`),
      detail: 'same child process, after the softmax run',
    },
  ];
}
