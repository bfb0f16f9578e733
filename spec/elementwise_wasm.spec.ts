import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { elementwiseThresholds, expWasm, logWasm } from '../kernels/cpu/wasm_elementwise';
import { gemmImplementation } from '../kernels/cpu/gemm';
import { randomArray } from './helpers/gradient_check';
import { createWasmGemm } from '../kernels/cpu/wasm/wasm_gemm';
import { kernelRegistry, CpuKernel } from '../lib/registry/kernel_registry';
import { standaloneKernelContext } from '../lib/session/run_context';
import type { Operation } from '../lib/framework/operation';

/**
 * The WebAssembly paths of ReLU, ReluGrad, the bias add and the leading-axes sum
 * (kernels/cpu/wasm/elementwise.c) must give the JS kernels' exact bits, special
 * values included: they run the same float32 operations (bit masks for ReLU; float64
 * sums in row order).
 */
function specialValues(shape: number[], seed: number): NDArray {
  const a = randomArray(shape, seed);
  const specials = [0, -0, NaN, -NaN, Infinity, -Infinity, 1e-45, -1e-45, 3.4e38, -3.4e38];
  for (let i = 0; i < a.size; i += 7) a.data[i] = specials[(i / 7) % specials.length];
  return a;
}

/** Runs fn's fetches with the wasm paths on (every size) and off; returns both. */
function bothPaths(build: () => tf.Tensor[], feeds: (ts: tf.Tensor[]) => Map<tf.Tensor, NDArray>): [NDArray[], NDArray[]] {
  const run = (threshold: number) => new tf.Graph().as_default(() => {
    elementwiseThresholds.wasm = threshold;
    const fetches = build();
    return new tf.Session().run(fetches, feeds(fetches)) as NDArray[];
  });
  return [run(1), run(Infinity)];
}

const bits = (a: NDArray) => Array.from(new Uint32Array(new Float32Array(a.data as Float32Array).buffer));

describe('element-wise kernels in WebAssembly (elementwise.c)', () => {
  const saved = { ...elementwiseThresholds };
  afterEach(() => Object.assign(elementwiseThresholds, saved));
  before(function () { if (gemmImplementation() !== 'wasm-simd') this.skip(); }); // TENSORGRAPH_WASM=0: JS only

  // 3*5*7*6 = 630 values: 157 SIMD groups and a tail of 2.
  const SHAPE = [3, 5, 7, 6];
  let x: tf.Tensor, dy: tf.Tensor, b: tf.Tensor;
  const build = () => {
    x = tf.placeholder('float32', SHAPE);
    dy = tf.placeholder('float32', SHAPE);
    b = tf.placeholder('float32', [6]);
    const relu = tf.nn.relu(x);
    const reluGrad = tf.gradients(relu, x, dy)[0]!;
    const biased = tf.add(x, b);
    const biasAdd = tf.nn.bias_add(x, b);
    const biasGrad = tf.gradients(tf.nn.bias_add(x, b), b, dy)[0]!;
    const leadingSum = tf.reduce_sum(dy, [0, 1, 2]);
    return [relu, reluGrad, biased, biasAdd, biasGrad, leadingSum];
  };
  const feeds = () => new Map([[x, specialValues(SHAPE, 1)], [dy, specialValues(SHAPE, 2)], [b, randomArray([6], 3)]]);

  it('give the same bits as the JS kernels, NaN, -0, infinities and subnormals included', () => {
    const [fromWasm, fromJs] = bothPaths(build, feeds);
    const names = ['Relu', 'ReluGrad', 'Add (bias)', 'BiasAdd', 'BiasAddGrad', 'Sum over leading axes'];
    names.forEach((name, i) => expect(bits(fromWasm[i]), name).to.deep.equal(bits(fromJs[i])));
  });

  it('compute the right values', () => {
    const [fromWasm] = bothPaths(build, feeds);
    const xv = specialValues(SHAPE, 1).data, dv = specialValues(SHAPE, 2).data, bv = randomArray([6], 3).data;
    const relu = Array.from(xv, (v) => (v < 0 ? 0 : v));
    const reluGrad = Array.from(dv, (g, i) => (xv[i] > 0 ? g : 0));
    const biased = Array.from(xv, (v, i) => Math.fround(v + bv[i % 6]));
    const sums = [0, 1, 2, 3, 4, 5].map((j) => { let s = 0; for (let i = j; i < dv.length; i += 6) s += dv[i]; return Math.fround(s); });
    expect(Array.from(fromWasm[0].data)).to.deep.equal(relu);
    expect(Array.from(fromWasm[1].data)).to.deep.equal(reluGrad);
    expect(Array.from(fromWasm[2].data)).to.deep.equal(biased);
    expect(Array.from(fromWasm[3].data)).to.deep.equal(biased);
    expect(Array.from(fromWasm[4].data)).to.deep.equal(sums);
    expect(Array.from(fromWasm[5].data)).to.deep.equal(sums);
  });
});

describe('max pooling in WebAssembly (elementwise.c)', () => {
  const saved = { ...elementwiseThresholds };
  afterEach(() => Object.assign(elementwiseThresholds, saved));
  before(function () { if (gemmImplementation() !== 'wasm-simd') this.skip(); });

  /** Small integers (many ties, which go to the first max) with NaNs and infinities mixed in. */
  function tiedValues(shape: number[], seed: number): NDArray {
    const a = randomArray(shape, seed);
    for (let i = 0; i < a.size; i++) a.data[i] = Math.round(a.data[i] * 2);
    for (let i = 3; i < a.size; i += 11) a.data[i] = [NaN, Infinity, -Infinity, -0][(i / 11 | 0) % 4];
    return a;
  }

  const CASES: [string, number[], number[], number[], string][] = [
    ['2x2 stride 2 (tiling)', [2, 6, 8, 6], [1, 2, 2, 1], [1, 2, 2, 1], 'SAME'],
    ['3x3 stride 2 SAME (overlapping, padded)', [2, 7, 5, 6], [1, 3, 3, 1], [1, 2, 2, 1], 'SAME'],
    ['2x3 stride 1 VALID, 5 channels', [1, 5, 6, 5], [1, 2, 3, 1], [1, 1, 1, 1], 'VALID'],
  ];
  for (const [name, shape, ksize, strides, padding] of CASES) {
    it(`MaxPool and MaxPoolGrad give the JS kernels' bits: ${name}`, () => {
      const outputs = [1, Infinity].map((threshold) => new tf.Graph().as_default(() => {
        elementwiseThresholds.wasm = threshold;
        const x = tf.placeholder('float32', shape);
        const y = tf.nn.max_pool(x, ksize, strides, padding);
        const dy = tf.placeholder('float32', y.shape as number[]);
        const dx = tf.gradients(y, x, dy)[0]!;
        const sess = new tf.Session();
        return sess.run([y, dx], new Map([[x, tiedValues(shape, 1)], [dy, randomArray(y.shape as number[], 2)]])) as NDArray[];
      }));
      const [[yWasm, dxWasm], [yJs, dxJs]] = outputs;
      expect(bits(yWasm)).to.deep.equal(bits(yJs));
      expect(bits(dxWasm)).to.deep.equal(bits(dxJs));
      expect(Array.from(dxWasm.data).some((v) => v !== 0)).to.equal(true);
    });
  }
});

describe('exp, log and softmax in WebAssembly (elementwise.c)', () => {
  const saved = { ...elementwiseThresholds };
  afterEach(() => Object.assign(elementwiseThresholds, saved));
  before(function () { if (gemmImplementation() !== 'wasm-simd') this.skip(); });

  /** Distance in float32 units in the last place (0 when both are the same NaN class or infinity). */
  function ulps(a: number, b: number): number {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
    if (a === b) return 0;
    if (!Number.isFinite(a) || !Number.isFinite(b) || Math.sign(a) !== Math.sign(b)) return Infinity;
    const f = new Float32Array([a, b]), i = new Int32Array(f.buffer);
    return Math.abs(i[0] - i[1]);
  }

  function worst(values: Float32Array, run: (x: Float32Array, out: Float32Array) => boolean, ref: (v: number) => number) {
    const out = new Float32Array(values.length);
    expect(run(values, out)).to.equal(true);
    let max = 0, at = -1;
    values.forEach((v, i) => { const u = ulps(out[i], Math.fround(ref(v))); if (u > max) { max = u; at = i; } });
    return { max, input: at >= 0 ? values[at] : NaN, got: at >= 0 ? out[at] : NaN };
  }

  const sweep = (lo: number, hi: number, n: number) => Float32Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  const specials = Float32Array.from([NaN, Infinity, -Infinity, 0, -0, 1, -1, 1e-45, -1e-45, 1.17549435e-38,
    88.72, 88.7228, 88.73, 89, -87.3, -87.4, -100, -103.9, -104, -200, 3.4e38, -3.4e38, 2.5e-39]);

  it('exp is within 2 ulp of Math.exp rounded to float32, subnormal results and special values included', () => {
    elementwiseThresholds.transcendental = 1;
    for (const values of [sweep(-110, 90, 200001), sweep(-1, 1, 20001), specials]) {
      const w = worst(values, expWasm, Math.exp);
      expect(w.max, `exp(${w.input}) = ${w.got}`).to.be.at.most(2);
    }
  });

  it('log is within 2 ulp of Math.log rounded to float32, subnormal inputs and special values included', () => {
    elementwiseThresholds.transcendental = 1;
    const subnormals = Float32Array.from({ length: 5000 }, (_, i) => 1e-45 * (1 + i * 1673));
    const wide = Float32Array.from({ length: 100000 }, (_, i) => Math.exp(-87 + (175 * i) / 99999));
    for (const values of [sweep(0, 4, 100001), wide, subnormals, specials]) {
      const w = worst(values, logWasm, Math.log);
      expect(w.max, `log(${w.input}) = ${w.got}`).to.be.at.most(2);
    }
  });

  it('softmax, Exp and Log ops agree with the JS kernels to a few ulp and keep NaN and infinities as they do', () => {
    const shape = [37, 11]; // 407 values: over the threshold, a tail of 3
    const logits = randomArray(shape, 9);
    logits.data.forEach((v, i) => { logits.data[i] = v * 30; });
    logits.data[5] = NaN; logits.data[30] = Infinity; logits.data[60] = -Infinity;
    const run = (threshold: number) => new tf.Graph().as_default(() => {
      elementwiseThresholds.transcendental = threshold;
      const x = tf.placeholder('float32', shape);
      return new tf.Session().run([tf.nn.softmax(x), tf.exp(x), tf.log(tf.abs(x))], new Map([[x, logits]])) as NDArray[];
    });
    const [fromWasm, fromJs] = [run(1), run(Infinity)];
    fromWasm.forEach((out, k) => out.data.forEach((v, i) => {
      const ref = fromJs[k].data[i];
      if (k > 0) { expect(ulps(v, ref), `output ${k} [${i}]: ${v} vs ${ref}`).to.be.at.most(2); return; }
      // Softmax: the wasm kernel takes x - max in float32 (as TF's does), the JS one in
      // float64, so a value e^(x - max) differs by up to |x - max| units of 2^-24.
      if (Number.isNaN(ref)) { expect(v).to.be.NaN; return; }
      const row = Math.floor(i / 11), xs = Array.from(logits.data.slice(row * 11, row * 11 + 11));
      const gap = Math.abs(logits.data[i] - Math.max(...xs.filter((x) => !Number.isNaN(x))));
      if (!Number.isFinite(gap)) { expect(v).to.equal(ref); return; }
      expect(Math.abs(v - ref), `softmax [${i}]: ${v} vs ${ref}`).to.be.at.most((gap + 4) * 2 ** -23 * Math.abs(ref) + 1e-30);
    }));
  });
});

describe('kernels whose WebAssembly path declines (the operands do not fit in its memory)', () => {
  const engine = createWasmGemm();
  const saved = { ...elementwiseThresholds };
  before(function () { if (engine === null) this.skip(); }); // TENSORGRAPH_WASM=0: nothing to decline
  afterEach(() => {
    Object.assign(elementwiseThresholds, saved);
    engine!.memoryLimitBytes = 2 ** 32;
  });

  /** The kernel's output, and the sizes it allocated, with wasm allowed (threshold 1) or not (Infinity). */
  function runKernel(op: Operation, inputs: NDArray[], threshold: number): { out: NDArray; allocations: number[] } {
    elementwiseThresholds.wasm = elementwiseThresholds.transcendental = threshold;
    const allocations: number[] = [];
    const ctx = standaloneKernelContext(op, {
      allocate: (dtype, size) => { allocations.push(size); return new Float32Array(size); },
    });
    const out = kernelRegistry().get<CpuKernel>(op.type, 'cpu')!(inputs, ctx) as NDArray;
    return { out, allocations };
  }

  const cases: [string, (x: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
    ['Softmax', (x) => tf.nn.softmax(x)],
    ['Exp', (x) => tf.exp(x)],
    ['Log', (x) => tf.log(x)],
    ['Add (a bias over rows)', (x, b) => tf.add(x, b)],
  ];
  for (const [name, build] of cases) {
    it(`${name}: allocates one output, which the JS loop fills`, () => {
      new tf.Graph().as_default(() => {
        const x = randomArray([40, 30], 11), b = randomArray([30], 12);
        x.data.forEach((v, i) => { x.data[i] = Math.abs(v) + 0.5; }); // log's domain
        const op = build(tf.placeholder('float32', [40, 30]), tf.placeholder('float32', [30])).op;
        const inputs = op.type === 'Add' ? [x, b] : [x];
        const js = runKernel(op, inputs, Infinity);
        engine!.memoryLimitBytes = 0;
        const declined = runKernel(op, inputs, 1);
        expect(declined.allocations).to.deep.equal([1200]);
        expect(declined.out.shape).to.deep.equal([40, 30]);
        expect(bits(declined.out)).to.deep.equal(bits(js.out));
      });
    });
  }
});
