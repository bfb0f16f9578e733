/**
 * The gpu backend as a whole: how it is chosen, what a run moves between host and
 * device (counted), variables living on the device, atomic runs, CPU fallback, and
 * Deep MNIST training that matches the CPU backend step for step.
 *
 * Runs on gpu.js headlessgl when a GL context exists (under xvfb-run), otherwise on
 * gpu.js's webasm mode; the counters and results are the same either way.
 */
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { InvalidArgumentError, ValueError } from '../lib/framework/errors';
import { probeGl, GpuBackend } from '../lib/gpu/index';
import { deviceMemory } from '../lib/gpu/device_tensor';
import type { GpuKernel } from '../kernels/gpu/types';
import type { TensorLike } from '../lib/framework/tensor';

const gl = probeGl();
const DEVICE = gl ? 'gpu' : 'gpu-webasm';

function gpuSession(g: tf.Graph, config: Record<string, unknown> = {}): { sess: tf.Session; backend: GpuBackend } {
  const sess = new tf.Session({ graph: g, config: { device: DEVICE, ...config } });
  return { sess, backend: sess.backend as GpuBackend };
}

const feedMap = (pairs: [tf.Tensor, unknown][]) => new Map<tf.Tensor, NDArray>(pairs.map(([t, v]) => [t, NDArray.from(v)]));
const counters = (b: GpuBackend) => ({ ...b.counters });
const delta = (b: GpuBackend, before: ReturnType<typeof counters>) =>
  Object.fromEntries(Object.entries(b.counters).map(([k, v]) => [k, v - before[k as keyof typeof before]]));

/** Captures console output of one kind while fn runs. */
function capture(kind: 'log' | 'warn', fn: () => void): string[] {
  const lines: string[] = [];
  const original = console[kind];
  console[kind] = (...args: unknown[]) => { lines.push(args.join(' ')); };
  try { fn(); } finally { console[kind] = original; }
  return lines;
}

function withEnv<T>(value: string | undefined, fn: () => T): T {
  const saved = process.env.TENSORGRAPH_DEVICE;
  if (value === undefined) delete process.env.TENSORGRAPH_DEVICE; else process.env.TENSORGRAPH_DEVICE = value;
  try { return fn(); } finally {
    if (saved === undefined) delete process.env.TENSORGRAPH_DEVICE; else process.env.TENSORGRAPH_DEVICE = saved;
  }
}

describe('gpu backend: choice of backend', function () {
  this.timeout(60000);

  it('says which backend and gpu.js mode runs the session', () => {
    const g = new tf.Graph();
    expect(new tf.Session({ graph: g, config: { device: 'cpu' } }).device).to.equal('cpu');
    expect(new tf.Session({ graph: g, config: { device: 'gpu-webasm' } }).device).to.match(/^gpu \(gpu\.js webasm, no GPU/);
    if (gl) {
      expect(new tf.Session({ graph: g, config: { device: 'gpu' } }).device).to.equal(`gpu (gpu.js ${gl.mode}, ${gl.renderer})`);
    } else {
      expect(() => new tf.Session({ graph: g, config: { device: 'gpu' } })).to.throw(ValueError, /Device 'gpu' is not available/);
    }
  });

  it('picks the gpu by itself only on graphics hardware, not on a software rasterizer', () => {
    const s = withEnv(undefined, () => new tf.Session({ graph: new tf.Graph() }));
    expect(s.device).to.equal(gl?.hardware ? `gpu (gpu.js ${gl.mode}, ${gl.renderer})` : 'cpu');
  });

  it('TENSORGRAPH_DEVICE chooses when the session config does not', () => {
    const s = withEnv('gpu-webasm', () => new tf.Session({ graph: new tf.Graph() }));
    expect(s.device).to.match(/^gpu \(gpu\.js webasm/);
    const c = withEnv('gpu-webasm', () => new tf.Session({ graph: new tf.Graph(), config: { device: 'cpu' } }));
    expect(c.device).to.equal('cpu');
    expect(() => withEnv('tpu', () => new tf.Session({ graph: new tf.Graph() }))).to.throw(ValueError, /Unknown device 'tpu'/);
  });

  it('verbose prints the backend once', () => {
    const lines = capture('log', () => {
      new tf.Session({ graph: new tf.Graph(), config: { device: 'gpu-cpu', verbose: true } });
      new tf.Session({ graph: new tf.Graph(), config: { device: 'gpu-cpu', verbose: true } });
    });
    expect(lines).to.deep.equal(['tensorgraph: running on gpu (gpu.js cpu, no GPU: gpu.js runs the kernels on the CPU)']);
  });
});

describe('gpu backend: what a run moves and compiles', function () {
  this.timeout(120000);

  it('keeps intermediates on the device and reads back only the fetched values', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder('float32', [2, 3]);
      const y = tf.reduce_sum(tf.nn.relu(tf.multiply(tf.add(x, 1), tf.exp(x))), 1);
      const z = tf.argmax(y, 0);
      const { sess, backend } = gpuSession(g);
      const feed = feedMap([[x, [[1, -2, 3], [0.5, -1, 2]]]]);
      sess.run([y, z], feed);
      const before = counters(backend);
      const [yv, zv] = sess.run([y, z], feed) as [NDArray, number];
      // One feed up (used by two ops, uploaded once), the two fetches down, nothing else.
      expect(delta(backend, before)).to.deep.equal({ compiles: 0, launches: 6, uploads: 1, readbacks: 2, hostSteps: 0, cpuFallbacks: 0 });
      const cpuSess = new tf.Session({ graph: g, config: { device: 'cpu' } });
      const [ye, ze] = cpuSess.run([y, z], feed) as [NDArray, number];
      expect(zv).to.equal(ze);
      Array.from(ye.data).forEach((v, i) => expect(yv.data[i]).to.be.closeTo(v, 1e-4 * Math.abs(v)));
    });
  });

  it('uploads a constant once for the compiled plan, not on every run', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const c = tf.constant([[1, 2], [3, 4]]);
      const x = tf.placeholder('float32', [2, 2]);
      const y = tf.matmul(x, c);
      const { sess, backend } = gpuSession(g);
      const feed = feedMap([[x, [[1, 0], [0, 1]]]]);
      expect((sess.run(y, feed) as NDArray).toArray()).to.deep.equal([[1, 2], [3, 4]]);
      const before = counters(backend);
      for (let i = 0; i < 3; i++) sess.run(y, feed);
      expect(delta(backend, before)).to.include({ uploads: 3, readbacks: 3, compiles: 0 });
    });
  });

  it('compiles each kernel once per shape: a null batch dim recompiles only for a new batch size', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder('float32', [null, 4]);
      const w = tf.Variable(tf.constant([[1], [2], [3], [4]]));
      const y = tf.reduce_mean(tf.square(tf.matmul(x, w)));
      const { sess, backend } = gpuSession(g);
      sess.run(tf.global_variables_initializer());
      const batch = (n: number) => feedMap([[x, Array.from({ length: n }, (_, i) => [i, 1, 0, -1])]]);
      sess.run(y, batch(3));
      const afterFirst = backend.counters.compiles;
      for (let i = 0; i < 3; i++) sess.run(y, batch(3));
      expect(backend.counters.compiles, 'same batch size').to.equal(afterFirst);
      sess.run(y, batch(5));
      const afterNewSize = backend.counters.compiles;
      expect(afterNewSize, 'a new batch size compiles its kernels').to.be.greaterThan(afterFirst);
      sess.run(y, batch(5)); sess.run(y, batch(3));
      expect(backend.counters.compiles, 'both sizes cached').to.equal(afterNewSize);
    });
  });

  it('trains with no readback between kernels, no re-upload of variables, no recompilation, no leak', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder('float32', [null, 3]), y = tf.placeholder('int32', [null]);
      const w = tf.Variable(tf.constant([[0.1, -0.2], [0.3, 0.1], [-0.1, 0.2]]));
      const b = tf.Variable(tf.zeros([2]));
      const logits = tf.add(tf.matmul(x, w), b);
      const loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: y, logits }));
      const train = new tf.train.AdamOptimizer(0.1).minimize(loss);
      const feed = feedMap([[x, [[1, 2, 0], [0, 1, 1], [2, 0, 1], [1, 1, 1]]], [y, new Int32Array([0, 1, 1, 0])]]);
      const { sess, backend } = gpuSession(g);
      const cpuSess = new tf.Session({ graph: g, config: { device: 'cpu' } });
      sess.run(tf.global_variables_initializer());
      cpuSess.run(tf.global_variables_initializer());
      sess.run([train, loss], feed);
      const expectedFirst = (cpuSess.run([train, loss], feed) as unknown[])[1] as number;
      const before = counters(backend);
      const live = deviceMemory.liveBuffers;
      const steps = 5;
      const losses: number[] = [], cpuLosses: number[] = [];
      for (let i = 0; i < steps; i++) {
        losses.push((sess.run([train, loss], feed) as unknown[])[1] as number);
        cpuLosses.push((cpuSess.run([train, loss], feed) as unknown[])[1] as number);
      }
      const d = delta(backend, before);
      // Per step: the two feeds uploaded, the loss read back (the labels are checked on the host, where they were fed).
      expect(d).to.include({ compiles: 0, uploads: 2 * steps, readbacks: steps, cpuFallbacks: 0 });
      expect(deviceMemory.liveBuffers, 'device buffers alive after the loop').to.equal(live);
      expect(expectedFirst).to.be.a('number');
      losses.forEach((l, i) => expect(l).to.be.closeTo(cpuLosses[i], 1e-5));
      // The variables were updated on the device: the host copy is behind until synced.
      expect(backend.variablesNewerOnDevice().sort()).to.include.members([w.op.name, b.op.name]);
    });
  });
});

describe('gpu backend: variables on the device', function () {
  this.timeout(60000);

  function model() {
    const v = tf.Variable(tf.constant([1, 2, 3]), { name: 'v' } as any);
    const step = tf.assign_add(v, tf.constant([1, 1, 1]));
    return { v, step };
  }

  it('fetches device values; syncVariablesToHost brings the VariableStore up to date for direct readers', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const { v, step } = model();
      const { sess, backend } = gpuSession(g);
      sess.run(v.initializer);
      sess.run(step); sess.run(step);
      expect((sess.run(v) as NDArray).toArray()).to.deep.equal([3, 4, 5]);
      expect(backend.variablesNewerOnDevice()).to.deep.equal([v.op.name]);
      backend.syncVariablesToHost();
      expect(Array.from(sess.variables.read(v.op.name).data)).to.deep.equal([3, 4, 5]);
      expect(backend.variablesNewerOnDevice()).to.deep.equal([]);
      // In step again: the next run reuses the device copy without uploading it.
      const before = counters(backend);
      sess.run(step.op);
      expect(delta(backend, before)).to.include({ uploads: 0, readbacks: 0 });
    });
  });

  it('a host write (as Saver.restore makes) is uploaded and used by the next run', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const { v, step } = model();
      const { sess } = gpuSession(g);
      sess.run(v.initializer);
      sess.run(step);
      sess.variables.write(v.op.name, NDArray.from([10, 20, 30]));
      sess.variables.commit();
      expect((sess.run(step) as NDArray).toArray()).to.deep.equal([11, 21, 31]);
      expect((sess.run(v) as NDArray).toArray()).to.deep.equal([11, 21, 31]);
    });
  });

  it('a failed run changes no variable, on the device or the host', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const { v, step } = model();
      const x = tf.placeholder('float32', [null]);
      // Created after the update, so the plan runs the update first, then fails.
      const bad = tf.reshape(x, [4]);
      const { sess } = gpuSession(g);
      sess.run(v.initializer);
      sess.run(step);
      expect(() => sess.run([step, bad], feedMap([[x, [1, 2, 3]]]))).to.throw(InvalidArgumentError, /Reshape/);
      expect((sess.run(v) as NDArray).toArray()).to.deep.equal([2, 3, 4]);
    });
  });

  it('run_async resolves the device values; a failed one changes no variable on the device or the host', async () => {
    const g = new tf.Graph();
    const { v, step, bad, x } = g.as_default(() => {
      const m = model();
      const p = tf.placeholder('float32', [null]);
      return { ...m, x: p, bad: tf.reshape(p, [4]) };
    });
    const { sess, backend } = gpuSession(g);
    await sess.run_async(v.initializer);
    expect(((await sess.run_async(step)) as NDArray).toArray()).to.deep.equal([2, 3, 4]);
    expect(backend.variablesNewerOnDevice()).to.deep.equal([v.op.name]);
    let error: unknown = null;
    await sess.run_async([step, bad], feedMap([[x, [1, 2, 3]]])).catch((e) => { error = e; });
    expect(error).to.be.instanceOf(InvalidArgumentError);
    expect(((await sess.run_async(v)) as NDArray).toArray()).to.deep.equal([2, 3, 4]);
  });

  it('reading an uninitialized variable is a FailedPreconditionError naming it', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const { v } = model();
      const { sess } = gpuSession(g);
      expect(() => sess.run(v)).to.throw(tf.errors.FailedPreconditionError, /uninitialized value v/);
    });
  });
});

describe('gpu backend: fallback to the CPU and custom ops', function () {
  this.timeout(60000);

  const floatUnary: Pick<tf.OpSpec, 'inputs' | 'outputs' | 'attrs'> = {
    inputs: [{ name: 'x', type_attr: 'T' }], outputs: [{ name: 'y', type_attr: 'T' }],
    attrs: { T: { type: 'type', allowed_values: ['float32'] } },
  };
  const cpuOnly = tf.register_op({
    name: 'GpuSpecCpuOnlyTwice', ...floatUnary,
    shape: ([x]) => x,
    kernels: { cpu: (([x]) => new NDArray(Float32Array.from(x.data, (v) => 2 * v), x.shape, 'float32')) as tf.CpuKernel },
  });
  const swishGpu: GpuKernel = ([x], ctx) => ctx.launch(
    'function(x) { const v = x[this.thread.x]; return v / (1 + Math.exp(-v)); }', [x], x.shape, 'float32');
  const swish = tf.register_op({
    name: 'GpuSpecSwish', ...floatUnary,
    shape: ([x]) => x,
    kernels: {
      cpu: (([x]) => new NDArray(Float32Array.from(x.data, (v) => v / (1 + Math.exp(-v))), x.shape, 'float32')) as tf.CpuKernel,
      gpu: swishGpu,
    },
  });

  it('runs an op without a gpu kernel on the CPU, warning once with its type', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder('float32', [3]);
      const y = tf.add(cpuOnly([tf.multiply(x, 3)]).outputs[0], 1);
      const { sess, backend } = gpuSession(g);
      const feed = feedMap([[x, [1, 2, 3]]]);
      let out: NDArray | null = null;
      const warnings = capture('warn', () => { out = sess.run(y, feed) as NDArray; sess.run(y, feed); });
      expect(out!.toArray()).to.deep.equal([7, 13, 19]);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.match(/op type GpuSpecCpuOnlyTwice runs on the CPU in the gpu backend \(it has no gpu kernel\)/);
      expect(backend.counters.cpuFallbacks).to.equal(2);
    });
  });

  // A CPU-only update of a variable the device wrote last in the same run: the device
  // copy must count as stale afterwards, through writable() and rewritable() alike.
  for (const [label, useRewritable] of [['writable', false], ['rewritable', true]] as const) {
    const halve = tf.register_op({
      name: `GpuSpecHalveVia${useRewritable ? 'Rewritable' : 'Writable'}`,
      inputs: [{ name: 'ref', type_attr: 'T', is_ref: true }],
      outputs: [{ name: 'output_ref', type_attr: 'T', is_ref: true }],
      attrs: { T: { type: 'type', allowed_values: ['float32'] } },
      is_stateful: true,
      shape: ([ref]) => ref,
      kernels: { cpu: ((_inputs, ctx) => {
        const handle = ctx.ref(0);
        if (useRewritable) {
          const { old, out } = handle.rewritable();
          for (let i = 0; i < out.size; i++) out.data[i] = old.data[i] * 0.5;
          return out;
        }
        const buf = handle.writable();
        for (let i = 0; i < buf.size; i++) buf.data[i] *= 0.5;
        return buf;
      }) as tf.CpuKernel },
      gradient: null,
    });
    it(`a CPU-kernel update (${label}) after a device update of the same variable in one run is kept`, () => {
      const g = new tf.Graph();
      g.as_default(() => {
        const W = tf.Variable(tf.ones([4]));
        const onDevice = W.assign_add(tf.ones([4]));
        const halved = tf.control_dependencies([onDevice], () => halve([W._ref]).outputs[0]);
        const { sess } = gpuSession(g);
        sess.run(tf.global_variables_initializer());
        capture('warn', () => sess.run(halved.op));
        expect((sess.run(tf.multiply(W, 1)) as NDArray).toArray()).to.deep.equal([1, 1, 1, 1]);
        expect((sess.run(W) as NDArray).toArray()).to.deep.equal([1, 1, 1, 1]);
      });
    });
  }

  it('runs a custom op with its own gpu kernel (OpSpec.gpu) on the device', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder('float32', [4]);
      const y = swish([x]).outputs[0];
      const { sess, backend } = gpuSession(g);
      const feed = feedMap([[x, [-2, -0.5, 0.5, 3]]]);
      const got = sess.run(y, feed) as NDArray;
      const want = new tf.Session({ graph: g, config: { device: 'cpu' } }).run(y, feed) as NDArray;
      Array.from(want.data).forEach((v, i) => expect(got.data[i]).to.be.closeTo(v, 1e-6));
      expect(backend.counters).to.include({ cpuFallbacks: 0, launches: 1 });
    });
  });

  it('refuses integers beyond 2^24, which float32 textures cannot hold exactly', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder('int32', [2]);
      const y = tf.multiply(x, 2);
      const { sess } = gpuSession(g);
      expect((sess.run(y, feedMap([[x, new Int32Array([16777216, -3])]])) as NDArray).toArray()).to.deep.equal([33554432, -6]);
      expect(() => sess.run(y, feedMap([[x, new Int32Array([16777217, 1])]]))).to.throw(InvalidArgumentError, /±2\^24/);
    });
  });

  it('runs a step too large for exact float32 indexing on the CPU instead of computing it wrong', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const half = tf.placeholder('float32', []);
      const big = tf.fill([4097, 4097], half);
      const total = tf.reduce_sum(big);
      const sess = new tf.Session({ graph: g, config: { device: 'gpu-webasm' } });
      let v = 0;
      const warnings = capture('warn', () => { v = sess.run(total, feedMap([[half, 0.5]])) as number; });
      expect(v).to.equal(Math.fround(0.5 * 4097 * 4097));
      expect(warnings.join('\n')).to.match(/op type Fill runs on the CPU .*more than the 2\^24/);
      expect(warnings.join('\n')).to.match(/op type Sum runs on the CPU .*more than the 2\^24/);
      expect((sess.backend as GpuBackend).counters.cpuFallbacks).to.equal(2);
    });
  });
});

describe('gpu backend: Deep MNIST', function () {
  this.timeout(600000);

  /** A fixed batch of real digits from the mnist package (the i-th image of each digit class, in turn). */
  function batch(n: number): [NDArray, NDArray] {
    const xs = new Float32Array(n * 784), ys = new Float32Array(n * 10);
    const dir = path.join(path.dirname(require.resolve('mnist')), 'digits');
    for (let i = 0; i < n; i++) {
      const d = i % 10, k = Math.floor(i / 10);
      const digits = JSON.parse(fs.readFileSync(path.join(dir, `${d}.json`), 'utf8')) as { data: number[] };
      xs.set(digits.data.slice(784 * k, 784 * (k + 1)), i * 784);
      ys[i * 10 + d] = 1;
    }
    return [new NDArray(xs, [n, 784], 'float32'), new NDArray(ys, [n, 10], 'float32')];
  }

  it('trains 10 steps as the tutorial writes it and matches the CPU backend loss for loss', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      tf.set_random_seed(1234);
      const weight = (shape: number[]) => tf.Variable(tf.truncated_normal(shape, { stddev: 0.1 }));
      const bias = (shape: number[]) => tf.Variable(tf.constant(0.1, { shape }));
      const conv2d = (x: TensorLike, W: TensorLike) => tf.nn.conv2d(x, W, [1, 1, 1, 1], 'SAME');
      const maxPool2x2 = (x: TensorLike) => tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');
      const x = tf.placeholder('float', [null, 784]), y_ = tf.placeholder('float', [null, 10]);
      const xImage = tf.reshape(x, [-1, 28, 28, 1]);
      const hPool1 = maxPool2x2(tf.nn.relu(tf.add(conv2d(xImage, weight([5, 5, 1, 32])), bias([32]))));
      const hPool2 = maxPool2x2(tf.nn.relu(tf.add(conv2d(hPool1, weight([5, 5, 32, 64])), bias([64]))));
      const hFc1 = tf.nn.relu(tf.add(tf.matmul(tf.reshape(hPool2, [-1, 7 * 7 * 64]), weight([7 * 7 * 64, 1024])), bias([1024])));
      const keepProb = tf.placeholder('float');
      const yConv = tf.nn.softmax(tf.add(tf.matmul(tf.nn.dropout(hFc1, keepProb), weight([1024, 10])), bias([10])));
      const crossEntropy = tf.negative(tf.reduce_sum(tf.multiply(y_, tf.log(yConv))));
      const trainStep = new tf.train.AdamOptimizer(1e-4).minimize(crossEntropy);
      const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(yConv, 1), tf.argmax(y_, 1)), 'float'));

      const [xs, ys] = batch(2);
      const feed = (keep: number) => new Map<tf.Tensor, NDArray>([[x, xs], [y_, ys], [keepProb, NDArray.scalar(keep)]]);
      const train = (sess: tf.Session) => {
        sess.run(tf.global_variables_initializer());
        const losses: number[] = [];
        for (let i = 0; i < 10; i++) losses.push((sess.run([trainStep, crossEntropy], feed(0.5)) as unknown[])[1] as number);
        return { losses, accuracy: sess.run(accuracy, feed(1)) as number };
      };
      const cpu = train(new tf.Session({ graph: g, config: { device: 'cpu' } }));
      const { sess, backend } = gpuSession(g);
      const gpu = train(sess);
      gpu.losses.forEach((l, i) => expect(l, `loss at step ${i}`).to.be.closeTo(cpu.losses[i], 1e-3 * Math.abs(cpu.losses[i])));
      expect(gpu.accuracy).to.equal(cpu.accuracy);
      expect(backend.counters.cpuFallbacks).to.equal(0);
      // The bounded kernel cache holds a whole training step: a steady step compiles nothing.
      const compiles = backend.counters.compiles;
      sess.run([trainStep, crossEntropy], feed(0.5));
      expect(backend.counters.compiles - compiles, 'kernels compiled by an 11th step').to.equal(0);
    });
  });
});
