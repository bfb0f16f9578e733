import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { randomArray } from './helpers/gradient_check';

describe('tf.nn.dropout', () => {
  beforeEach(() => tf.reset_default_graph());

  const feed = (pairs: [tf.Tensor, NDArray | number][]) =>
    new Map<tf.Tensor, NDArray>(pairs.map(([t, v]) => [t, typeof v === 'number' ? NDArray.scalar(v) : v]));

  it('with a fed keep_prob, keeps about keep_prob of the values, scaled by 1/keep_prob, and zeroes the rest', () => {
    const xv = randomArray([100, 100], 1, 0.5, 1.5);
    const x = tf.placeholder('float', [null, 100]);
    const keep = tf.placeholder('float');
    const y = tf.nn.dropout(x, keep);
    expect(y.shape).to.deep.equal([null, 100]);
    const sess = new tf.Session();
    for (const p of [0.5, 0.25, 0.9]) {
      const out = sess.run(y, feed([[x, xv], [keep, p]])) as NDArray;
      let kept = 0;
      for (let i = 0; i < out.size; i++) {
        if (out.data[i] === 0) continue;
        kept++;
        expect(out.data[i]).to.equal(Math.fround(xv.data[i] / Math.fround(p)));
      }
      // 10000 Bernoulli(p) draws: within 5 standard deviations.
      expect(kept / out.size).to.be.closeTo(p, 5 * Math.sqrt(p * (1 - p) / out.size));
    }
  });

  it('keep_prob 1 fed gives x bit for bit; a constant 1 returns x itself', () => {
    const xv = randomArray([7, 13], 2);
    xv.data[0] = 0.1; xv.data[1] = -0; xv.data[2] = 1e-40; xv.data[3] = 3.4e38;
    const x = tf.placeholder('float', [7, 13]);
    const keep = tf.placeholder('float', []);
    const y = tf.nn.dropout(x, keep);
    const out = new tf.Session().run(y, feed([[x, xv], [keep, 1]])) as NDArray;
    expect(Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength)
      .equals(Buffer.from(xv.data.buffer, xv.data.byteOffset, xv.data.byteLength))).to.equal(true);
    expect(tf.nn.dropout(x, 1)).to.equal(x);
    expect(tf.nn.dropout(x, tf.constant(1.0))).to.equal(x);
  });

  it('a keep_prob outside (0, 1] is a ValueError when known at build time and an InvalidArgumentError when fed', () => {
    const x = tf.placeholder('float', [2, 3]);
    for (const bad of [0, -0.5, 1.5, Number.NaN]) {
      expect(() => tf.nn.dropout(x, bad), `keep_prob ${bad}`).to.throw(tf.errors.ValueError, /keep_prob.*\(0, 1\]/);
    }
    expect(() => tf.nn.dropout(x, tf.constant(2.0))).to.throw(tf.errors.ValueError, /keep_prob.*\(0, 1\]/);
    expect(() => tf.nn.dropout(x, tf.placeholder('float', [2]))).to.throw(tf.errors.ValueError, /scalar/);
    const keep = tf.placeholder('float');
    const y = tf.nn.dropout(x, keep, { name: 'drop' });
    const sess = new tf.Session();
    for (const bad of [0, 1.5, -1]) {
      expect(() => sess.run(y, feed([[x, NDArray.zeros([2, 3])], [keep, bad]])), `fed ${bad}`)
        .to.throw(tf.errors.InvalidArgumentError, /drop.*keep_prob must be in the range \(0, 1\]/);
    }
  });

  it('draws a new mask each run; with seeds, fresh graphs and sessions repeat the masks', () => {
    const masks = (graphSeed: number | null, opSeed?: number) => {
      const g = new tf.Graph();
      return g.as_default(() => {
        if (graphSeed !== null) tf.set_random_seed(graphSeed);
        const y = tf.nn.dropout(tf.ones([400]), 0.5, { seed: opSeed });
        const sess = new tf.Session({ graph: g });
        return [0, 1].map(() => Array.from((sess.run(y) as NDArray).data));
      });
    };
    const [a1, a2] = masks(5);
    const [b1, b2] = masks(5);
    expect(a1).to.deep.equal(b1);
    expect(a2).to.deep.equal(b2);
    expect(a1).to.not.deep.equal(a2);
    expect(masks(null, 3)[0]).to.deep.equal(masks(null, 3)[0]);
    expect(masks(null)[0]).to.not.deep.equal(masks(null)[0]);
  });

  it('its gradient uses the same mask as the forward pass of that run', () => {
    const x = tf.placeholder('float', [50, 20]);
    const keep = tf.placeholder('float', []);
    const y = tf.nn.dropout(x, keep);
    const [dx] = tf.gradients(y, [x]);
    const sess = new tf.Session();
    const xv = randomArray([50, 20], 3, 1, 2);
    const [yv, dxv] = sess.run([y, dx!], feed([[x, xv], [keep, 0.4]])) as NDArray[];
    for (let i = 0; i < yv.size; i++) {
      expect(dxv.data[i]).to.equal(yv.data[i] === 0 ? 0 : Math.fround(1 / Math.fround(0.4)));
    }
  });

  it('noise_shape drops whole rows together', () => {
    const y = tf.nn.dropout(tf.ones([300, 4]), 0.5, [300, 1]);
    const out = new tf.Session().run(y) as NDArray;
    let keptRows = 0;
    for (let r = 0; r < 300; r++) {
      const row = Array.from(out.data.slice(r * 4, r * 4 + 4));
      expect(new Set(row).size).to.equal(1);
      if (row[0] !== 0) { keptRows++; expect(row[0]).to.equal(2); }
    }
    expect(keptRows).to.be.within(100, 200);
  });
});
