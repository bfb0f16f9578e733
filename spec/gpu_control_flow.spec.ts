/**
 * If and While on the gpu backend run their branches and bodies as device runs: a loop's
 * vars stay on the device between iterations, and only the scalar predicate is read back
 * (counted by the backend's counters and seen through its transfer trace).
 */
import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { probeGl, GpuBackend } from '../lib/gpu/index';
import { deviceMemory } from '../lib/gpu/device_tensor';

const DEVICE = probeGl() ? 'gpu' : 'gpu-webasm';
const SIZE = 256 * 256;

const counters = (b: GpuBackend) => ({ ...b.counters });
const delta = (b: GpuBackend, before: ReturnType<typeof counters>) =>
  Object.fromEntries(Object.entries(b.counters).map(([k, v]) => [k, v - before[k as keyof typeof before]])) as ReturnType<typeof counters>;

/** Runs fn with the backend's transfer trace on; returns the trace's events and the most device elements live at any of them. */
function traced(b: GpuBackend, fn: () => void): { events: string[]; peakElements: number } {
  const events: string[] = [];
  let peakElements = deviceMemory.liveElements;
  b.trace = (e) => { events.push(e); peakElements = Math.max(peakElements, deviceMemory.liveElements); };
  try { fn(); } finally { b.trace = null; }
  return { events, peakElements };
}

const isScalarTransfer = (e: string) => /^(readback|upload) \w+\[\] /.test(e);

/** x -> x * 0.5 + 1, n times: converges towards 2 from any start. */
function expected(x0: number, n: number): number {
  let x = x0;
  for (let i = 0; i < n; i++) x = Math.fround(Math.fround(x * 0.5) + 1);
  return x;
}

describe('gpu backend: control-flow bodies on the device', function () {
  this.timeout(120000);

  it('a 50-iteration loop over a [256,256] value reads back only its scalar predicate per iteration', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder('float32', [256, 256], 'x');
      const n = tf.placeholder('int32', [], 'n');
      const [, y] = tf.while_loop((i: tf.Tensor) => tf.less(i, n),
        (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), tf.add(tf.multiply(v, 0.5), 1)], [tf.constant(0, 'int32'), x]);
      const sess = new tf.Session({ graph: g, config: { device: DEVICE } });
      const backend = sess.backend as GpuBackend;
      const xv = NDArray.from(new Array(256).fill(0).map((_, r) => new Array(256).fill(r % 7)));
      const runFor = (iterations: number) => {
        const before = counters(backend);
        let out!: NDArray;
        const { events, peakElements } = traced(backend, () => { out = sess.run(y, new Map([[x, xv], [n, NDArray.from(iterations, 'int32')]])) as NDArray; });
        return { d: delta(backend, before), events, peakElements, out };
      };
      runFor(2); // compiles
      const few = runFor(5), many = runFor(50);
      expect(many.out.shape).to.deep.equal([256, 256]);
      for (const k of [0, 256 * 3 + 5, SIZE - 1]) expect(many.out.data[k]).to.be.closeTo(expected(xv.data[k], 50), 1e-5);
      expect(few.out.data[256 * 6]).to.be.closeTo(expected(6, 5), 1e-5);
      for (const run of [few, many]) {
        // The feed goes up once and the fetch comes down once; everything else moved is a scalar (the predicate, the counter).
        expect(run.events.filter((e) => !isScalarTransfer(e))).to.deep.equal([
          `upload float32[256,256] for 'while/While' (While)`, `readback float32[256,256] for a fetch`]);
        expect(run.d.cpuFallbacks).to.equal(0);
      }
      // One predicate readback per cond evaluation (iterations + 1), the fetch, nothing per iteration beyond that.
      expect(few.d.readbacks).to.equal(5 + 1 + 1);
      expect(many.d.readbacks).to.equal(50 + 1 + 1);
      // The body ran on the device: two elementwise launches per iteration (or one fused), not one host step.
      expect(many.d.launches - few.d.launches).to.be.at.least(45);
      expect(many.d.hostSteps - few.d.hostSteps).to.be.at.most(45 * 2);
      // An iteration's values are freed when the next is made: the device holds a few [256,256] values, not 50.
      expect(many.peakElements - few.peakElements).to.be.below(2 * SIZE);
      sess.close();
    });
  });

  it('a loop bounded by a constant reads back nothing but its fetch: the predicate is host work', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder('float32', [256, 256], 'x');
      const [, y] = tf.while_loop((i: tf.Tensor) => tf.less(i, 50),
        (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), tf.add(tf.multiply(v, 0.5), 1)], [tf.constant(0, 'int32'), x]);
      const sess = new tf.Session({ graph: g, config: { device: DEVICE } });
      const backend = sess.backend as GpuBackend;
      const feed = new Map([[x, NDArray.from(new Array(256).fill(new Array(256).fill(3)))]]);
      sess.run(y, feed);
      const liveBefore = deviceMemory.liveBuffers;
      const before = counters(backend);
      const out = sess.run(y, feed) as NDArray;
      expect(delta(backend, before)).to.include({ readbacks: 1, uploads: 1, cpuFallbacks: 0, compiles: 0 });
      expect(out.data[SIZE - 1]).to.be.closeTo(expected(3, 50), 1e-5);
      // Nothing an iteration made outlives the run.
      expect(deviceMemory.liveBuffers).to.equal(liveBefore);
      sess.close();
    });
  });

  it('a cond whose taken branch is a MatMul runs it on the device, reading back only the predicate', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const a = tf.placeholder('float32', [64, 64], 'a');
      const b = tf.placeholder('float32', [64, 64], 'b');
      // The predicate is computed on the device: its one value is the only readback besides the fetch.
      const y = tf.cond(tf.greater(tf.reduce_sum(a), 0), () => tf.matmul(a, b), () => tf.subtract(a, b));
      const sess = new tf.Session({ graph: g, config: { device: DEVICE } });
      const backend = sess.backend as GpuBackend;
      const av = NDArray.from(new Array(64).fill(0).map((_, r) => new Array(64).fill(0).map((__, c) => (r === c ? 2 : 0))));
      const bv = NDArray.from(new Array(64).fill(0).map((_, r) => new Array(64).fill(0).map((__, c) => r * 64 + c)));
      const feed = new Map([[a, av], [b, bv]]);
      sess.run(y, feed);
      const before = counters(backend);
      let out!: NDArray;
      const { events } = traced(backend, () => { out = sess.run(y, feed) as NDArray; });
      const d = delta(backend, before);
      expect(d).to.include({ readbacks: 2, hostSteps: 0, cpuFallbacks: 0, compiles: 0 });
      expect(d.launches).to.be.at.least(2); // the sum, the comparison and the MatMul, all launched
      expect(events.filter((e) => e.startsWith('readback'))).to.deep.equal([
        `readback bool[] for 'cond/If' (If)`, 'readback float32[64,64] for a fetch']);
      // 2 * I @ b = 2b
      expect(out.data[0]).to.equal(0);
      expect(out.data[64 * 10 + 3]).to.equal(2 * (64 * 10 + 3));
      // The other branch, taken when the sum is not positive.
      const neg = sess.run(y, new Map([[a, NDArray.from(new Array(64).fill(new Array(64).fill(-1)))], [b, bv]])) as NDArray;
      expect(neg.data[5]).to.equal(-1 - 5);
      sess.close();
    });
  });

  it('a differentiated loop keeps its forward stack on the device for WhileGrad: only feeds go up and fetches come down', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder('float32', [256, 256], 'x');
      const w = tf.placeholder('float32', [256, 256], 'w');
      // y = x * w^20 elementwise: dsum(y)/dx = w^20, dsum(y)/dw = 20 w^19 x.
      const [, y] = tf.while_loop((i: tf.Tensor) => tf.less(i, 20),
        (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), tf.multiply(v, w)], [tf.constant(0, 'int32'), x]);
      const [dx, dw] = tf.gradients(tf.reduce_sum(y), [x, w]);
      const sess = new tf.Session({ graph: g, config: { device: DEVICE } });
      const backend = sess.backend as GpuBackend;
      const xv = NDArray.from(new Array(256).fill(0).map((_, r) => new Array(256).fill(1 + (r % 3))));
      const feed = new Map([[x, xv], [w, NDArray.from(new Array(256).fill(new Array(256).fill(0.9)))]]);
      sess.run([dx, dw], feed);
      const liveBefore = deviceMemory.liveBuffers;
      const before = counters(backend);
      let dxv!: NDArray, dwv!: NDArray;
      const { events } = traced(backend, () => { [dxv, dwv] = sess.run([dx, dw], feed) as NDArray[]; });
      expect(events.filter((e) => !isScalarTransfer(e)).sort()).to.deep.equal([
        'readback float32[256,256] for a fetch', 'readback float32[256,256] for a fetch',
        `upload float32[256,256] for 'while/While' (While)`, `upload float32[256,256] for 'while/While' (While)`]);
      const d = delta(backend, before);
      expect(d).to.include({ readbacks: 2, cpuFallbacks: 0 });
      // Twenty multiplies forward and twenty body_grad steps, launched.
      expect(d.launches).to.be.at.least(40);
      expect(dxv.data[0]).to.be.closeTo(0.9 ** 20, 1e-6);
      expect(dwv.data[256 * 2]).to.be.closeTo(20 * 0.9 ** 19 * 3, 1e-4);
      expect(deviceMemory.liveBuffers).to.equal(liveBefore);
      sess.close();
    });
  });

  it('a branch given a large int64 beyond 2^24 that only host steps use runs without uploading it', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const p = tf.placeholder('bool', [], 'p');
      const x = tf.placeholder('int64', [100], 'x');
      // The casts to and from float64 run on the host: the int64 value never has to be on the device.
      const viaHost = (reduce: typeof tf.reduce_sum) => () => tf.cast(reduce(tf.cast(x, 'float64')), 'float32');
      const y = tf.cond(p, viaHost(tf.reduce_sum), viaHost(tf.reduce_max));
      const sess = new tf.Session({ graph: g, config: { device: DEVICE } });
      const feed = new Map([[p, NDArray.from(true)], [x, NDArray.from(new Array(100).fill(0).map((_, k) => k * 2 ** 25), 'int64')]]);
      expect(sess.run(y, feed)).to.equal(4950 * 2 ** 25);
      sess.close();
    });
  });

  it('a body op with no gpu kernel falls back on its own; the rest of the body stays on the device', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      // More elements than the backend folds on the host, so the add is launched.
      const x = tf.placeholder('float32', [100], 'x');
      const [, y] = tf.while_loop((i: tf.Tensor) => tf.less(i, 3),
        (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), tf.add(tf.cast(tf.cast(v, 'float64'), 'float32'), 1)], [tf.constant(0, 'int32'), x]);
      const sess = new tf.Session({ graph: g, config: { device: DEVICE } });
      const backend = sess.backend as GpuBackend;
      const feed = new Map([[x, NDArray.from(new Array(100).fill(0).map((_, k) => k))]]);
      sess.run(y, feed);
      const before = counters(backend);
      expect(Array.from((sess.run(y, feed) as NDArray).data)).to.deep.equal(new Array(100).fill(0).map((_, k) => k + 3));
      const d = delta(backend, before);
      expect(d.cpuFallbacks).to.be.at.least(3); // a float64 cast per iteration runs its CPU kernel
      expect(d.launches).to.be.at.least(3); // the add per iteration runs on the device
      sess.close();
    });
  });
});
