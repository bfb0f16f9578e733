import { expect } from 'chai';
import * as tf from '../../lib/index';
import { NDArray } from '../../lib/framework/ndarray';
import { Xoshiro128 } from '../../lib/framework/random';

export interface GradientCheckOptions {
  /** Step of the central difference. */
  delta?: number;
  atol?: number;
  rtol?: number;
  /** Indices of the inputs to check (default: all float32 inputs). */
  wrt?: number[];
  /** Session config, so the same check runs on every backend. */
  config?: { device?: string };
  seed?: number;
}

/**
 * Numerical gradient check. Builds f on placeholders in a fresh graph, takes the
 * symbolic gradient of sum(f(x) * w) for a random weighting w (passed as grad_ys),
 * and compares it with central differences of the same sum, accumulated in float64.
 * Returns the largest absolute error seen.
 */
export function checkGradients(f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: NDArray[], options: GradientCheckOptions = {}): number {
  const delta = options.delta ?? 1e-3, atol = options.atol ?? 2e-3, rtol = options.rtol ?? 2e-2;
  const rng = new Xoshiro128(options.seed ?? 7, 11);
  const g = new tf.Graph();
  return g.as_default(() => {
    const phs = inputs.map((x, i) => tf.placeholder(x.dtype, x.shape, `x${i}`));
    const y = f(...phs);
    const sess = new tf.Session({ graph: g, config: options.config });
    const feed = () => new Map<tf.Tensor, NDArray>(phs.map((p, i) => [p, inputs[i]]));
    const y0 = sess.run(y, feed()) as NDArray | number;
    const yShape = typeof y0 === 'number' ? [] : y0.shape;
    const w = NDArray.zeros(yShape, 'float32');
    for (let i = 0; i < w.size; i++) w.data[i] = rng.uniform() * 2 - 1;
    const weighted = (v: NDArray | number) => {
      if (typeof v === 'number') return v * w.data[0];
      let s = 0;
      for (let i = 0; i < v.size; i++) s += v.data[i] * w.data[i];
      return s;
    };
    const wrt = options.wrt ?? inputs.map((x, i) => (x.dtype === 'float32' ? i : -1)).filter((i) => i >= 0);
    const symbolic = tf.gradients(y, wrt.map((i) => phs[i]), [tf.constant(w, y.dtype)]); // grad_ys in y's dtype (float64 too)
    let worst = 0;
    wrt.forEach((inputIndex, k) => {
      const sym = symbolic[k];
      expect(sym, `gradient for input ${inputIndex} should exist`).to.not.equal(null);
      const symVal = sess.run(sym!, feed()) as NDArray | number;
      const symData = typeof symVal === 'number' ? Float32Array.of(symVal) : symVal.data;
      const x = inputs[inputIndex];
      expect(symData.length, `gradient of input ${inputIndex} has the input's size`).to.equal(x.size);
      for (let j = 0; j < x.size; j++) {
        const saved = x.data[j];
        const probe = (v: number) => {
          const copy = x.clone();
          copy.data[j] = v;
          const m = feed();
          m.set(phs[inputIndex], copy);
          return weighted(sess.run(y, m) as NDArray | number);
        };
        const numeric = (probe(saved + delta) - probe(saved - delta)) / (2 * delta);
        const err = Math.abs(numeric - symData[j]);
        worst = Math.max(worst, err);
        if (err > atol + rtol * Math.abs(numeric)) {
          throw new Error(`Gradient mismatch for input ${inputIndex} element ${j}: symbolic ${symData[j]}, numeric ${numeric} (|err| ${err})`);
        }
      }
    });
    sess.close();
    return worst;
  });
}

/** A float32 NDArray of the given shape with uniform values in [lo, hi). */
export function randomArray(shape: number[], seed = 1, lo = -1, hi = 1): NDArray {
  const rng = new Xoshiro128(seed, 3);
  const a = NDArray.zeros(shape, 'float32');
  for (let i = 0; i < a.size; i++) a.data[i] = lo + (hi - lo) * rng.uniform();
  return a;
}
