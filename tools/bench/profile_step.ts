/**
 * Times (and, under `node --cpu-prof`, profiles) Deep MNIST training steps and
 * softmax steps alone, without the peers:
 *   node [--cpu-prof] dist/tools/bench/profile_step.js [deep_mnist|softmax] [steps]
 */
import { batchAt, cnnWeights, mnistDigits } from './data';
import { cnnModel, softmaxModel } from './models_tensorgraph';
import { median } from './harness';

function main(which: string, steps: number): void {
  const data = mnistDigits();
  const times: number[] = [];
  /** Process CPU time per step (all threads): less moved by other processes' load than wall time. */
  const cpu: number[] = [];
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  if (which === 'softmax') {
    const model = softmaxModel();
    let step = 0;
    for (let loop = 0; loop < steps; loop++) {
      const t0 = performance.now(), c0 = cpuMs();
      for (let i = 0; i < 1000; i++) {
        const { xs, ys } = batchAt(data, step++, 100);
        model.step(xs, ys, 100);
      }
      times.push(performance.now() - t0);
      cpu.push(cpuMs() - c0);
    }
    model.sess.close();
  } else {
    const model = cnnModel(cnnWeights());
    for (let step = 0; step < steps + 2; step++) {
      const { xs, ys } = batchAt(data, step, 50);
      const t0 = performance.now(), c0 = cpuMs();
      model.trainStep(xs, ys, 50);
      if (step >= 2) { times.push(performance.now() - t0); cpu.push(cpuMs() - c0); }
    }
    model.sess.close();
  }
  console.log(`${which}: median ${median(times).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms CPU, over ${times.length} (${times.map((t) => t.toFixed(0)).join(' ')})`);
  process.exit(0);
}

main(process.argv[2] ?? 'deep_mnist', Number(process.argv[3] ?? 10));
