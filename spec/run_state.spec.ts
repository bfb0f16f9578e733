import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import type { TypedArray } from '../lib/framework/dtypes';
import { kernelRegistry, CpuKernel, KernelContext } from '../lib/registry/kernel_registry';
import { RunContext, standaloneKernelContext } from '../lib/session/run_context';
import { createWasmGemm } from '../kernels/cpu/wasm/wasm_gemm';
import { gemm, gemmJs } from '../kernels/cpu/gemm';
import { randomArray } from './helpers/gradient_check';

/*
 * A run's state (where its kernels' outputs come from, which arrays are its feeds, its
 * id) belongs to that run, not to the process: two sessions interleaving their runs,
 * or a run nested in a kernel of another, must not see each other's.
 */

const cpu = () => new tf.Session({ config: { device: 'cpu' } });
/** Fed as an NDArray, a float32 array is the run's feed itself (a bare typed array would be copied). */
const fed = (data: Float32Array) => new NDArray(data, [data.length], 'float32');
const wasm = createWasmGemm();
const recycling = () => process.env.TENSORGRAPH_RECYCLE_BUFFERS !== '0';

/** What a probe kernel saw: its run's id and which of the watched arrays were that run's feeds. */
interface Seen { id: number; feeds: boolean[]; outputAliasesWatched: boolean }
let seen: Seen[] = [];
let watched: TypedArray[] = [];
let inner: (input: NDArray) => void = () => {};

/** A copy of its input, noting what ctx.run says; its output comes from ctx.output. */
const probe = tf.register_op({
  name: 'RunStateProbe', is_stateful: true,
  inputs: [{ name: 'a', type_attr: 'T' }], outputs: [{ name: 'b', type_attr: 'T' }], attrs: { T: { type: 'type' } },
  shape: ([a]) => a,
  kernels: {
    cpu: (([a], ctx) => {
      const out = ctx.output(a.shape, a.dtype);
      out.data.set(a.data as never);
      seen.push({
        id: ctx.run.id, feeds: watched.map((w) => ctx.run.isFeed(w)),
        outputAliasesWatched: watched.some((w) => w === out.data),
      });
      return out;
    }) as tf.CpuKernel,
  },
});

/** Runs `inner` (a session run) from inside its kernel; returns zeros of its input's shape. */
const nested = tf.register_op({
  name: 'RunStateNested', is_stateful: true,
  inputs: [{ name: 'a', type_attr: 'T' }], outputs: [{ name: 'b', type_attr: 'T' }], attrs: { T: { type: 'type' } },
  shape: ([a]) => a,
  kernels: { cpu: (([a], ctx) => { inner(a); return ctx.output(a.shape, a.dtype); }) as tf.CpuKernel },
});

/** Deterministic values for a step of one session: sessions and steps differ. */
function fill(data: Float32Array, session: number, step: number): void {
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37 + session * 11.3 + step * 2.1);
}

describe('run state belongs to the run (CPU backend)', () => {
  beforeEach(() => { seen = []; watched = []; inner = () => {}; });

  describe('two sessions on one graph, runs interleaved', () => {
    const STEPS = 4;
    /**
     * A two-layer classifier large enough for the buffer pool and the wasm home: x is
     * [64, 128] and W1 [128, 64] (8,192 values each), the hidden layer 4,096. x is the A
     * of two products in a row, so its wasm copy is reused within a run. Every run is fed the same two arrays, refilled before each run: a
     * copy or a buffer kept from another session's run would give that run's values.
     */
    function model() {
      const x = tf.placeholder('float32', [64, 128]);
      const labels = tf.placeholder('int32', [64]);
      const W1 = tf.Variable(randomArray([128, 64], 1, -0.1, 0.1));
      const b1 = tf.Variable(tf.zeros([64]));
      const W2 = tf.Variable(randomArray([64, 10], 2, -0.3, 0.3));
      const W3 = tf.Variable(randomArray([128, 10], 3, -0.1, 0.1));
      const xW1 = tf.matmul(x, W1), xW3 = tf.matmul(x, W3); // the second finds x's copy in place
      const h = tf.nn.relu(tf.add(xW1, b1));
      const logits = tf.add(tf.matmul(h, W2), xW3);
      const loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits({ labels, logits }));
      const train = tf.train.GradientDescentOptimizer(0.5).minimize(loss);
      const xs = new Float32Array(64 * 128), ys = new Int32Array(64);
      const feed = new Map<tf.Tensor, NDArray>([[x, new NDArray(xs, [64, 128], 'float32')], [labels, new NDArray(ys, [64], 'int32')]]);
      const step = (sess: tf.Session, session: number, s: number): number => {
        fill(xs, session, s);
        for (let i = 0; i < 64; i++) ys[i] = (i * 7 + session * 3 + s) % 10;
        return sess.run([loss, train], feed)[0] as number;
      };
      const weights = (sess: tf.Session) => (sess.run([W1, W2, W3]) as NDArray[]).map((w) => Array.from(w.data));
      return { step, weights };
    }

    it('give exactly the values each session gives alone', () => {
      new tf.Graph().as_default(() => {
        const { step, weights } = model();
        const alone = [0, 1].map((session) => {
          const sess = cpu();
          sess.run(tf.global_variables_initializer());
          const losses = Array.from({ length: STEPS }, (_, s) => step(sess, session, s));
          const result = { losses, weights: weights(sess) };
          sess.close();
          return result;
        });
        expect(alone[0].losses).to.not.deep.equal(alone[1].losses); // the two sessions do differ

        const sessions = [cpu(), cpu()];
        for (const sess of sessions) sess.run(tf.global_variables_initializer());
        const skippedBefore = wasm?.feedCopiesSkipped ?? 0;
        const losses: number[][] = [[], []];
        for (let s = 0; s < STEPS; s++) for (const session of [0, 1]) losses[session].push(step(sessions[session], session, s));
        for (const session of [0, 1]) {
          expect(losses[session]).to.deep.equal(alone[session].losses);
          expect(weights(sessions[session])).to.deep.equal(alone[session].weights);
        }
        // The paths these checks are about were taken: recycled buffers, and x's copy reused within a run.
        if (recycling()) for (const sess of sessions) expect(sess.buffers!.stats.reused).to.be.greaterThan(0);
        if (wasm) expect(wasm.feedCopiesSkipped - skippedBefore).to.be.at.least(2 * STEPS);
        for (const sess of sessions) sess.close();
      });
    });
  });

  describe('a run nested in a kernel', () => {
    for (const which of ['the same session', 'another session'] as const) {
      it(`(running ${which}) has its own feeds and id, and the outer run keeps its own after it`, () => {
        new tf.Graph().as_default(() => {
          const x = tf.placeholder('float32', [8]);
          const y = tf.placeholder('float32', [8]);
          const before = probe([x]).outputs[0];
          const n = nested([before]).outputs[0];
          const after = tf.control_dependencies([n.op], () => probe([x]).outputs[0]);
          const innerProbe = probe([y]).outputs[0];
          const sess = cpu();
          const innerSess = which === 'the same session' ? sess : cpu();
          const outerFeed = new Float32Array(8).fill(1), innerFeed = new Float32Array(8).fill(2);
          watched = [outerFeed, innerFeed];
          inner = () => { innerSess.run(innerProbe, new Map([[y, fed(innerFeed)]])); };
          sess.run([after, n], new Map([[x, fed(outerFeed)]]));
          expect(seen.map((s) => s.feeds)).to.deep.equal([[true, false], [false, true], [true, false]]);
          const [outer1, nestedRun, outer2] = seen.map((s) => s.id);
          expect(outer2).to.equal(outer1);
          expect(nestedRun).to.not.equal(outer1);
          if (innerSess !== sess) innerSess.close();
          sess.close();
        });
      });

      it(`(running ${which}, fed the outer run's buffer) never hands out or recycles the outer run's buffers`, () => {
        new tf.Graph().as_default(() => {
          const size = 8192; // pooled, and in the wasm home
          const x = tf.placeholder('float32', [size]);
          const p = tf.nn.relu(x); // a pooled buffer of the outer run, read again after the nested run
          const n = nested([p]).outputs[0];
          const s = tf.control_dependencies([n.op], () => tf.add(p, tf.multiply(x, 0)));
          const y = tf.placeholder('float32', [size]);
          // Same-sized values that the inner run allocates and releases one after another.
          let v: tf.Tensor = y;
          for (let i = 0; i < 4; i++) v = tf.add(tf.nn.relu(v), 1);
          const innerFetch = probe([v]).outputs[0];
          const sess = cpu();
          const innerSess = which === 'the same session' ? sess : cpu();
          const feed = new Float32Array(size).map((_, i) => (i % 7) - 3);
          inner = (a) => {
            watched = [a.data];
            const got = innerSess.run(innerFetch, new Map([[y, a]])) as NDArray;
            expect(got.data[5]).to.equal(Math.max((5 % 7) - 3, 0) + 4);
          };
          for (let run = 0; run < 3; run++) {
            const out = sess.run(s, new Map([[x, fed(feed)]])) as NDArray;
            expect(Array.from(out.data).every((value, i) => value === Math.max((i % 7) - 3, 0))).to.equal(true);
          }
          expect(seen.length).to.equal(3);
          expect(seen.every((r) => !r.outputAliasesWatched && r.feeds[0])).to.equal(true);
          if (innerSess !== sess) innerSess.close();
          sess.close();
        });
      });
    }
  });

  it('ctx.run.isFeed is true for this run\'s feeds only, and every run has an id of its own', () => {
    new tf.Graph().as_default(() => {
      const x = tf.placeholder('float32', [6]);
      const computed = tf.add(tf.constant(new Array(6).fill(1)), 2);
      const a = probe([x]).outputs[0], b = probe([computed]).outputs[0];
      const sess1 = cpu(), sess2 = cpu();
      const feed1 = new Float32Array(6).fill(3), feed2 = new Float32Array(6).fill(4);
      watched = [feed1, feed2];
      sess1.run([a, b], new Map([[x, fed(feed1)]]));
      sess1.run([a, b], new Map([[x, fed(feed2)]]));
      sess2.run([a, b], new Map([[x, fed(feed1)]]));
      sess2.run(b);
      expect(seen.map((s) => s.feeds)).to.deep.equal([
        [true, false], [true, false], // run 1 (a, then b)
        [false, true], [false, true], // run 2: feed1 is not its feed any more
        [true, false], [true, false], // another session's run
        [false, false], // no feeds
      ]);
      const ids = seen.map((s) => s.id);
      expect(ids[1]).to.equal(ids[0]);
      expect(ids[3]).to.equal(ids[2]);
      expect(ids[5]).to.equal(ids[4]);
      expect(new Set([ids[0], ids[2], ids[4], ids[6]]).size).to.equal(4);
      sess1.close();
      sess2.close();
    });
  });

  describe('standaloneKernelContext', () => {
    it('runs a kernel outside a session: fresh outputs, or from the allocator given; no state', () => {
      new tf.Graph().as_default(() => {
        const op = tf.matmul(tf.placeholder('float32', [2, 3]), tf.placeholder('float32', [3, 2]), { transpose_b: false }).op;
        const kernel = kernelRegistry().get<CpuKernel>('MatMul', 'cpu')!;
        const a = new NDArray(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3], 'float32');
        const b = new NDArray(Float32Array.from([1, 0, 0, 1, 1, 1]), [3, 2], 'float32');
        const out = kernel([a, b], standaloneKernelContext(op)) as NDArray;
        expect(out.shape).to.deep.equal([2, 2]);
        expect(Array.from(out.data)).to.deep.equal([4, 5, 10, 11]);

        const asked: string[] = [];
        const ctx: KernelContext = standaloneKernelContext(op, {
          feeds: [a.data],
          allocate: (dtype, size, zeroed) => { asked.push(`${dtype}:${size}:${zeroed}`); return new Float32Array(size); },
        });
        kernel([a, b], ctx);
        expect(asked).to.deep.equal(['float32:4:false']);
        expect(ctx.output([3], 'float32').data).to.deep.equal(new Float32Array(3));
        expect(asked[1]).to.equal('float32:3:true');
        expect(ctx.run.isFeed(a.data)).to.equal(true);
        expect(ctx.run.isFeed(b.data)).to.equal(false);
        expect(standaloneKernelContext(op).run.id).to.not.equal(ctx.run.id);
        expect(() => ctx.ref(0)).to.throw(tf.errors.InternalError,
          /'MatMul' \(MatMul\) needs a session's variables or random streams; its kernel ran outside a session/);
        expect(() => ctx.random()).to.throw(tf.errors.InternalError, /outside a session/);
      });
    });
  });

  describe('the GEMM\'s copy of a feed', () => {
    it('is reused only within the run that made it (by run id), never without a run', function () {
      if (wasm === null) this.skip(); // TENSORGRAPH_WASM=0: no copies
      const m = 16, k = 32, n = 8;
      const a = randomArray([m, k], 5).data as Float32Array, b = randomArray([k, n], 6).data as Float32Array;
      const product = () => { const ref = new Float32Array(m * n); gemmJs(m, n, k, a, false, b, false, ref); return ref; };
      const expectClose = (out: Float32Array, ref: Float32Array) => out.forEach((v, i) => expect(v).to.be.closeTo(ref[i], 1e-5));
      const runA = new RunContext([a]), runB = new RunContext([a]);
      const out = new Float32Array(m * n);
      const count = () => wasm.feedCopiesSkipped;
      let before = count();
      gemm(m, n, k, a, false, b, false, out, false, runA);
      gemm(m, n, k, a, false, b, false, out, false, runA);
      expect(count() - before).to.equal(1);
      expectClose(out, product());
      // Another run fed the same array, refilled: its values, not runA's copy.
      a.forEach((v, i) => { a[i] = Math.cos(i); });
      before = count();
      gemm(m, n, k, a, false, b, false, out, false, runB);
      expect(count() - before).to.equal(0);
      expectClose(out, product());
      gemm(m, n, k, a, false, b, false, out, false, runA); // runB's copy is not runA's
      gemm(m, n, k, a, false, b, false, out, false, null);
      gemm(m, n, k, a, false, b, false, out, false, null);
      expect(count() - before).to.equal(0);
      expectClose(out, product());
    });

    it('is dropped when a product of another run, or of none, reads a resident A', function () {
      if (wasm === null) this.skip();
      const m = 16, k = 32, n = 8;
      // Resident first: allocating one later moves the operand area and drops the copy anyway.
      const resident = wasm.allocateResident(m * k)!;
      try {
        resident.set(randomArray([m, k], 7).data);
        const feed = randomArray([m, k], 8).data as Float32Array, b = randomArray([k, n], 9).data as Float32Array;
        const reference = (a: Float32Array) => { const ref = new Float32Array(m * n); gemmJs(m, n, k, a, false, b, false, ref); return ref; };
        const expectClose = (out: Float32Array, ref: Float32Array) => out.forEach((v, i) => expect(v).to.be.closeTo(ref[i], 1e-5));
        const out = new Float32Array(m * n);
        for (const next of [new RunContext([]), null]) {
          const finished = new RunContext([feed]);
          expect(wasm.run(m, n, k, feed, false, b, false, out, false, false, finished)).to.equal(true);
          expect(wasm.keptFeedCopy).to.equal(feed);
          expectClose(out, reference(feed));
          // A resident A is read in place: nothing else would have replaced the dead copy.
          expect(wasm.run(m, n, k, resident, false, b, false, out, false, false, next)).to.equal(true);
          expect(wasm.keptFeedCopy).to.equal(null);
          expectClose(out, reference(resident));
        }
      } finally {
        wasm.freeResident(resident);
      }
    });
  });
});
