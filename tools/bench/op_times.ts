/**
 * Time per op type in a training step, by timing every CPU kernel call:
 *   node dist/tools/bench/op_times.js [deep_mnist|softmax] [steps]
 * MatMul calls are split by operand shapes and transposes. The timing itself adds
 * about 0.2 us per kernel call, so the "whole step" figure is a little above the
 * untimed one (profile_step.js).
 */
import { kernelRegistry, CpuKernel } from '../../lib/registry/kernel_registry';
import { batchAt, cnnWeights, mnistDigits } from './data';
import { cnnModel, softmaxModel } from './models_tensorgraph';

const totals = new Map<string, { ms: number; calls: number }>();

function keyOf(type: string, inputs: Parameters<CpuKernel>[0], attrs: Record<string, unknown>): string {
  if (type !== 'MatMul') return type;
  return `MatMul ${inputs.map((x) => x.shape.join('x')).join(' by ')}${attrs.transpose_a ? ' (A transposed)' : ''}` +
    `${attrs.transpose_b ? ' (B transposed)' : ''}`;
}

/** Wraps every CPU kernel the sessions resolve from now on with a timer. */
function timeKernels(): void {
  const registry = kernelRegistry();
  const get = registry.get.bind(registry);
  registry.get = (<K>(type: string, backend: string): K | undefined => {
    const kernel = get<CpuKernel>(type, backend);
    if (!kernel || backend !== 'cpu') return kernel as K | undefined;
    const timed: CpuKernel = (inputs, ctx) => {
      const t0 = performance.now();
      try {
        return kernel(inputs, ctx);
      } finally {
        const key = keyOf(type, inputs, ctx.attrs);
        const entry = totals.get(key) ?? { ms: 0, calls: 0 };
        entry.ms += performance.now() - t0;
        entry.calls++;
        totals.set(key, entry);
      }
    };
    return timed as unknown as K;
  }) as typeof registry.get;
}

function main(which: string, steps: number): void {
  timeKernels();
  const data = mnistDigits();
  let step: (i: number) => void;
  let close: () => void;
  if (which === 'softmax') {
    const model = softmaxModel();
    step = (i) => { const { xs, ys } = batchAt(data, i, 100); model.step(xs, ys, 100); };
    close = () => model.sess.close();
  } else {
    const model = cnnModel(cnnWeights());
    step = (i) => { const { xs, ys } = batchAt(data, i, 50); model.trainStep(xs, ys, 50); };
    close = () => model.sess.close();
  }
  const warmup = which === 'softmax' ? 500 : 2;
  for (let i = 0; i < warmup; i++) step(i);
  totals.clear();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step(warmup + i);
  const perStep = (performance.now() - t0) / steps;
  close();
  const unit = which === 'softmax' ? 'us' : 'ms', scale = which === 'softmax' ? 1000 : 1;
  let kernels = 0;
  for (const [key, { ms, calls }] of [...totals].sort((a, b) => b[1].ms - a[1].ms)) {
    kernels += ms;
    console.log(`${key.padEnd(48)} ${((ms / steps) * scale).toFixed(2).padStart(9)} ${unit}/step  ${calls / steps} call(s)`);
  }
  console.log(`kernels ${((kernels / steps) * scale).toFixed(1)} ${unit}/step; whole step ${(perStep * scale).toFixed(1)} ${unit}`);
  process.exit(0);
}

const which = process.argv[2] ?? 'deep_mnist';
if (which !== 'deep_mnist' && which !== 'softmax') throw new Error(`op_times: unknown model '${which}' (deep_mnist or softmax)`);
main(which, Number(process.argv[3] ?? (which === 'softmax' ? 2000 : 8)));
