import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { Xoshiro128 } from '../lib/framework/random';
import { randomArray } from './helpers/gradient_check';
import {
  ConvCase, geometry, maxRelError, refConv2D, refConv2DBackpropFilter, refConv2DBackpropInput,
} from './helpers/conv_reference';
import {
  gemmImplementation, gemmThreadCount, gemmThresholds, setGemmThreadCount, startGemmWorkers,
} from '../kernels/cpu/gemm';
import { patchBlockLimit } from '../kernels/cpu/im2col';
import { window2D, Window2D } from '../kernels/cpu/conv_geometry';
import { convInWasm, ConvKind } from '../kernels/cpu/conv_wasm';
import { createWasmGemm } from '../kernels/cpu/wasm/wasm_gemm';

/*
 * The convolutions in the WebAssembly module (kernels/cpu/wasm/conv.c) against the
 * direct-loop references and against the JS path, on the calling thread and shared
 * over worker threads, with the batch in one block or in many.
 */

const wasmLoaded = gemmImplementation() === 'wasm-simd';

function convCase(x: number[], w: number[], strides: number[], padding: string, dilations = [1, 1, 1, 1],
  seed = 1): ConvCase {
  return { x: randomArray(x, seed), w: randomArray(w, seed + 1000), strides, padding, dilations };
}

/** Hand-picked problems: strides 1/2, SAME/VALID, dilation, odd sizes, channels 1/3/32, batch 1 and several, 1x1. */
const CASES: ConvCase[] = [
  convCase([1, 7, 7, 1], [3, 3, 1, 2], [1, 1, 1, 1], 'SAME'),
  convCase([3, 9, 8, 3], [3, 3, 3, 5], [1, 2, 2, 1], 'SAME'),
  convCase([2, 11, 9, 3], [4, 2, 3, 4], [1, 2, 1, 1], 'VALID'),
  convCase([5, 8, 8, 32], [3, 3, 32, 6], [1, 1, 1, 1], 'SAME'),
  convCase([2, 9, 10, 32], [5, 5, 32, 9], [1, 2, 2, 1], 'VALID'),
  convCase([4, 10, 11, 3], [3, 3, 3, 4], [1, 1, 1, 1], 'SAME', [1, 2, 2, 1]),
  convCase([2, 12, 9, 1], [3, 2, 1, 3], [1, 1, 1, 1], 'VALID', [1, 1, 3, 1]),
  convCase([3, 13, 13, 3], [3, 3, 3, 5], [1, 2, 2, 1], 'SAME', [1, 2, 1, 1]),
  convCase([6, 5, 7, 32], [1, 1, 32, 7], [1, 1, 1, 1], 'VALID'),
  convCase([3, 6, 6, 3], [1, 1, 3, 4], [1, 2, 2, 1], 'SAME'),
  convCase([1, 4, 4, 3], [5, 5, 3, 2], [1, 1, 1, 1], 'SAME'),
  convCase([17, 6, 5, 1], [5, 5, 1, 32], [1, 1, 1, 1], 'SAME'),
];

/** Random small problems, as spec/conv_ops.spec.ts draws them. */
function randomCases(count: number, seed: number): ConvCase[] {
  const rng = new Xoshiro128(seed, 9);
  const int = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
  return Array.from({ length: count }, (_, t) => {
    const dil = t % 4 === 3 ? [1, 2, 2, 1] : [1, 1, 1, 1];
    const kh = int(1, 4), kw = int(1, 4);
    const minH = (kh - 1) * dil[1] + 1, minW = (kw - 1) * dil[2] + 1;
    const channels = [1, 3, 8][t % 3];
    return convCase([int(1, 6), int(minH, minH + 6), int(minW, minW + 6), channels], [kh, kw, channels, int(1, 9)],
      [1, 1 + (t % 3 === 1 ? 1 : 0), 1 + (t % 2), 1], t % 2 === 0 ? 'SAME' : 'VALID', dil, 500 + 3 * t);
  });
}

function describeCase(c: ConvCase): string {
  return `x ${c.x.shape} w ${c.w.shape} strides ${c.strides} ${c.padding} dilations ${c.dilations}`;
}

function dyFor(c: ConvCase, seed: number): NDArray {
  const gh = geometry(c.x.shape[1], c.w.shape[0], c.strides[1], c.dilations[1], c.padding);
  const gw = geometry(c.x.shape[2], c.w.shape[1], c.strides[2], c.dilations[2], c.padding);
  return randomArray([c.x.shape[0], gh.out, gw.out, c.w.shape[3]], seed);
}

/** [y, dx, dw] of each case through a session: Conv2D and its two backprop ops. */
function runConvs(cases: ConvCase[]): NDArray[][] {
  const g = new tf.Graph();
  return g.as_default(() => {
    const sess = new tf.Session({ graph: g });
    try {
      return cases.map((c, t) => {
        const opts = { dilations: c.dilations };
        const x = tf.constant(c.x), w = tf.constant(c.w), dy = tf.constant(dyFor(c, 900 + t));
        return sess.run([
          tf.nn.conv2d(x, w, c.strides, c.padding, opts),
          tf.nn.conv2d_backprop_input(c.x.shape, w, dy, c.strides, c.padding, opts),
          tf.nn.conv2d_backprop_filter(x, c.w.shape, dy, c.strides, c.padding, opts),
        ]) as NDArray[];
      });
    } finally {
      sess.close();
    }
  });
}

/**
 * tolerance: largest error relative to max(1, |reference|). Sums of thousands of float32
 * products of mixed signs (the filter gradient of a large image) cancel to values far
 * smaller than the sum of the terms' sizes, so long sums get a looser bound.
 */
function expectMatchesReference(cases: ConvCase[], tolerance = 1e-5): void {
  const results = runConvs(cases);
  cases.forEach((c, t) => {
    const dy = dyFor(c, 900 + t);
    const [y, dx, dw] = results[t];
    expect(maxRelError(y, refConv2D(c)), 'Conv2D ' + describeCase(c)).to.be.below(tolerance);
    expect(maxRelError(dx, refConv2DBackpropInput(c, dy)), 'Conv2DBackpropInput ' + describeCase(c)).to.be.below(tolerance);
    expect(maxRelError(dw, refConv2DBackpropFilter(c, dy)), 'Conv2DBackpropFilter ' + describeCase(c)).to.be.below(tolerance);
  });
}

interface Path { name: string; wasm: boolean; threads: number }

const PATHS: Path[] = [
  { name: 'the JS path (im2col.ts and gemm.ts)', wasm: false, threads: 1 },
  { name: 'the wasm path on the calling thread', wasm: true, threads: 1 },
  { name: 'the wasm path shared by 2 threads', wasm: true, threads: 2 },
  { name: 'the wasm path shared by 4 threads (more than this machine has cores)', wasm: true, threads: 4 },
];

describe('convolutions in the WebAssembly module', () => {
  const savedThresholds = { ...gemmThresholds };
  const savedThreads = gemmThreadCount();
  const savedBlock = patchBlockLimit.floats;
  afterEach(() => {
    Object.assign(gemmThresholds, savedThresholds);
    setGemmThreadCount(savedThreads);
    patchBlockLimit.floats = savedBlock;
  });

  for (const path of PATHS) {
    describe(path.name, () => {
      before(() => {
        setGemmThreadCount(path.threads);
        if (path.threads > 1) expect(startGemmWorkers(20_000)).to.equal(wasmLoaded ? path.threads - 1 : 0);
      });
      beforeEach(() => {
        setGemmThreadCount(path.threads);
        gemmThresholds.wasmMinMacs = path.wasm ? 0 : Infinity;
        gemmThresholds.parallelMinMacs = path.threads > 1 ? 0 : Infinity;
      });

      it('matches the references on strides 1/2, SAME/VALID, dilations, odd sizes, channels 1/3/32, 1x1', () => {
        expectMatchesReference(CASES);
      });

      it('matches them with one image per block (many blocks; the filter gradient sums them all)', () => {
        patchBlockLimit.floats = 1;
        expectMatchesReference(CASES);
      });

      it('matches them on random small problems', () => {
        expectMatchesReference(randomCases(12, path.threads));
      });
    });
  }

  describe('with threads', () => {
    beforeEach(() => {
      setGemmThreadCount(2);
      startGemmWorkers(20_000);
      gemmThresholds.wasmMinMacs = 0;
      gemmThresholds.parallelMinMacs = 0;
    });

    it('sums each thread\'s filter-gradient accumulator, and none is left from an earlier call', () => {
      patchBlockLimit.floats = 1;
      for (const threads of [2, 4, 2]) {
        setGemmThreadCount(threads);
        startGemmWorkers(20_000);
        // Fresh values each time: an accumulator left over from the previous call would show.
        const cases = [convCase([9, 7, 6, 3], [3, 3, 3, 8], [1, 1, 1, 1], 'SAME', [1, 1, 1, 1], 40 + threads),
          convCase([2, 7, 6, 3], [3, 3, 3, 8], [1, 1, 1, 1], 'SAME', [1, 1, 1, 1], 60 + threads)];
        expectMatchesReference(cases);
      }
    });

    it('shares the tasks: a worker thread takes some of a large enough convolution (wasm only)', () => {
      const c = convCase([16, 14, 14, 32], [5, 5, 32, 32], [1, 1, 1, 1], 'SAME', [1, 1, 1, 1], 5);
      const g = window2D(c.x.shape, { kH: 5, kW: 5, strideH: 1, strideW: 1, dilH: 1, dilW: 1, padding: 'SAME' }) as Window2D;
      const out = new Float32Array(16 * 14 * 14 * 32);
      const x = c.x.data as Float32Array, w = c.w.data as Float32Array;
      if (!wasmLoaded) {
        expect(convInWasm(ConvKind.Forward, g, 32, x, w, out)).to.equal(false);
        return;
      }
      // A worker that is asleep or descheduled may find every task taken; over a few
      // calls one takes part (the calling thread alone would leave the count at 1).
      let most = 0;
      for (let attempt = 0; attempt < 50 && most < 2; attempt++) {
        expect(convInWasm(ConvKind.Forward, g, 32, x, w, out)).to.equal(true);
        most = Math.max(most, createWasmGemm()!.lastConvThreads);
      }
      expect(most).to.equal(2);
      expect(maxRelError(new NDArray(out, [16, 14, 14, 32], 'float32'), refConv2D(c))).to.be.below(1e-4); // 800-term sums
    });

    it('leaves a large batch-1 convolution to the JS path, whose GEMM the threads share', () => {
      const c = convCase([1, 20, 20, 8], [3, 3, 8, 8], [1, 1, 1, 1], 'SAME');
      const g = window2D(c.x.shape, { kH: 3, kW: 3, strideH: 1, strideW: 1, dilH: 1, dilW: 1, padding: 'SAME' }) as Window2D;
      const out = new Float32Array(20 * 20 * 8);
      expect(convInWasm(ConvKind.Forward, g, 8, c.x.data as Float32Array, c.w.data as Float32Array, out)).to.equal(false);
      setGemmThreadCount(1);
      expect(convInWasm(ConvKind.Forward, g, 8, c.x.data as Float32Array, c.w.data as Float32Array, out)).to.equal(wasmLoaded);
      expectMatchesReference([c]);
    });

    it('gives the same bits with 1, 2 and 4 threads, however the tasks fall to them', () => {
      const c = convCase([20, 9, 9, 8], [3, 3, 8, 16], [1, 1, 1, 1], 'SAME', [1, 1, 1, 1], 77);
      const bits = (threads: number) => {
        setGemmThreadCount(threads);
        startGemmWorkers(20_000);
        return runConvs([c])[0].map((v) => Buffer.from((v.data as Float32Array).buffer).toString('hex'));
      };
      const single = bits(1);
      for (const threads of [2, 4, 2, 4]) expect(bits(threads), `${threads} threads`).to.deep.equal(single);
    });

    it('gives the JS path\'s results on Deep MNIST\'s second layer ([8,14,14,32] * [5,5,32,64])', () => {
      const c = convCase([8, 14, 14, 32], [5, 5, 32, 64], [1, 1, 1, 1], 'SAME');
      const viaWasm = runConvs([c])[0];
      gemmThresholds.wasmMinMacs = Infinity;
      const viaJs = runConvs([c])[0];
      // Sums of 800 (forward) to 1568 (filter gradient) products, added in different orders.
      viaWasm.forEach((v, i) => expect(maxRelError(v, viaJs[i]), `output ${i}`).to.be.below(1e-4));
    });

    it('grows its memory for a larger problem and keeps working on smaller ones after', () => {
      expectMatchesReference([
        convCase([2, 5, 5, 3], [3, 3, 3, 4], [1, 1, 1, 1], 'SAME'),
        convCase([2, 90, 90, 8], [3, 3, 8, 8], [1, 1, 1, 1], 'SAME', [1, 1, 1, 1], 7),
        convCase([3, 6, 5, 2], [2, 2, 2, 3], [1, 2, 1, 1], 'VALID', [1, 1, 1, 1], 8),
      ], 5e-4); // the filter gradient of the 90x90 images sums 16,200 products
    });
  });

  it('takes the convolution when the module is loaded, and leaves it to the JS path otherwise', () => {
    const c = CASES[1];
    const g = window2D(c.x.shape, { kH: 3, kW: 3, strideH: 2, strideW: 2, dilH: 1, dilW: 1, padding: 'SAME' }) as Window2D;
    const out = new Float32Array(g.batch * g.outH * g.outW * c.w.shape[3]);
    gemmThresholds.wasmMinMacs = 0;
    expect(convInWasm(ConvKind.Forward, g, c.w.shape[3], c.x.data as Float32Array, c.w.data as Float32Array, out))
      .to.equal(wasmLoaded);
    if (wasmLoaded) expect(maxRelError(new NDArray(out, refConv2D(c).shape, 'float32'), refConv2D(c))).to.be.below(1e-5);
    gemmThresholds.wasmMinMacs = Infinity;
    expect(convInWasm(ConvKind.Forward, g, c.w.shape[3], c.x.data as Float32Array, c.w.data as Float32Array, out))
      .to.equal(false);
  });
});
