/**
 * The demo page (examples/web/index.html), bundled by tools/build_web.ts into
 * dist/web/demo.js with the library left as the separate module ./tensorgraph.esm.js.
 * Tab 1: draw a digit; the Deep MNIST CNN predicts it on every stroke. Tab 2: softmax
 * regression trained in the page with a live loss chart. window.tensorgraphDemo lets
 * spec/browser.spec.ts and tools/bench/browser.ts drive the same code paths.
 */
import * as tf from '../../lib/browser';
import { DigitPad } from './digit_pad';
import { drawLossChart } from './loss_chart';
import { CnnPredictor, Digits, fetchDigits, SoftmaxTrainer } from './models';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const deviceSelect = $<HTMLSelectElement>('device');
const backendLabel = $('backend');
const modelUrl = new URL('model/', location.href).href;

const predictors = new Map<string, Promise<CnnPredictor>>();
const predictor = (device: string) => {
  if (!predictors.has(device)) predictors.set(device, CnnPredictor.load(device, modelUrl));
  return predictors.get(device)!;
};
const trainDigits = fetchDigits('data/mnist_train.bin');
const testDigits = fetchDigits('data/mnist_test.bin');

// --- Tabs
for (const tab of document.querySelectorAll<HTMLButtonElement>('.tab')) {
  tab.addEventListener('click', () => {
    document.querySelectorAll('.tab, .panel').forEach((e) => e.classList.remove('active'));
    tab.classList.add('active');
    $(tab.dataset.tab!).classList.add('active');
  });
}

// --- Probability bars
const bars = $('bars');
const barFills: HTMLDivElement[] = [], barValues: HTMLSpanElement[] = [];
for (let d = 0; d < 10; d++) {
  const bar = document.createElement('div');
  bar.className = 'bar';
  const fill = document.createElement('div');
  bar.append(fill);
  const value = document.createElement('span');
  bars.append(Object.assign(document.createElement('span'), { textContent: String(d) }), bar, value);
  barFills.push(fill);
  barValues.push(value);
}

let last: { predicted: number; probabilities: number[] } | null = null;
function showProbabilities(p: ArrayLike<number> | null): void {
  const probabilities = p ? Array.from(p) : new Array(10).fill(0);
  const predicted = p ? probabilities.indexOf(Math.max(...probabilities)) : -1;
  probabilities.forEach((v, d) => {
    barFills[d].style.width = `${(v * 100).toFixed(1)}%`;
    barFills[d].parentElement!.classList.toggle('top', d === predicted);
    barValues[d].textContent = p ? v.toFixed(3) : '';
  });
  $('prediction').textContent = p ? String(predicted) : '–';
  last = p ? { predicted, probabilities } : null;
}
showProbabilities(null);

// --- Drawing and prediction
/** ', N threads' when the CPU backend has Web Workers (a cross-origin isolated page), else 'on the main thread'. */
function cpuThreads(): string {
  tf.startCpuWorkers(); // starts them now (or finds there are none), without waiting for them
  const threads = tf.cpuThreadCount();
  return threads > 1 ? `, ${threads} threads` : ' on the main thread';
}

async function describe(p: CnnPredictor): Promise<string> {
  const cpu = p.device.startsWith('cpu') ? ` · kernels ${tf.cpuKernelImplementation()}${cpuThreads()}` : '';
  return `${p.device}${cpu} · ${self.crossOriginIsolated ? 'cross-origin isolated' : 'not isolated'}`;
}

async function predictPad(): Promise<void> {
  const pixels = pad.toMnist();
  if (!pixels.some((v) => v > 0)) { showProbabilities(null); return; }
  const p = await predictor(deviceSelect.value);
  const started = performance.now();
  const probabilities = p.predict(pixels);
  $('timing').textContent = `${(performance.now() - started).toFixed(1)} ms on ${p.device.split(' ')[0]}`;
  showProbabilities(probabilities);
}

const pad = new DigitPad($<HTMLCanvasElement>('canvas'), () => { void predictPad(); });
$('clear').addEventListener('click', () => { pad.clear(); showProbabilities(null); });

async function useDevice(device: string): Promise<string> {
  deviceSelect.value = device;
  backendLabel.textContent = 'loading the model…';
  const description = await describe(await predictor(device));
  backendLabel.textContent = description;
  trainer = null;
  await predictPad();
  return description;
}
deviceSelect.addEventListener('change', () => { void useDevice(deviceSelect.value); });

// --- Training tab
let trainer: SoftmaxTrainer | null = null;
const losses: number[] = [];
const nextFrame = () => new Promise((r) => requestAnimationFrame(r));

async function train(steps: number, batch = 100): Promise<{ losses: number[]; accuracy: number; device: string; msPerStep: number }> {
  const [digits, test] = await Promise.all([trainDigits, testDigits]);
  if (trainer === null) { trainer = new SoftmaxTrainer(deviceSelect.value); losses.length = 0; }
  // Switching the backend mid-run starts the next run afresh; this one finishes where it began.
  const model = trainer;
  const status = $('train-status');
  let seconds = 0;
  for (let done = 0; done < steps;) {
    const chunk = Math.min(10, steps - done);
    const started = performance.now();
    for (let i = 0; i < chunk; i++, done++) losses.push(model.step(digits, losses.length * batch, batch));
    seconds += (performance.now() - started) / 1000;
    drawLossChart($<HTMLCanvasElement>('loss-chart'), losses);
    status.textContent = `step ${losses.length}: loss ${losses[losses.length - 1].toFixed(3)} on ${model.device.split(' ')[0]}`;
    await nextFrame();
  }
  const accuracy = model.evaluate(test);
  status.textContent += ` · test accuracy ${accuracy.toFixed(3)} · ${((seconds / steps) * 1000).toFixed(1)} ms a step`;
  return { losses: losses.slice(), accuracy, device: model.device, msPerStep: (seconds / steps) * 1000 };
}
$('train-button').addEventListener('click', () => { void train(200); });

// --- Hooks for the browser test and the benchmark
async function paintTestDigit(index: number) {
  const test = await testDigits;
  pad.clear();
  pad.paint(test.images.subarray(index * 784, (index + 1) * 784));
  await predictPad();
  return { label: test.labels[index], ...last! };
}

async function benchInference(images: number, batch = 1): Promise<number> {
  const [p, test] = await Promise.all([predictor(deviceSelect.value), testDigits]);
  p.predict(test.images.subarray(0, batch * 784)); // warm-up: compiles the kernels
  const started = performance.now();
  for (let i = 0; i < images / batch; i++) p.predict(test.images.subarray(i * batch * 784, (i + 1) * batch * 784));
  return (performance.now() - started) / images;
}

(window as unknown as { tensorgraphDemo: object }).tensorgraphDemo = {
  ready: useDevice(''),
  useDevice,
  paintTestDigit,
  lastPrediction: () => last,
  train,
  resetTraining: () => { trainer = null; },
  benchInference,
  crossOriginIsolated: self.crossOriginIsolated,
  /** The CPU backend's threads and its workers ready now (tests wait for them and switch threads off and on). */
  cpuThreads: () => ({ threads: tf.cpuThreadCount(), readyWorkers: tf.startCpuWorkers() }),
  setCpuThreads: (n: number) => tf.setCpuThreadCount(n),
};
