/**
 * Browser figures (npm run bench:web, after npm run build:web): the demo page in headless
 * Chromium (Debian's chromium through puppeteer-core, WebGL on SwiftShader), on each
 * backend: Deep MNIST inference per image (batch 1, and batches of 50), and a softmax
 * regression training step (batch 100, feeds included), beside the same figures in Node
 * on this machine's CPU backend. The CPU backend runs twice: with its Web Workers (the
 * page is cross-origin isolated) and on the main thread alone. Prints a Markdown table
 * for BENCHMARKS.md. --cpu-only: only the two CPU rows (no gpu.js, no Node; about 1 min).
 *   node dist/tools/bench/browser.js [--images 40] [--cpu-only]
 */
import * as os from 'os';
import * as path from 'path';
import * as tf from '../../lib/index';
import { NDArray } from '../../lib/framework/ndarray';
import { buildDemo, buildLibrary, WEB_DIR } from '../build_web';
import { ensureWebModel, MODEL_DIR } from '../web_model';
import { startWebServer } from '../web_server';
import { launchChromium } from '../../spec/helpers/chromium';

interface Hooks {
  ready: Promise<string>;
  useDevice(d: string): Promise<string>;
  benchInference(images: number, batch?: number): Promise<number>;
  train(steps: number): Promise<{ msPerStep: number }>;
  resetTraining(): void;
  cpuThreads(): { threads: number; readyWorkers: number };
  setCpuThreads(n: number): void;
}
declare const window: { tensorgraphDemo: Hooks };

interface Figures { inference1: number; inference50: number; softmaxStep: number; backend: string }

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A row of the browser table: a device, and for the CPU the threads (0: the page's default). */
interface BrowserRun { label: string; device: string; threads: number }

async function browserFigures(images: number, cpuOnly: boolean): Promise<Record<string, Figures>> {
  const server = await startWebServer(WEB_DIR);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}index.html`);
    await page.evaluate(() => window.tensorgraphDemo.ready);
    const defaultThreads = await page.evaluate(() => window.tensorgraphDemo.cpuThreads().threads);
    const runs: BrowserRun[] = [{ label: 'cpu', device: 'cpu', threads: defaultThreads }, { label: 'cpu-1', device: 'cpu', threads: 1 }];
    if (!cpuOnly) runs.push({ label: 'gpu', device: 'gpu', threads: defaultThreads });
    const out: Record<string, Figures> = {};
    for (const { label, device, threads } of runs) {
      await page.evaluate((n) => window.tensorgraphDemo.setCpuThreads(n), threads);
      const backend = await page.evaluate((d) => window.tensorgraphDemo.useDevice(d), device);
      // Measure with every worker up (they boot in the background after useDevice starts them).
      await page.waitForFunction((n) => window.tensorgraphDemo.cpuThreads().readyWorkers >= n, { timeout: 10_000 }, threads - 1);
      const median3 = async (f: () => Promise<number>) => median([await f(), await f(), await f()]);
      const inference1 = await median3(() => page.evaluate((n) => window.tensorgraphDemo.benchInference(n, 1), images));
      // SwiftShader takes about 20 s per batch of 50: one batch there.
      const batched = device === 'gpu' ? 50 : images * 5;
      const inference50 = await median3(() => page.evaluate((n) => window.tensorgraphDemo.benchInference(n, 50), batched));
      const softmaxStep = await median3(() => page.evaluate(async () => {
        window.tensorgraphDemo.resetTraining();
        await window.tensorgraphDemo.train(20); // warm-up: kernels compiled, buffers pooled
        return (await window.tensorgraphDemo.train(100)).msPerStep;
      }));
      out[label] = { inference1, inference50, softmaxStep, backend };
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The same model and the same softmax step in Node's CPU backend (2 threads by default). */
function nodeFigures(images: number): Figures {
  return new tf.Graph().as_default(() => {
    const sess = tf.Session();
    const meta = tf.saved_model.loader.load(sess, ['serve'], MODEL_DIR);
    const sig = meta.signature_def.predict;
    const xs = new Float32Array(images * 5 * 784).map((_, i) => (i % 7) / 7);
    const predict = (from: number, n: number) => sess.run(sig.outputs.probabilities.name, {
      [sig.inputs.x.name]: new NDArray(xs.subarray(from * 784, (from + n) * 784), [n, 784], 'float32'), [sig.inputs.keep_prob.name]: 1,
    });
    const perImage = (n: number, batch: number) => {
      predict(0, batch);
      const started = performance.now();
      for (let i = 0; i < n / batch; i++) predict(i * batch, batch);
      return (performance.now() - started) / n;
    };
    const inference1 = median([0, 1, 2].map(() => perImage(images, 1)));
    const inference50 = median([0, 1, 2].map(() => perImage(images * 5, 50)));
    const softmaxStep = new tf.Graph().as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 784]);
      const labels = tf.placeholder(tf.int32, [null]);
      const logits = tf.add(tf.matmul(x, tf.Variable(tf.zeros([784, 10]))), tf.Variable(tf.zeros([10])));
      const step = tf.train.GradientDescentOptimizer(0.5).minimize(tf.losses.sparse_softmax_cross_entropy({ labels, logits }));
      const s = tf.Session();
      s.run(tf.global_variables_initializer());
      const feed = new Map<tf.Tensor, NDArray>([[x, new NDArray(xs.slice(0, 100 * 784), [100, 784], 'float32')],
        [labels, new NDArray(Int32Array.from({ length: 100 }, (_, i) => i % 10), [100], 'int32')]]);
      for (let i = 0; i < 20; i++) s.run(step, feed);
      return median([0, 1, 2].map(() => {
        const started = performance.now();
        for (let i = 0; i < 100; i++) s.run(step, feed);
        return (performance.now() - started) / 100;
      }));
    });
    return { inference1, inference50, softmaxStep, backend: sess.device };
  });
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--images');
  const images = i >= 0 ? Number(process.argv[i + 1]) : 40;
  const cpuOnly = process.argv.includes('--cpu-only');
  ensureWebModel();
  await buildLibrary();
  await buildDemo();
  const started = Date.now();
  const browser = await browserFigures(images, cpuOnly);
  const node = cpuOnly ? null : nodeFigures(images);
  const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
  console.log(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by npm run bench:web ` +
    `(${((Date.now() - started) / 1000).toFixed(0)} s); ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ` +
    `load ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}; ${path.basename('/usr/bin/chromium')} headless.\n`);
  console.log('| where | backend | Deep MNIST inference, batch 1 | Deep MNIST inference, batch 50 | softmax training step, batch 100 |');
  console.log('| --- | --- | --- | --- | --- |');
  const row = (where: string, f: Figures) =>
    console.log(`| ${where} | ${f.backend} | ${ms(f.inference1)} ms/image | ${ms(f.inference50)} ms/image | ${ms(f.softmaxStep)} ms |`);
  row('Chromium', browser.cpu);
  row('Chromium', browser['cpu-1']);
  if (browser.gpu) row('Chromium', browser.gpu);
  if (node) row('Node', node);
}

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
