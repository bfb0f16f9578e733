import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { InvalidArgumentError } from '../lib/framework/errors';
import { Xoshiro128 } from '../lib/framework/random';
import {
  gemm, gemmImplementation, gemmThreadCount, gemmThresholds, setGemmThreadCount, startGemmWorkers,
} from '../kernels/cpu/gemm';
import { createWasmGemm } from '../kernels/cpu/wasm/wasm_gemm';

/** Values in [-1, 1) from a seeded stream, with a few exact zeros (ReLU outputs have many). */
function randomValues(length: number, rng: Xoshiro128): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = i % 11 === 3 ? 0 : rng.uniform() * 2 - 1;
  return out;
}

/** op(A)·op(B) in float64 with the sum of |terms|, which bounds float32 rounding error. */
function reference(m: number, n: number, k: number, a: Float32Array, transA: boolean, b: Float32Array,
  transB: boolean): { value: Float64Array; magnitude: Float64Array } {
  const value = new Float64Array(m * n), magnitude = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0, abs = 0;
      for (let p = 0; p < k; p++) {
        const t = (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
        s += t;
        abs += Math.abs(t);
      }
      value[i * n + j] = s;
      magnitude[i * n + j] = abs;
    }
  }
  return { value, magnitude };
}

interface Case { m: number; n: number; k: number; transA: boolean; transB: boolean; accumulate: boolean }

/** Runs one product through gemm and returns a description of the first wrong value, or null. */
function mismatch(c: Case, rng: Xoshiro128): string | null {
  const { m, n, k, transA, transB, accumulate } = c;
  const a = randomValues(m * k, rng), b = randomValues(k * n, rng);
  const initial = randomValues(m * n, rng);
  const aCopy = a.slice(), bCopy = b.slice();
  const out = initial.slice();
  gemm(m, n, k, a, transA, b, transB, out, accumulate);
  const ref = reference(m, n, k, a, transA, b, transB);
  for (let i = 0; i < m * n; i++) {
    const expected = ref.value[i] + (accumulate ? initial[i] : 0);
    const tolerance = 1e-6 * (k + 4) * (ref.magnitude[i] + (accumulate ? Math.abs(initial[i]) : 0)) + 1e-6;
    if (!(Math.abs(out[i] - expected) <= tolerance)) {
      return `${JSON.stringify(c)}: out[${i}] = ${out[i]}, expected ${expected} ± ${tolerance}`;
    }
  }
  if (a.some((v, i) => v !== aCopy[i]) || b.some((v, i) => v !== bCopy[i])) return `${JSON.stringify(c)}: mutated an input`;
  return null;
}

/** Every combination of the given sizes, both transposes and accumulate on/off. */
function allCases(sizes: number[]): Case[] {
  const cases: Case[] = [];
  for (const m of sizes) for (const n of sizes) for (const k of sizes) {
    for (const transA of [false, true]) for (const transB of [false, true]) {
      cases.push({ m, n, k, transA, transB, accumulate: (m + n + k) % 2 === 1 });
    }
  }
  return cases;
}

/**
 * Sizes around the micro-tile (4x8, a last strip of <= 4 columns run 4 wide), the
 * in-place reading of A (n <= 16) and the cache blocks (KC 256, MC 128, NC 2048).
 */
const BLOCK_EDGE_CASES: Case[] = [
  [130, 17, 300], [257, 9, 513], [5, 2100, 3], [129, 2049, 2], [64, 64, 64], [1, 700, 1], [700, 1, 700],
  [3, 3, 1000], [9, 1031, 17], [1031, 9, 17], [100, 10, 784], [131, 10, 257], [12, 12, 40], [6, 20, 9],
  [9, 36, 5], [50, 1024, 10],
].flatMap(([m, n, k]) => [false, true].flatMap((transA) => [false, true].map((transB) =>
  ({ m, n, k, transA, transB, accumulate: transA !== transB }))));

/**
 * Narrow products (n < 16, not a multiple of 8): dot products along k when A is not
 * transposed (k >= 32), outer products along m when it is (m >= 8). Row counts around
 * the 2-row and 8/4-row tiles, k around the 4-step vectors and the 32768-step blocks of
 * the packed B, every column count from 1 to 15.
 */
const NARROW_CASES: Case[] = [
  ...[1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15].flatMap((n) => [[1, n, 33], [7, n, 35], [13, n, 64], [8, n, 3]]),
  [100, 10, 784], [784, 10, 100], [9, 10, 31], [31, 10, 32], [12, 3, 1], [3, 3, 32771], [11, 5, 32770],
].flatMap(([m, n, k]) => [false, true].flatMap((transA) => [false, true].map((transB) =>
  ({ m, n, k, transA, transB, accumulate: (m + k) % 2 === 0 }))));

const SMALL_SIZES = [0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 33];

function expectAllCorrect(cases: Case[], seed: number): void {
  const rng = new Xoshiro128(seed, 3);
  const failures = cases.map((c) => mismatch(c, rng)).filter((f) => f !== null);
  expect(failures.slice(0, 5), `${failures.length} of ${cases.length} products wrong`).to.deep.equal([]);
}

describe('gemm (fast CPU matrix product)', () => {
  const saved = { ...gemmThresholds };
  const savedThreads = gemmThreadCount();
  afterEach(() => {
    Object.assign(gemmThresholds, saved);
    setGemmThreadCount(savedThreads);
  });

  it('uses the WebAssembly SIMD kernel unless TENSORGRAPH_WASM=0 asks for the JS loop', () => {
    expect(gemmImplementation()).to.equal(process.env.TENSORGRAPH_WASM === '0' ? 'js' : 'wasm-simd');
  });

  describe('the JS loop (small products)', () => {
    beforeEach(() => { gemmThresholds.wasmMinMacs = Infinity; });
    it('matches the reference for all small shapes, transposes and accumulate', () => {
      expectAllCorrect(allCases([0, 1, 2, 3, 5, 8, 9]), 1);
    });
  });

  describe('the WebAssembly kernel on the calling thread', () => {
    beforeEach(() => { gemmThresholds.wasmMinMacs = 0; gemmThresholds.parallelMinMacs = Infinity; });
    it('matches the reference for all small shapes (odd, size-1, k = 0), transposes and accumulate', () => {
      expectAllCorrect(allCases(SMALL_SIZES), 2);
    });
    it('matches the reference across the micro-tile and cache-block edges', () => {
      expectAllCorrect(BLOCK_EDGE_CASES, 3);
    });
    it('matches the reference for narrow products (n < 16) on both narrow forms and their edges', () => {
      expectAllCorrect(NARROW_CASES, 4);
    });
  });

  describe('the WebAssembly kernel split over worker threads', () => {
    before(() => {
      setGemmThreadCount(2);
      expect(startGemmWorkers(20_000)).to.equal(gemmImplementation() === 'wasm-simd' ? 1 : 0);
    });
    beforeEach(() => { setGemmThreadCount(2); gemmThresholds.wasmMinMacs = 0; gemmThresholds.parallelMinMacs = 0; });
    it('matches the reference for small shapes, transposes and accumulate', () => {
      expectAllCorrect(allCases([1, 3, 8, 9, 33]), 4);
    });
    it('matches the reference across block edges, split by rows (m > n) and by columns (n > m)', () => {
      expectAllCorrect(BLOCK_EDGE_CASES, 5);
    });
    it('matches the reference for narrow products split into bands (their forms run on offset pointers)', () => {
      expectAllCorrect(NARROW_CASES, 8);
    });
    it('gives the same bits as the single-threaded kernel (each value has one owner thread)', () => {
      const rng = new Xoshiro128(6, 3);
      const [m, n, k] = [301, 203, 517];
      const a = randomValues(m * k, rng), b = randomValues(k * n, rng);
      const parallelOut = new Float32Array(m * n), serialOut = new Float32Array(m * n);
      gemm(m, n, k, a, false, b, true, parallelOut);
      gemmThresholds.parallelMinMacs = Infinity;
      gemm(m, n, k, a, false, b, true, serialOut);
      expect(Buffer.compare(Buffer.from(parallelOut.buffer), Buffer.from(serialOut.buffer))).to.equal(0);
    });
    it('runs with more threads than cores (4 participants on this machine)', () => {
      setGemmThreadCount(4);
      expect(startGemmWorkers(20_000)).to.equal(gemmImplementation() === 'wasm-simd' ? 3 : 0);
      expectAllCorrect(BLOCK_EDGE_CASES.slice(0, 8), 7);
    });
  });

  for (const path of ['js', 'wasm'] as const) {
    describe(`special values and layouts (${path})`, () => {
      beforeEach(() => { gemmThresholds.wasmMinMacs = path === 'js' ? Infinity : 0; });
      it('propagates NaN and gives NaN for 0 * Infinity, as IEEE arithmetic does', () => {
        const a = Float32Array.from([0, 1, 2, 3]), b = Float32Array.from([Infinity, 1, NaN, 1]);
        const out = new Float32Array(4);
        gemm(2, 2, 2, a, false, b, false, out); // [[0*Inf + 1*NaN, 0 + 1], [2*Inf + 3*NaN, 2 + 3]]
        expect(Number.isNaN(out[0])).to.equal(true);
        expect(out[1]).to.equal(1);
        expect(Number.isNaN(out[2])).to.equal(true);
        expect(out[3]).to.equal(5);
        gemm(1, 1, 1, Float32Array.from([0]), false, Float32Array.from([Infinity]), false, out);
        expect(Number.isNaN(out[0])).to.equal(true);
      });
      it('writes only the first m*n values of a longer output and reads only the needed input values', () => {
        const a = Float32Array.from([1, 2, 3, 4, 99]), b = Float32Array.from([1, 0, 0, 1, 99]);
        const out = Float32Array.from([7, 7, 7, 7, -5, -6]);
        gemm(2, 2, 2, a, false, b, false, out);
        expect(Array.from(out)).to.deep.equal([1, 2, 3, 4, -5, -6]);
      });
      it('k = 0 gives zeros, or leaves the output unchanged when accumulating', () => {
        const out = Float32Array.from([5, 6, 7, 8, 9, 10]);
        gemm(2, 3, 0, new Float32Array(0), false, new Float32Array(0), true, out, true);
        expect(Array.from(out)).to.deep.equal([5, 6, 7, 8, 9, 10]);
        gemm(2, 3, 0, new Float32Array(0), false, new Float32Array(0), true, out);
        expect(Array.from(out)).to.deep.equal([0, 0, 0, 0, 0, 0]);
      });
    });
  }

  it('rejects operands too short for the product, naming gemm and the sizes', () => {
    expect(() => gemm(2, 2, 3, new Float32Array(5), false, new Float32Array(6), false, new Float32Array(4)))
      .to.throw(InvalidArgumentError, /gemm: operands too short for a 2x3 by 3x2 product \(A has 5 values/);
    expect(() => setGemmThreadCount(0)).to.throw(InvalidArgumentError, /thread count must be a positive integer; got 0/);
  });

  it('serves tf.matmul: a 200x300 by 300x150 product through a session matches the reference', () => {
    const rng = new Xoshiro128(8, 3);
    const a = randomValues(200 * 300, rng), b = randomValues(150 * 300, rng);
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder('float32', [200, 300]), w = tf.placeholder('float32', [150, 300]);
      const y = tf.matmul(x, w, { transpose_b: true });
      const out = new tf.Session({ graph: g }).run(y, new Map([[x, new NDArray(a, [200, 300], 'float32')],
        [w, new NDArray(b, [150, 300], 'float32')]])) as NDArray;
      expect(out.shape).to.deep.equal([200, 150]);
      const ref = reference(200, 150, 300, a, false, b, true);
      let worst = 0;
      for (let i = 0; i < ref.value.length; i++) worst = Math.max(worst, Math.abs(out.data[i] - ref.value[i]));
      expect(worst).to.be.below(1e-4);
    });
  });
});

describe('gemm: a feed multiplied twice in one run is copied into wasm memory once', () => {
  const engine = createWasmGemm();
  const matmulsOf = (aName: string) => {
    const x = tf.placeholder('float32', [6, 40], aName);
    const W1 = tf.constant(NDArray.from(Array.from({ length: 40 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i - j) / 40))));
    const W2 = tf.constant(NDArray.from(Array.from({ length: 40 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i * j) / 400))));
    return { x, W1, W2 };
  };
  const product = (x: Float32Array, w: NDArray) => {
    const out = new Float64Array(60);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 10; j++) for (let p = 0; p < 40; p++) out[i * 10 + j] += x[i * 40 + p] * w.data[p * 10 + j];
    return out;
  };
  const expectProduct = (actual: NDArray, x: Float32Array, w: NDArray) => {
    const ref = product(x, w);
    ref.forEach((v, i) => expect(actual.data[i]).to.be.closeTo(v, 1e-4));
  };

  it('skips the second copy, and a feed array refilled between runs is copied again', function () {
    if (engine === null) this.skip(); // TENSORGRAPH_WASM=0: no wasm memory to copy into
    new tf.Graph().as_default(() => {
      const { x, W1, W2 } = matmulsOf('x');
      const y1 = tf.matmul(x, W1), y2 = tf.matmul(x, W2);
      const sess = new tf.Session();
      const feed = new Float32Array(240).map((_, i) => Math.sin(i));
      const before = engine!.feedCopiesSkipped;
      let [r1, r2] = sess.run([y1, y2], new Map([[x, new NDArray(feed, [6, 40], 'float32')]])) as NDArray[];
      expect(engine!.feedCopiesSkipped).to.equal(before + 1);
      expectProduct(r1, feed, W1.op.attrs.value as NDArray);
      expectProduct(r2, feed, W2.op.attrs.value as NDArray);
      feed.forEach((v, i) => { feed[i] = Math.cos(i * 3); });
      [r1, r2] = sess.run([y1, y2], new Map([[x, new NDArray(feed, [6, 40], 'float32')]])) as NDArray[];
      expectProduct(r1, feed, W1.op.attrs.value as NDArray);
      expectProduct(r2, feed, W2.op.attrs.value as NDArray);
    });
  });

  it('keeps the copy intact across products, log and softmax that run in wasm memory between the two', function () {
    if (engine === null) this.skip();
    new tf.Graph().as_default(() => {
      // x (10,000 values) is copied for y1; h is a recycled output in wasm memory (4,096
      // values, read in place), so the product z copies only its B, which must not land
      // on x's copy; the softmax and log run in wasm too; y2 then reuses x's copy.
      const x = tf.placeholder('float32', [100, 100]);
      const W1 = tf.constant(NDArray.from(Array.from({ length: 100 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i + j) / 100))));
      const y1 = tf.matmul(x, W1);
      const h = tf.nn.relu(tf.constant(NDArray.from(Array.from({ length: 64 }, (_, i) => Array.from({ length: 64 }, (_, j) => i - j)))));
      const z = tf.matmul(h, tf.constant(NDArray.from(Array.from({ length: 64 }, (_, i) => Array.from({ length: 64 }, (_, j) => (i * j) % 7)))));
      const s = tf.log(tf.nn.softmax(tf.reshape(z, [64, 64])));
      const y2 = tf.matmul(x, W1);
      const sess = new tf.Session();
      const feed = new Float32Array(10000).map((_, i) => Math.sin(i));
      // The first run allocates h's buffer in wasm memory, which moves the operand area
      // (and drops the copy); from the second run on, h's buffer is recycled.
      for (let run = 0; run < 3; run++) {
        const skipped = engine!.feedCopiesSkipped;
        const [r1, , , r2] = sess.run([y1, z, s, y2], new Map([[x, new NDArray(feed, [100, 100], 'float32')]])) as NDArray[];
        expect(Array.from(r2.data)).to.deep.equal(Array.from(r1.data));
        // (Without recycling h is an ordinary array, copied over x's copy: nothing to reuse.)
        if (run > 0 && process.env.TENSORGRAPH_RECYCLE_BUFFERS !== '0') expect(engine!.feedCopiesSkipped).to.equal(skipped + 1);
      }
    });
  });

  it('never reuses the copy of a value computed in the run (its buffer may be recycled)', function () {
    if (engine === null) this.skip();
    new tf.Graph().as_default(() => {
      const { x, W1, W2 } = matmulsOf('x');
      const h = tf.nn.relu(x);
      const y1 = tf.matmul(h, W1), y2 = tf.matmul(h, W2);
      const sess = new tf.Session();
      const before = engine!.feedCopiesSkipped;
      sess.run([y1, y2], new Map([[x, NDArray.from(Array.from({ length: 6 }, () => new Array(40).fill(1)))]]));
      expect(engine!.feedCopiesSkipped).to.equal(before);
    });
  });
});
