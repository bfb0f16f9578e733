import { expect } from 'chai';
import * as tf from '../../lib/index';
import { NDArray } from '../../lib/framework/ndarray';
import { Xoshiro128 } from '../../lib/framework/random';

/**
 * Numerical gradient check inside a built graph and an initialized session, for gradients
 * with respect to variables (probed through Variable.load) as well as fed placeholders:
 * symbolic gradient of sum(y * w), w random, against central differences of that sum.
 * Returns the largest absolute error seen.
 */
export function checkGradientsInSession(sess: tf.Session, y: tf.Tensor, xs: (tf.Tensor | tf.Variable)[], feed: Map<tf.Tensor, NDArray>,
  options: { delta?: number; atol?: number; rtol?: number; seed?: number } = {}): number {
  const delta = options.delta ?? 1e-2, atol = options.atol ?? 2e-3, rtol = options.rtol ?? 2e-2;
  const rng = new Xoshiro128(options.seed ?? 5, 9);
  const y0 = sess.run(y, feed) as NDArray;
  const w = NDArray.zeros(y0.shape, 'float32');
  for (let i = 0; i < w.size; i++) w.data[i] = rng.uniform() * 2 - 1;
  const weighted = (v: NDArray) => { let s = 0; for (let i = 0; i < v.size; i++) s += v.data[i] * w.data[i]; return s; };
  const grads = tf.gradients(y, xs as tf.Tensor[], [tf.constant(w)]);
  let worst = 0;
  xs.forEach((x, k) => {
    expect(grads[k], `gradient ${k} exists`).to.not.equal(null);
    const sym = sess.run(grads[k]!, feed) as NDArray;
    const isVar = x instanceof tf.Variable;
    const base = isVar ? (sess.run(x as tf.Variable) as NDArray).clone() : feed.get(x as tf.Tensor)!;
    expect(sym.size).to.equal(base.size);
    const probe = (j: number, v: number) => {
      const copy = base.clone();
      copy.data[j] = v;
      const m = new Map(feed);
      if (isVar) (x as tf.Variable).load(copy, sess); else m.set(x as tf.Tensor, copy);
      return weighted(sess.run(y, m) as NDArray);
    };
    for (let j = 0; j < base.size; j++) {
      const numeric = (probe(j, base.data[j] + delta) - probe(j, base.data[j] - delta)) / (2 * delta);
      const err = Math.abs(numeric - sym.data[j]);
      worst = Math.max(worst, err);
      if (err > atol + rtol * Math.abs(numeric)) {
        throw new Error(`Gradient mismatch for ${isVar ? (x as tf.Variable).name : (x as tf.Tensor).name} element ${j}: symbolic ${sym.data[j]}, numeric ${numeric}`);
      }
    }
    if (isVar) (x as tf.Variable).load(base, sess);
  });
  return worst;
}
