import { expect } from 'chai';
import * as util from 'util';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

/* Issue #18: the spellings TF1 scripts use (tf.compat.v1, tf.math, tf.random, tf.arg_max), and missing TF1 names. */
describe('porting: TF1 namespaces and aliases', () => {
  beforeEach(() => tf.reset_default_graph());

  it('tf.compat.v1 is the tf namespace itself', () => {
    const v1 = tf.compat.v1;
    for (const name of ['placeholder', 'Variable', 'Session', 'reduce_sum', 'global_variables_initializer', 'nn', 'train',
      'losses', 'errors', 'float32', 'math', 'random', 'contrib'] as const) {
      expect(v1[name], name).to.equal(tf[name]);
    }
    expect(v1.compat.v1.train.AdamOptimizer).to.equal(tf.train.AdamOptimizer);
    expect(Object.keys(v1)).to.include.members(['placeholder', 'compat', 'arg_max']);
    const x = v1.placeholder(v1.float32, [2], 'x');
    const sess = v1.Session();
    expect(Array.from((sess.run(v1.multiply(x, 2), { [x.name]: [1, 2] }) as NDArray).data)).to.deep.equal([2, 4]);
    sess.close();
  });

  it('tf.math holds the math ops and tf.random the random ops of TF 1.13+, as the same functions', () => {
    const math: Record<string, unknown> = tf.math, top: Record<string, unknown> = tf as never;
    for (const name of ['add', 'subtract', 'multiply', 'divide', 'truediv', 'floordiv', 'floormod', 'mod', 'pow', 'abs', 'exp',
      'log', 'sqrt', 'square', 'negative', 'maximum', 'minimum', 'equal', 'greater', 'less', 'logical_and', 'logical_xor',
      'reduce_sum', 'reduce_mean', 'reduce_max', 'argmax', 'argmin', 'sigmoid', 'tanh', 'squared_difference']) {
      expect(math[name], `tf.math.${name}`).to.be.a('function').and.to.equal(top[name]);
    }
    expect(tf.random.normal).to.equal(tf.random_normal);
    expect(tf.random.uniform).to.equal(tf.random_uniform);
    expect(tf.random.truncated_normal).to.equal(tf.truncated_normal);
    expect(tf.random.set_random_seed).to.equal(tf.set_random_seed);
    expect(tf.random.set_seed).to.equal(tf.set_random_seed);
  });

  it('tf.random.set_seed makes tf.random.normal repeat, as tf.set_random_seed does', () => {
    const draw = (setSeed: (s: number) => void) => {
      const g = tf.Graph();
      return g.as_default(() => {
        setSeed(7);
        const sess = tf.Session({ graph: g });
        const out = Array.from((sess.run(tf.random.normal([4])) as NDArray).data);
        sess.close();
        return out;
      });
    };
    expect(draw(tf.random.set_seed)).to.deep.equal(draw(tf.set_random_seed));
  });

  it('tf.arg_max / tf.arg_min are TF1\'s (input, dimension, output_type, name) spellings of argmax / argmin', () => {
    const x = tf.constant([[1, 9, 3], [7, 2, 8]]);
    const ops = [tf.arg_max(x, 1), tf.arg_min(x, 0), tf.arg_max(x, 0, tf.int32, 'best')];
    expect(ops.map((t) => [t.op.type, t.dtype])).to.deep.equal([['ArgMax', 'int64'], ['ArgMin', 'int64'], ['ArgMax', 'int32']]);
    expect(ops[2].op.name).to.equal('best');
    const sess = tf.Session();
    expect((sess.run(ops) as NDArray[]).map((a) => Array.from(a.data as ArrayLike<number | bigint>, Number)))
      .to.deep.equal([[1, 2], [0, 1, 0], [1, 0, 1]]);
    sess.close();
    expect(() => (tf.arg_max as any)(x)).to.throw(TypeError, 'arg_max() missing 1 required positional argument: \'dimension\'');
  });

  it('tf.Graph() works without new, as tf.Session() and tf.Variable() do', () => {
    const g = tf.Graph();
    expect(g).to.be.instanceOf(tf.Graph);
    g.as_default(() => {
      const c = tf.constant(3, tf.float32);
      expect(c.graph).to.equal(g);
      expect(tf.get_default_graph()).to.equal(g);
    });
    expect(g.get_operations().map((op) => op.type)).to.deep.equal(['Const']);
    expect(new tf.Graph()).to.be.instanceOf(tf.Graph);
  });
});

describe('porting: TF1 names tensorgraph lacks', () => {
  const attributeError = (f: () => unknown, message: string) => {
    expect(f).to.throw(tf.errors.AttributeError, message);
    try { f(); } catch (e) { expect((e as Error).message).to.equal(message); expect((e as Error).name).to.equal('AttributeError'); }
  };

  it('tf.contrib, tf.estimator, tf.layers ... say what is missing, with the full dotted name', () => {
    const t: any = tf;
    attributeError(() => t.contrib.layers.batch_norm, 'tensorgraph does not implement tf.contrib.layers.batch_norm yet');
    attributeError(() => t.contrib.slim, 'tensorgraph does not implement tf.contrib.slim yet');
    attributeError(() => t.initializers.orthogonal, 'tensorgraph does not implement tf.initializers.orthogonal yet');
    attributeError(() => t.estimator.DNNClassifier, 'tensorgraph does not implement tf.estimator.DNNClassifier yet');
    attributeError(() => t.layers.conv3d, 'tensorgraph does not implement tf.layers.conv3d yet');
    attributeError(() => t.keras.Sequential, 'tensorgraph does not implement tf.keras.Sequential yet');
    attributeError(() => t.summary.get_summary_description, 'tensorgraph does not implement tf.summary.get_summary_description yet');
    expect(t.summary.scalar).to.be.a('function');
    attributeError(() => t.math.cumsum, 'tensorgraph does not implement tf.math.cumsum yet');
    attributeError(() => t.random.shuffle, 'tensorgraph does not implement tf.random.shuffle yet');
    attributeError(() => t.compat.v2, 'tensorgraph does not implement tf.compat.v2 yet');
    attributeError(() => t.compat.v1.TensorArray, 'tensorgraph does not implement tf.compat.v1.TensorArray yet');
    attributeError(() => t.compat.v1.contrib.slim, 'tensorgraph does not implement tf.contrib.slim yet');
    attributeError(() => t.contrib.rnn.LayerNormBasicLSTMCell, 'tensorgraph does not implement tf.contrib.rnn.LayerNormBasicLSTMCell yet');
  });

  it('pre-1.0 names (tf.mul, tf.sub, tf.neg) stay absent, and through tf.compat.v1 the error gives the 1.x name', () => {
    const t: any = tf;
    for (const name of ['mul', 'sub', 'neg', 'select', 'pack', 'unpack']) expect(name in tf, name).to.equal(false);
    // The module namespace object cannot throw for a missing name (docs/api.md): TypeScript rejects tf.mul at compile time.
    expect(t.mul).to.equal(undefined);
    attributeError(() => t.compat.v1.mul, 'tf.compat.v1.mul is not a TensorFlow 1.x name (TF 1.0 renamed it): use tf.multiply');
    attributeError(() => t.compat.v1.sub, 'tf.compat.v1.sub is not a TensorFlow 1.x name (TF 1.0 renamed it): use tf.subtract');
    attributeError(() => t.compat.v1.neg, 'tf.compat.v1.neg is not a TensorFlow 1.x name (TF 1.0 renamed it): use tf.negative');
  });

  it('answer the probes of JS tools instead of throwing: in, String, util.inspect, JSON, await', async () => {
    expect('slim' in tf.contrib).to.equal(false);
    expect('rnn' in tf.contrib).to.equal(true);
    expect('layers' in tf.contrib).to.equal(true);
    expect('placeholder' in tf.compat.v1).to.equal(true);
    expect(String(tf.keras)).to.equal('[object tf.keras (not implemented by tensorgraph)]');
    expect(util.inspect(tf.keras)).to.equal('<tf.keras: not implemented by tensorgraph>');
    expect(JSON.stringify({ l: tf.keras })).to.equal('{"l":{}}');
    expect(await Promise.resolve(tf.compat.v1)).to.equal(tf.compat.v1);
    expect(await Promise.resolve(tf.contrib)).to.equal(tf.contrib);
  });
});
