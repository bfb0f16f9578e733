import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { adamThresholds } from '../kernels/cpu/training/ApplyAdam';
import { gradientDescentThresholds } from '../kernels/cpu/training/ApplyGradientDescent';
import { gemmImplementation, gemmThreadCount, setGemmThreadCount, startGemmWorkers } from '../kernels/cpu/gemm';
import { randomArray } from './helpers/gradient_check';
import { makeOp } from '../lib/ops/op_builder';

const B1 = 0.9, B2 = 0.999, EPS = 1e-8;

/**
 * Three ApplyAdam updates (TF1's beta powers for steps 1..3) of a variable of n
 * parameters and its slots, with fixed gradients; returns all three afterwards.
 */
function adamSteps(n: number, nesterov: boolean): { w: Float32Array; m: Float32Array; v: Float32Array } {
  return new tf.Graph().as_default(() => {
    const w = tf.Variable(randomArray([n], 1), { name: 'w' });
    const m = tf.Variable(tf.zeros([n]), { name: 'm' }), v = tf.Variable(tf.zeros([n]), { name: 'v' });
    const steps = [2, 3, 4].map((seed, k) => makeOp('ApplyAdam',
      [w._ref, m._ref, v._ref, B1 ** (k + 1), B2 ** (k + 1), 0.01, B1, B2, EPS, tf.constant(randomArray([n], seed))],
      { use_nesterov: nesterov }));
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    for (const s of steps) sess.run(s);
    const [wv, mv, vv] = sess.run([w, m, v]) as NDArray[];
    return { w: wv.data as Float32Array, m: mv.data as Float32Array, v: vv.data as Float32Array };
  });
}

/** TF1's rule in float64 from the same starting point and gradients. */
function reference(n: number, nesterov: boolean): Float64Array {
  const w = Float64Array.from(randomArray([n], 1).data), m = new Float64Array(n), v = new Float64Array(n);
  [2, 3, 4].forEach((seed, k) => {
    const g = randomArray([n], seed).data, t = k + 1;
    const lrT = 0.01 * Math.sqrt(1 - B2 ** t) / (1 - B1 ** t);
    for (let i = 0; i < n; i++) {
      m[i] = B1 * m[i] + (1 - B1) * g[i];
      v[i] = B2 * v[i] + (1 - B2) * g[i] * g[i];
      const num = nesterov ? g[i] * (1 - B1) + B1 * m[i] : m[i];
      w[i] -= lrT * num / (Math.sqrt(v[i]) + EPS);
    }
  });
  return w;
}

function expectClose(actual: Float32Array, expected: ArrayLike<number>, what: string): void {
  for (let i = 0; i < expected.length; i++) {
    const tol = 1e-6 * Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
      expect.fail(`${what}[${i}] = ${actual[i]}, expected ${expected[i]} ± ${tol}`);
    }
  }
}

describe('ApplyAdam in WebAssembly (training.c)', () => {
  const saved = { ...adamThresholds };
  const savedThreads = gemmThreadCount();
  afterEach(() => { Object.assign(adamThresholds, saved); setGemmThreadCount(savedThreads); });

  // 70003 parameters: three 32768-parameter chunks, the last partial and not a multiple of 4.
  const N = 70003;
  for (const nesterov of [false, true]) {
    for (const threads of [1, 2]) {
      it(`matches TF1's rule and the JS loop (${nesterov ? 'Nesterov, ' : ''}${threads} thread${threads > 1 ? 's' : ''})`, function () {
        if (gemmImplementation() !== 'wasm-simd') this.skip(); // TENSORGRAPH_WASM=0 runs the JS loop only
        setGemmThreadCount(threads);
        if (threads > 1) expect(startGemmWorkers(20_000)).to.equal(threads - 1);
        adamThresholds.wasm = 1;
        adamThresholds.parallel = 1;
        const fromWasm = adamSteps(N, nesterov);
        adamThresholds.wasm = Infinity;
        const fromJs = adamSteps(N, nesterov);
        expectClose(fromWasm.w, reference(N, nesterov), 'w (wasm)');
        expectClose(fromJs.w, reference(N, nesterov), 'w (js)');
        expectClose(fromWasm.m, fromJs.m, 'm');
        expectClose(fromWasm.v, fromJs.v, 'v');
      });
    }
  }

  it('gives the same bits on one thread and two', function () {
    if (gemmImplementation() !== 'wasm-simd') this.skip();
    adamThresholds.wasm = 1;
    adamThresholds.parallel = 1;
    setGemmThreadCount(1);
    const one = adamSteps(N, false);
    setGemmThreadCount(2);
    expect(startGemmWorkers(20_000)).to.equal(1);
    const two = adamSteps(N, false);
    expect(Buffer.from(two.w.buffer).equals(Buffer.from(one.w.buffer))).to.equal(true);
    expect(Buffer.from(two.v.buffer).equals(Buffer.from(one.v.buffer))).to.equal(true);
  });
});

describe('ApplyGradientDescent in WebAssembly (training.c)', () => {
  const saved = { ...gradientDescentThresholds };
  afterEach(() => Object.assign(gradientDescentThresholds, saved));

  /** Two updates (the second in place on the first's staged buffer) of n parameters. */
  function descend(n: number): Float32Array {
    return new tf.Graph().as_default(() => {
      const w = tf.Variable(randomArray([n], 5), { name: 'w' });
      const first = makeOp('ApplyGradientDescent', [w._ref, 0.5, tf.constant(randomArray([n], 6))]);
      const second = tf.control_dependencies([first], () =>
        makeOp('ApplyGradientDescent', [w._ref, 0.25, tf.constant(randomArray([n], 7))]));
      const sess = new tf.Session();
      sess.run(tf.global_variables_initializer());
      sess.run(second);
      return (sess.run(w) as NDArray).data as Float32Array;
    });
  }

  it('matches var - alpha * grad in float64 and the JS loop, with a tail that is not a multiple of 4', function () {
    if (gemmImplementation() !== 'wasm-simd') this.skip();
    const n = 7843;
    const w0 = randomArray([n], 5).data, g1 = randomArray([n], 6).data, g2 = randomArray([n], 7).data;
    const expected = Array.from(w0, (x, i) => x - 0.5 * g1[i] - 0.25 * g2[i]);
    gradientDescentThresholds.wasm = 1;
    const fromWasm = descend(n);
    gradientDescentThresholds.wasm = Infinity;
    const fromJs = descend(n);
    expectClose(fromWasm, expected, 'w (wasm)');
    expectClose(fromJs, expected, 'w (js)');
  });
});

