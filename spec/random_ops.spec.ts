import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { DEFAULT_GRAPH_SEED } from '../lib/ops/random_ops';

/** Builds with `build` in a fresh graph and returns `runs` runs of it in one fresh session. */
function sample(build: () => tf.Tensor, runs = 1, graphSeed: number | null = null): NDArray[] {
  const g = new tf.Graph();
  return g.as_default(() => {
    if (graphSeed !== null) tf.set_random_seed(graphSeed);
    const t = build();
    const sess = new tf.Session({ graph: g });
    const out = Array.from({ length: runs }, () => sess.run(t) as NDArray);
    sess.close();
    return out;
  });
}

function stats(a: NDArray): { mean: number; std: number; min: number; max: number } {
  let s = 0, s2 = 0, min = Infinity, max = -Infinity;
  for (const v of a.data) { s += v; s2 += v * v; min = Math.min(min, v); max = Math.max(max, v); }
  const mean = s / a.size;
  return { mean, std: Math.sqrt(s2 / a.size - mean * mean), min, max };
}

const same = (a: NDArray, b: NDArray) => expect(Array.from(a.data)).to.deep.equal(Array.from(b.data));
const differ = (a: NDArray, b: NDArray) => expect(Array.from(a.data)).to.not.deep.equal(Array.from(b.data));

describe('random ops', () => {
  beforeEach(() => tf.reset_default_graph());

  it('random_normal has the requested mean and stddev (positional and options forms)', () => {
    const [a] = sample(() => tf.random_normal([20000], 2, 3));
    const [b] = sample(() => tf.random_normal([100, 200], { mean: -1, stddev: 0.5 }));
    expect(a.shape).to.deep.equal([20000]);
    expect(b.shape).to.deep.equal([100, 200]);
    // Tolerances of about 5 standard errors.
    const sa = stats(a), sb = stats(b);
    expect(sa.mean).to.be.closeTo(2, 5 * 3 / Math.sqrt(20000));
    expect(sa.std).to.be.closeTo(3, 0.08);
    expect(sb.mean).to.be.closeTo(-1, 5 * 0.5 / Math.sqrt(20000));
    expect(sb.std).to.be.closeTo(0.5, 0.015);
  });

  it('truncated_normal never goes beyond 2 stddev and has the truncated distribution\'s spread', () => {
    const [a] = sample(() => tf.truncated_normal([50000], { mean: 1, stddev: 0.1 }));
    const s = stats(a);
    expect(s.min).to.be.at.least(1 - 0.2);
    expect(s.max).to.be.at.most(1 + 0.2);
    expect(s.mean).to.be.closeTo(1, 0.002);
    // The standard normal cut at ±2 has standard deviation 0.8796.
    expect(s.std).to.be.closeTo(0.08796, 0.0015);
    const [unit] = sample(() => tf.truncated_normal([50000]));
    expect(Math.max(...Array.from(unit.data, Math.abs))).to.be.below(2);
  });

  it('random_uniform samples [minval, maxval), floats and integers', () => {
    const [u] = sample(() => tf.random_uniform([20000], -2, 6));
    const s = stats(u);
    expect(s.min).to.be.at.least(-2);
    expect(s.max).to.be.below(6);
    expect(s.mean).to.be.closeTo(2, 0.1);
    expect(s.std).to.be.closeTo(8 / Math.sqrt(12), 0.05);
    const [unit] = sample(() => tf.random_uniform([1000]));
    expect(stats(unit).min).to.be.at.least(0);
    expect(stats(unit).max).to.be.below(1);
    const [ints] = sample(() => tf.random_uniform([3000], { minval: 3, maxval: 8, dtype: 'int32' }));
    expect(ints.dtype).to.equal('int32');
    const seen = new Set(ints.data);
    expect([...seen].sort()).to.deep.equal([3, 4, 5, 6, 7]);
    expect(() => tf.random_uniform([3], { dtype: 'int32' })).to.throw(tf.errors.ValueError, /maxval/);
  });

  it('names the result like TF1 and knows its static shape, so it can initialize a Variable', () => {
    const t = tf.truncated_normal([5, 5, 1, 32], { stddev: 0.1 });
    expect(t.name).to.equal('truncated_normal:0');
    expect(t.shape).to.deep.equal([5, 5, 1, 32]);
    expect(tf.random_normal([2, 3]).name).to.equal('random_normal:0');
    expect(tf.random_uniform([2], { name: 'u' }).name).to.equal('u:0');
    const v = tf.Variable(tf.truncated_normal([3, 4], { stddev: 0.1 }));
    expect(v.shape).to.deep.equal([3, 4]);
    const fromTensor = tf.random_normal(tf.constant([2, 7], { dtype: 'int32' }));
    expect(fromTensor.shape?.length).to.equal(2);
  });

  it('a graph seed makes fresh graphs and sessions repeat the same numbers; each run draws new ones', () => {
    const build = () => tf.add(tf.random_normal([50]), tf.random_uniform([50]));
    const [a1, a2] = sample(build, 2, 1234);
    const [b1, b2] = sample(build, 2, 1234);
    same(a1, b1);
    same(a2, b2);
    differ(a1, a2);
    const [c1] = sample(build, 1, 1235);
    differ(a1, c1);
  });

  it('an op seed alone is deterministic too; with a graph seed, ops without one still differ from each other', () => {
    const [a] = sample(() => tf.random_uniform([20], { seed: 7 }));
    const [b] = sample(() => tf.random_uniform([20], { seed: 7 }));
    const [c] = sample(() => tf.random_uniform([20], { seed: 8 }));
    same(a, b);
    differ(a, c);
    const [pair] = sample(() => tf.stack([tf.random_uniform([20]), tf.random_uniform([20])]), 1, 99);
    differ(new NDArray(pair.data.slice(0, 20), [20], 'float32'), new NDArray(pair.data.slice(20), [20], 'float32'));
  });

  it('without any seed, every session draws different numbers', () => {
    const [a] = sample(() => tf.random_normal([20]));
    const [b] = sample(() => tf.random_normal([20]));
    differ(a, b);
  });

  it('get_seed follows TF1: graph seed + op count, DEFAULT_GRAPH_SEED, never (0, 0)', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      expect(tf.get_seed(null)).to.deep.equal([null, null]);
      expect(tf.get_seed(5)).to.deep.equal([DEFAULT_GRAPH_SEED, 5]);
      tf.set_random_seed(42);
      tf.constant(1);
      tf.constant(2);
      expect(tf.get_seed(null)).to.deep.equal([42, 2]);
      expect(tf.get_seed(3)).to.deep.equal([42, 3]);
      tf.set_random_seed(0);
      expect(tf.get_seed(0)).to.deep.equal([0, 2 ** 31 - 1]);
      const op = tf.random_normal([2], { seed: 11 }).op.inputs[0].op.inputs[0].op;
      expect(op.type).to.equal('RandomStandardNormal');
      expect([op.get_attr('seed'), op.get_attr('seed2')]).to.deep.equal([0, 11]);
    });
  });

  it('rejects bad shapes and dtypes with ValueErrors, bad fed shapes at run time', () => {
    expect(() => tf.random_normal([2, -1])).to.throw(tf.errors.ValueError, /shape/);
    expect(() => tf.random_normal([2], { dtype: 'int32' })).to.throw(tf.errors.ValueError, /float32/);
    expect(() => tf.truncated_normal(tf.constant([[2, 3]], { dtype: 'int32' }))).to.throw(tf.errors.ValueError, /1-D/);
    const shape = tf.placeholder('int32', [2]);
    const t = tf.random_uniform(shape);
    const sess = new tf.Session();
    expect(() => sess.run(t, new Map([[shape, NDArray.from(Int32Array.from([2, -3]))]]))).to.throw(tf.errors.InvalidArgumentError, /non-negative/);
    expect((sess.run(t, new Map([[shape, NDArray.from(Int32Array.from([2, 3]))]])) as NDArray).shape).to.deep.equal([2, 3]);
  });
});
