import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { computeFans } from '../lib/ops/init_ops';

/* TF1's initializers: values, statistics, fans, names, seeding. */

/** The initial value of a get_variable(shape, initializer) in a fresh graph (graph seed optional). */
function initialValue(shape: number[], initializer: unknown, graphSeed: number | null = null): NDArray {
  const g = tf.Graph();
  return g.as_default(() => {
    if (graphSeed !== null) tf.set_random_seed(graphSeed);
    const v = tf.get_variable('v', shape, { initializer: initializer as never });
    const sess = tf.Session({ graph: g });
    sess.run(v.initializer);
    const out = sess.run(v) as NDArray;
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

/** The standard deviation of a standard normal truncated to ±2. */
const TRUNC = 0.87962566103423978;

describe('initializers', () => {
  beforeEach(() => tf.reset_default_graph());

  it('computes TF1\'s fans for dense, conv, vector and scalar shapes', () => {
    expect(computeFans([784, 100])).to.deep.equal([784, 100]);
    expect(computeFans([5, 5, 3, 32])).to.deep.equal([75, 800]);
    expect(computeFans([3, 16, 8])).to.deep.equal([48, 24]);
    expect(computeFans([7])).to.deep.equal([7, 7]);
    expect(computeFans([])).to.deep.equal([1, 1]);
  });

  it('zeros, ones and constant fill the shape; the call\'s dtype wins over the initializer\'s', () => {
    expect(Array.from(initialValue([2, 2], tf.zeros_initializer()).data)).to.deep.equal([0, 0, 0, 0]);
    expect(Array.from(initialValue([3], tf.ones_initializer()).data)).to.deep.equal([1, 1, 1]);
    expect(Array.from(initialValue([2], tf.constant_initializer(2.5)).data)).to.deep.equal([2.5, 2.5]);
    const init = tf.zeros_initializer({ dtype: 'int32' });
    expect(init.dtype).to.equal('int32');
    expect(init([2]).dtype).to.equal('int32');
    expect(init([2], 'float32').dtype).to.equal('float32');
    expect(init([2], { dtype: 'float32' }).dtype).to.equal('float32');
    // get_variable passes its dtype (float32 by default).
    expect(initialValue([1], init).dtype).to.equal('float32');
  });

  it('constant_initializer follows TF 1.x: a shorter list is padded with its last element, a longer one refused', () => {
    const value = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(Array.from(initialValue([2, 4], tf.constant_initializer(value)).data)).to.deep.equal(value);
    expect(Array.from(initialValue([3, 4], tf.constant_initializer(value)).data)).to.deep.equal([...value, 7, 7, 7, 7]);
    expect(() => tf.get_variable('small', [2, 3], { initializer: tf.constant_initializer(value) }))
      .to.throw(tf.errors.ValueError, 'Too many elements provided. Needed at most 6, but received 8');
    expect(() => tf.get_variable('verify', [3, 4], { initializer: tf.constant_initializer(value, { verify_shape: true }) }))
      .to.throw(TypeError, "Expected Tensor's shape: (3, 4), got (8,).");
    expect(() => tf.constant_initializer('x' as never)).to.throw(TypeError, 'Invalid type for initial value: string');
    expect(tf.get_variable('c', [2], { initializer: tf.constant_initializer(1) }).initial_value.op.name).to.equal('c/Initializer/Const');
  });

  it('random_uniform_initializer samples [minval, maxval)', () => {
    const s = stats(initialValue([100, 100], tf.random_uniform_initializer(-1, 3)));
    expect(s.min).to.be.at.least(-1);
    expect(s.max).to.be.below(3);
    expect(s.mean).to.be.closeTo(1, 0.06);
    expect(s.std).to.be.closeTo(4 / Math.sqrt(12), 0.03);
  });

  it('random_normal_initializer and truncated_normal_initializer have their mean and spread; truncation at 2 stddev', () => {
    const n = stats(initialValue([100, 200], tf.random_normal_initializer(1, 0.5)));
    expect(n.mean).to.be.closeTo(1, 0.02);
    expect(n.std).to.be.closeTo(0.5, 0.015);
    expect(n.max - 1).to.be.above(1.5);
    const t = stats(initialValue([100, 200], tf.truncated_normal_initializer({ mean: 0, stddev: 2 })));
    expect(t.min).to.be.at.least(-4);
    expect(t.max).to.be.at.most(4);
    expect(t.std).to.be.closeTo(2 * TRUNC, 0.04);
    expect(() => tf.random_normal_initializer({ dtype: 'int32' })).to.throw(tf.errors.ValueError, 'Expected floating point type, got int32.');
  });

  it('glorot_uniform (get_variable\'s default) has limit sqrt(6 / (fan_in + fan_out)), conv fans included', () => {
    const dense = initialValue([200, 300], null);
    const limit = Math.sqrt(6 / 500);
    let s = stats(dense);
    expect(s.min).to.be.at.least(-limit);
    expect(s.max).to.be.at.most(limit);
    expect(s.max).to.be.above(0.99 * limit);
    expect(s.std).to.be.closeTo(limit / Math.sqrt(3), 0.002);
    // A 5x5 conv from 16 to 32 channels: fan_in 400, fan_out 800.
    const convLimit = Math.sqrt(6 / 1200);
    s = stats(initialValue([5, 5, 16, 32], tf.glorot_uniform_initializer()));
    expect(s.max).to.be.at.most(convLimit);
    expect(s.max).to.be.above(0.99 * convLimit);
    expect(s.min).to.be.at.least(-convLimit);
  });

  it('glorot_normal and he_normal: truncated normals whose samples have stddev sqrt(scale / n)', () => {
    let s = stats(initialValue([200, 300], tf.glorot_normal_initializer()));
    const glorotStd = Math.sqrt(2 / 500);
    expect(s.std).to.be.closeTo(glorotStd, 0.03 * glorotStd);
    expect(s.max).to.be.at.most(2 * glorotStd / TRUNC + 1e-6);
    // he_normal on a 3x3 conv from 16 channels: fan_in 144.
    const heStd = Math.sqrt(2 / 144);
    s = stats(initialValue([3, 3, 16, 256], tf.initializers.he_normal()));
    expect(s.std).to.be.closeTo(heStd, 0.03 * heStd);
    expect(Math.max(-s.min, s.max)).to.be.at.most(2 * heStd / TRUNC + 1e-6);
    expect(Math.max(-s.min, s.max)).to.be.above(1.9 * heStd / TRUNC);
  });

  it('variance_scaling: modes, distributions and TF1\'s messages', () => {
    const shape = [3, 3, 16, 32]; // fan_in 144, fan_out 288
    let s = stats(initialValue(shape, tf.variance_scaling_initializer({ scale: 3, mode: 'fan_out', distribution: 'uniform' })));
    const limit = Math.sqrt(3 * 3 / 288);
    expect(s.max).to.be.at.most(limit);
    expect(s.max).to.be.above(0.98 * limit);
    s = stats(initialValue([100, 400], tf.variance_scaling_initializer(2, 'fan_avg', 'untruncated_normal')));
    expect(s.std).to.be.closeTo(Math.sqrt(2 / 250), 0.003);
    expect(s.max).to.be.above(2.5 * Math.sqrt(2 / 250));
    // TF 1.x's 'normal' is the truncated normal, corrected to the same spread.
    s = stats(initialValue([100, 400], tf.variance_scaling_initializer(1, 'fan_in', 'normal')));
    expect(s.std).to.be.closeTo(Math.sqrt(1 / 100), 0.003);
    expect(s.max).to.be.at.most(2 * 0.1 / TRUNC + 1e-6);
    expect(tf.variance_scaling_initializer().get_config()).to.deep.equal(
      { scale: 1, mode: 'fan_in', distribution: 'truncated_normal', seed: null, dtype: 'float32' });
    expect(() => tf.variance_scaling_initializer(0)).to.throw(tf.errors.ValueError, '`scale` must be positive float.');
    expect(() => tf.variance_scaling_initializer(1, 'fan')).to.throw(tf.errors.ValueError, 'Invalid `mode` argument: fan');
    expect(() => tf.variance_scaling_initializer(1, 'fan_in', 'cauchy')).to.throw(tf.errors.ValueError, 'Invalid `distribution` argument: cauchy');
  });

  it('tf.contrib.layers.xavier_initializer and variance_scaling_initializer use contrib\'s rules', () => {
    const xu = stats(initialValue([200, 300], tf.contrib.layers.xavier_initializer()));
    expect(xu.max).to.be.at.most(Math.sqrt(6 / 500));
    expect(xu.max).to.be.above(0.99 * Math.sqrt(6 / 500));
    // Not uniform: a truncated normal of stddev sqrt(1.3 * factor / n) (samples' spread 0.88 times that).
    const xn = stats(initialValue([200, 300], tf.contrib.layers.xavier_initializer(false)));
    expect(xn.std).to.be.closeTo(Math.sqrt(1.3 / 250) * TRUNC, 0.002);
    // Default: factor 2, FAN_IN, truncated normal; conv fan_in 3*3*16.
    const vs = stats(initialValue([3, 3, 16, 64], tf.contrib.layers.variance_scaling_initializer()));
    expect(vs.std).to.be.closeTo(Math.sqrt(2.6 / 144) * TRUNC, 0.005);
    expect(() => tf.contrib.layers.variance_scaling_initializer({ mode: 'fan_in' })).to.throw(TypeError, 'Unknown mode fan_in [FAN_IN, FAN_OUT, FAN_AVG]');
    expect(() => tf.contrib.layers.xavier_initializer({ dtype: 'int32' })).to.throw(TypeError, 'Cannot create initializer for non-floating point type.');
    expect(() => (tf.contrib.layers as any).batch_norm).to.throw(tf.errors.AttributeError, 'tensorgraph does not implement tf.contrib.layers.batch_norm yet');
  });

  it('names the random ops as TF1 does', () => {
    tf.get_variable('w', [2], { initializer: tf.truncated_normal_initializer(0, 0.1) });
    expect(tf.get_default_graph().get_operations().map((o) => o.name).slice(0, 6)).to.deep.equal([
      'w/Initializer/truncated_normal/shape', 'w/Initializer/truncated_normal/mean', 'w/Initializer/truncated_normal/stddev',
      'w/Initializer/truncated_normal/TruncatedNormal', 'w/Initializer/truncated_normal/mul', 'w/Initializer/truncated_normal',
    ]);
    tf.get_variable('n', [2], { initializer: tf.random_normal_initializer() });
    expect(tf.get_default_graph().get_operation_by_name('n/Initializer/random_normal/RandomStandardNormal').type).to.equal('RandomStandardNormal');
  });

  it('are seeded by the graph seed (reproducible) and by their own seed', () => {
    const a = initialValue([50], null, 7), b = initialValue([50], null, 7), c = initialValue([50], null, 8);
    expect(Array.from(a.data)).to.deep.equal(Array.from(b.data));
    expect(Array.from(a.data)).to.not.deep.equal(Array.from(c.data));
    const s1 = initialValue([50], tf.glorot_normal_initializer(3)), s2 = initialValue([50], tf.glorot_normal_initializer({ seed: 3 }));
    expect(Array.from(s1.data)).to.deep.equal(Array.from(s2.data));
    const u1 = initialValue([50], tf.glorot_normal_initializer()), u2 = initialValue([50], tf.glorot_normal_initializer());
    expect(Array.from(u1.data)).to.not.deep.equal(Array.from(u2.data));
  });

  it('instances are callable (init(shape, dtype)), with __call__ / call, get_config and from_config', () => {
    const init = tf.random_uniform_initializer(-1, 1, { seed: 4 });
    const t = init([2, 3]);
    expect(t).to.be.instanceOf(tf.Tensor);
    expect(t.shape).to.deep.equal([2, 3]);
    expect(init.__call__([4]).shape).to.deep.equal([4]);
    expect(init.call(tf.TensorShape([5])).shape).to.deep.equal([5]);
    expect(init).to.be.instanceOf(tf.random_uniform_initializer);
    expect(init.get_config()).to.deep.equal({ minval: -1, maxval: 1, seed: 4, dtype: 'float32' });
    const copy = tf.random_uniform_initializer.from_config(init.get_config());
    expect(copy.get_config()).to.deep.equal(init.get_config());
    expect(String(init)).to.equal('<tf.initializers.RandomUniform>');
    expect(() => init([null, 2] as never)).to.throw(tf.errors.ValueError, 'fully defined shape');
    // The class itself is accepted by get_variable, which instantiates it (TF1).
    expect(Array.from(initialValue([2], tf.ones_initializer).data)).to.deep.equal([1, 1]);
  });

  it('tf.initializers holds TF 1.15\'s names', () => {
    expect(tf.initializers.zeros).to.equal(tf.zeros_initializer);
    expect(tf.initializers.glorot_uniform).to.equal(tf.glorot_uniform_initializer);
    expect(tf.initializers.variance_scaling).to.equal(tf.variance_scaling_initializer);
    expect(tf.initializers.he_uniform().get_config()).to.deep.equal({ scale: 2, mode: 'fan_in', distribution: 'uniform', seed: null, dtype: 'float32' });
    expect(tf.initializers.lecun_normal(5).get_config()).to.deep.equal({ scale: 1, mode: 'fan_in', distribution: 'truncated_normal', seed: 5, dtype: 'float32' });
    expect(tf.initializers.global_variables).to.equal(tf.global_variables_initializer);
    expect(() => (tf.initializers as any).orthogonal).to.throw(tf.errors.AttributeError, 'tensorgraph does not implement tf.initializers.orthogonal yet');
  });
});
