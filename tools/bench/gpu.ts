/**
 * The gpu backend beside the CPU backend: per-op times and per-training-step times,
 * with what each gpu step moved and compiled (the counters prove a training loop
 * reads back only the loss, uploads only the feeds and compiles nothing).
 *
 *   xvfb-run -a npx tsx tools/bench/gpu.ts [--quick] [--batch N] [--out file.md]
 *
 * Under xvfb-run on a machine without a GPU, gpu.js runs on Mesa's software GL
 * (llvmpipe): the figures then measure the design's overheads, not a GPU. Without
 * any GL context it measures gpu.js's webasm mode instead, and says so.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as tf from '../../lib/index';
import { NDArray } from '../../lib/framework/ndarray';
import { Xoshiro128 } from '../../lib/framework/random';
import { probeGl, GpuBackend } from '../../lib/gpu/index';

interface Args { quick: boolean; batch: number; out: string | null; reps: number }

function parseArgs(argv: string[]): Args {
  const a: Args = { quick: false, batch: 50, out: null, reps: 5 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quick') { a.quick = true; a.batch = 10; a.reps = 3; }
    else if (argv[i] === '--batch') a.batch = Number(argv[++i]);
    else if (argv[i] === '--out') a.out = argv[++i];
    else if (argv[i] === '--reps') a.reps = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (use --quick, --batch N, --reps N, --out file.md)`);
  }
  return a;
}

function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function randomArray(shape: number[], seed: number, scale = 1): NDArray {
  const rng = new Xoshiro128(seed, 5);
  const n = shape.reduce((p, d) => p * d, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = (rng.uniform() * 2 - 1) * scale;
  return new NDArray(data, shape, 'float32');
}

const gl = probeGl();
const GPU_DEVICE = gl ? 'gpu' : 'gpu-webasm';

interface Result { name: string; cpuMs: number; gpuMs: number; note: string }

/** Runs `fetch` reps times after a warm-up and returns the median ms; a gpu run waits for the device before the clock stops. */
function timeRuns(sess: tf.Session, fetch: unknown, feed: Map<tf.Tensor, NDArray> | undefined, reps: number): number {
  const backend = sess.backend instanceof GpuBackend ? sess.backend : null;
  sess.run(fetch, feed);
  backend?.device.finish();
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    sess.run(fetch, feed);
    backend?.device.finish();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * One op on inputs held in variables (already on the device for the gpu), fetched as an
 * operation so nothing is read back: the time is the op's own.
 */
function opBench(name: string, inputs: NDArray[], build: (xs: tf.Tensor[]) => tf.Tensor, reps: number): Result {
  const g = new tf.Graph();
  return g.as_default(() => {
    const vars = inputs.map((v) => tf.Variable(tf.constant(v), { trainable: false } as any));
    const y = build(vars.map((v) => v.value()));
    const timeOn = (device: string) => {
      const sess = new tf.Session({ graph: g, config: { device } });
      sess.run(tf.global_variables_initializer());
      const ms = timeRuns(sess, y.op, undefined, reps);
      const note = sess.backend instanceof GpuBackend ? countersNote(sess.backend, () => sess.run(y.op)) : '';
      sess.close();
      return { ms, note };
    };
    const cpu = timeOn('cpu');
    const gpu = timeOn(GPU_DEVICE);
    return { name, cpuMs: cpu.ms, gpuMs: gpu.ms, note: gpu.note };
  });
}

/** What one more run moves and compiles on the gpu backend. */
function countersNote(b: GpuBackend, run: () => void): string {
  const before = { ...b.counters };
  run();
  b.device.finish();
  const d = Object.fromEntries(Object.entries(b.counters).map(([k, v]) => [k, v - before[k as keyof typeof before]]));
  return `${d.launches} launches, ${d.uploads} uploads, ${d.readbacks} readbacks, ${d.compiles} compiles`;
}

function deepMnistStep(batch: number, reps: number): Result {
  const g = new tf.Graph();
  return g.as_default(() => {
    tf.set_random_seed(1);
    const weight = (shape: number[]) => tf.Variable(tf.truncated_normal(shape, { stddev: 0.1 }));
    const bias = (shape: number[]) => tf.Variable(tf.constant(0.1, { shape }));
    const conv = (x: tf.Tensor, w: tf.Variable) => tf.nn.conv2d(x, w, [1, 1, 1, 1], 'SAME');
    const pool = (x: tf.Tensor) => tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');
    const x = tf.placeholder('float32', [null, 784]), y_ = tf.placeholder('float32', [null, 10]);
    const h1 = pool(tf.nn.relu(tf.add(conv(tf.reshape(x, [-1, 28, 28, 1]), weight([5, 5, 1, 32])), bias([32]))));
    const h2 = pool(tf.nn.relu(tf.add(conv(h1, weight([5, 5, 32, 64])), bias([64]))));
    const f1 = tf.nn.relu(tf.add(tf.matmul(tf.reshape(h2, [-1, 3136]), weight([3136, 1024])), bias([1024])));
    const keep = tf.placeholder('float32');
    const yc = tf.nn.softmax(tf.add(tf.matmul(tf.nn.dropout(f1, keep), weight([1024, 10])), bias([10])));
    const loss = tf.negative(tf.reduce_sum(tf.multiply(y_, tf.log(yc))));
    const train = new tf.train.AdamOptimizer(1e-4).minimize(loss);
    const xs = randomArray([batch, 784], 3, 0.5);
    const ys = NDArray.zeros([batch, 10]);
    for (let i = 0; i < batch; i++) ys.data[i * 10 + (i % 10)] = 1;
    const feed = new Map<tf.Tensor, NDArray>([[x, xs], [y_, ys], [keep, NDArray.scalar(0.5)]]);
    const timeOn = (device: string) => {
      const sess = new tf.Session({ graph: g, config: { device } });
      sess.run(tf.global_variables_initializer());
      const ms = timeRuns(sess, [train, loss], feed, reps);
      const note = sess.backend instanceof GpuBackend ? countersNote(sess.backend, () => sess.run([train, loss], feed)) : '';
      sess.close();
      return { ms, note };
    };
    const cpu = timeOn('cpu');
    const gpu = timeOn(GPU_DEVICE);
    return { name: `Deep MNIST training step, batch ${batch}, Adam`, cpuMs: cpu.ms, gpuMs: gpu.ms, note: gpu.note };
  });
}

function softmaxStep(reps: number): Result {
  const g = new tf.Graph();
  return g.as_default(() => {
    const x = tf.placeholder('float32', [null, 784]), y_ = tf.placeholder('float32', [null, 10]);
    const W = tf.Variable(tf.zeros([784, 10])), b = tf.Variable(tf.zeros([10]));
    const y = tf.nn.softmax(tf.add(tf.matmul(x, W), b));
    const loss = tf.reduce_mean(tf.negative(tf.reduce_sum(tf.multiply(y_, tf.log(y)), [1])));
    const train = new tf.train.GradientDescentOptimizer(0.5).minimize(loss);
    const xs = randomArray([100, 784], 4, 0.5);
    const ys = NDArray.zeros([100, 10]);
    for (let i = 0; i < 100; i++) ys.data[i * 10 + (i % 10)] = 1;
    const feed = new Map<tf.Tensor, NDArray>([[x, xs], [y_, ys]]);
    const timeOn = (device: string) => {
      const sess = new tf.Session({ graph: g, config: { device } });
      sess.run(tf.global_variables_initializer());
      const ms = timeRuns(sess, train, feed, reps * 4);
      const note = sess.backend instanceof GpuBackend ? countersNote(sess.backend, () => sess.run(train, feed)) : '';
      sess.close();
      return { ms, note };
    };
    const cpu = timeOn('cpu');
    const gpu = timeOn(GPU_DEVICE);
    return { name: 'softmax regression training step, batch 100, GradientDescent', cpuMs: cpu.ms, gpuMs: gpu.ms, note: gpu.note };
  });
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const B = args.batch, R = args.reps;
  const mode = gl ? `gpu.js ${gl.mode} on ${gl.renderer}${gl.hardware ? '' : ' (software rasterizer: no GPU)'}` :
    'gpu.js webasm (no GL context: kernels run as WebAssembly on the CPU)';
  const cpuModel = (os.cpus()[0]?.model ?? 'unknown CPU').trim();
  console.log(`gpu backend benchmark: ${mode}\nmachine: ${os.cpus().length} x ${cpuModel}, Node ${process.version}\n`);
  const results: Result[] = [];
  const push = (r: Result) => {
    results.push(r);
    console.log(`${r.name.padEnd(58)} cpu ${r.cpuMs.toFixed(2).padStart(10)} ms   gpu ${r.gpuMs.toFixed(2).padStart(10)} ms   ${r.note}`);
  };
  const size = args.quick ? 256 : 512;
  push(opBench(`MatMul ${size}x${size}x${size}`, [randomArray([size, size], 1), randomArray([size, size], 2)], ([a, b]) => tf.matmul(a, b), R));
  const conv2In = [B, 14, 14, 32], conv2F = [5, 5, 32, 64], conv2Out = [B, 14, 14, 64];
  push(opBench(`Conv2D [${conv2In}] * [${conv2F}] SAME`, [randomArray(conv2In, 3), randomArray(conv2F, 4, 0.1)],
    ([x, f]) => tf.nn.conv2d(x, f, [1, 1, 1, 1], 'SAME'), R));
  push(opBench('Conv2DBackpropInput, same shapes', [randomArray(conv2F, 4, 0.1), randomArray(conv2Out, 5)],
    ([f, dy]) => tf.nn.conv2d_backprop_input(conv2In, f, dy, [1, 1, 1, 1], 'SAME'), R));
  push(opBench('Conv2DBackpropFilter, same shapes', [randomArray(conv2In, 3), randomArray(conv2Out, 5)],
    ([x, dy]) => tf.nn.conv2d_backprop_filter(x, conv2F, dy, [1, 1, 1, 1], 'SAME'), R));
  push(opBench(`MaxPool 2x2 [${conv2Out}]`, [randomArray(conv2Out, 6)], ([x]) => tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME'), R));
  push(opBench(`Relu [${conv2Out}]`, [randomArray(conv2Out, 6)], ([x]) => tf.nn.relu(x), R));
  push(opBench(`Sum over rows [${B}, 3136]`, [randomArray([B, 3136], 7)], ([x]) => tf.reduce_sum(x, 1), R));
  push(opBench(`Softmax [${B}, 10]`, [randomArray([B, 10], 8)], ([x]) => tf.nn.softmax(x), R));
  push(deepMnistStep(B, Math.max(2, R - 2)));
  push(softmaxStep(R));
  if (args.out) {
    const lines = [
      `## gpu backend (${new Date().toISOString().slice(0, 10)})`, '',
      `${mode}; machine: ${os.cpus().length} x ${cpuModel}, Node ${process.version}. Median of ${R} runs after a warm-up;`,
      'a gpu time waits for the device to finish. Inputs of the single-op rows live in variables (on the device), nothing is read back.', '',
      '| work | CPU backend (ms) | gpu backend (ms) | gpu per run |', '|---|---:|---:|---|',
      ...results.map((r) => `| ${r.name} | ${r.cpuMs.toFixed(2)} | ${r.gpuMs.toFixed(2)} | ${r.note} |`), '',
    ];
    fs.writeFileSync(args.out, lines.join('\n'));
    console.log(`\nwritten to ${args.out}`);
  }
}

main();
