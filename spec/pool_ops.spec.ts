import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { Xoshiro128 } from '../lib/framework/random';
import { checkGradients, randomArray } from './helpers/gradient_check';
import {
  PoolCase, maxRelError, refAvgPool, refAvgPoolGrad, refMaxPool, refMaxPoolGrad,
} from './helpers/conv_reference';

function run<T>(fn: (sess: tf.Session) => T): T {
  const g = new tf.Graph();
  return g.as_default(() => {
    const sess = new tf.Session({ graph: g });
    try { return fn(sess); } finally { sess.close(); }
  });
}

/** Distinct values 0.01 apart in random order: no window has a near-tie a finite difference could flip. */
function distinctArray(shape: number[], seed: number): NDArray {
  const rng = new Xoshiro128(seed, 9);
  const a = NDArray.zeros(shape);
  const order = Array.from({ length: a.size }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  order.forEach((v, i) => { a.data[i] = (v - a.size / 2) * 0.01; });
  return a;
}

function randomPoolCases(count: number, seed: number): PoolCase[] {
  const rng = new Xoshiro128(seed, 4);
  const int = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
  const cases: PoolCase[] = [];
  for (let t = 0; t < count; t++) {
    const kh = int(1, 3), kw = int(1, 3);
    const s = t % 3 === 0 ? [1, 1, 1, 1] : t % 3 === 1 ? [1, 2, 2, 1] : [1, int(1, 3), int(1, 3), 1];
    const x = randomArray([int(1, 3), int(kh, kh + 6), int(kw, kw + 6), int(1, 4)], 400 + t);
    cases.push({ x, ksize: [1, kh, kw, 1], strides: s, padding: t % 2 === 0 ? 'SAME' : 'VALID' });
  }
  return cases;
}

const describeCase = (c: PoolCase) => `x ${c.x.shape} ksize ${c.ksize} strides ${c.strides} ${c.padding}`;

describe('MaxPool and AvgPool', () => {
  it('pool a hand-checked 3x3 image with the tutorial\'s 2x2 SAME window', () => {
    run((sess) => {
      const x = tf.constant([[[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]]]);
      const max = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');
      const avg = tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');
      expect(max.shape).to.deep.equal([1, 2, 2, 1]);
      expect(sess.run(max).toArray()).to.deep.equal([[[[5], [6]], [[8], [9]]]]);
      // Border windows average only the pixels inside the image.
      expect(sess.run(avg).toArray()).to.deep.equal([[[[3], [4.5]], [[7.5], [9]]]]);
      expect(sess.run(tf.nn.max_pool(x, [1, 2, 2, 1], [1, 1, 1, 1], 'VALID')).toArray()).to.deep.equal([[[[5], [6]], [[8], [9]]]]);
      const keywords = tf.nn.avg_pool(x, { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'SAME', name: 'ap' });
      expect(keywords.name).to.equal('ap:0');
      expect(sess.run(keywords).toArray()).to.deep.equal(sess.run(avg).toArray());
      // All-negative windows next to the padding: padding is never the max.
      const neg = tf.constant([[[[-5], [-4]], [[-3], [-2]]]]);
      expect(sess.run(tf.nn.max_pool(neg, [1, 3, 3, 1], [1, 1, 1, 1], 'SAME')).toArray()).to.deep.equal([[[[-2], [-2]], [[-2], [-2]]]]);
    });
  });

  it('match the direct reference on random shapes, windows, strides and paddings', () => {
    run((sess) => {
      for (const c of randomPoolCases(20, 1)) {
        const x = tf.constant(c.x);
        const [max, avg] = sess.run([tf.nn.max_pool(x, c.ksize, c.strides, c.padding), tf.nn.avg_pool(x, c.ksize, c.strides, c.padding)]) as NDArray[];
        expect(maxRelError(max, refMaxPool(c)), 'max ' + describeCase(c)).to.equal(0);
        expect(maxRelError(avg, refAvgPool(c)), 'avg ' + describeCase(c)).to.be.below(1e-6);
      }
    });
  });

  it('infer static shapes and reject bad attributes at build time', () => {
    run(() => {
      const x = tf.placeholder('float', [null, 28, 28, 32]);
      expect(tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME').shape).to.deep.equal([null, 14, 14, 32]);
      expect(tf.nn.avg_pool(x, [1, 3, 3, 1], [1, 2, 2, 1], 'VALID').shape).to.deep.equal([null, 13, 13, 32]);
      expect(tf.nn.max_pool(tf.placeholder('float', [null, 7, null, 2]), [1, 2, 2, 1], [1, 2, 2, 1], 'SAME').shape)
        .to.deep.equal([null, 4, null, 2]);
      expect(() => tf.nn.max_pool(x, [2, 2, 2, 1], [1, 2, 2, 1], 'SAME', { name: 'p1' })).to.throw(tf.errors.ValueError, /'p1'.*ksize/);
      expect(() => tf.nn.max_pool(x, [1, 2, 2], [1, 2, 2, 1], 'SAME', { name: 'p2' })).to.throw(tf.errors.ValueError, "Attr 'ksize' of 'p2' (op: 'MaxPool') has length 3 less than minimum 4");
      expect(() => tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'same', { name: 'p3' })).to.throw(tf.errors.ValueError,
        'Attr \'padding\' of \'p3\' (op: \'AvgPool\') has value "same" not in list of allowed values: SAME, VALID');
      expect(() => tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME', 'NCHW')).to.throw(tf.errors.ValueError, /NCHW/);
      expect(() => tf.nn.max_pool(tf.zeros([2, 2]), [1, 2, 2, 1], [1, 2, 2, 1], 'SAME', { name: 'p4' })).to.throw(tf.errors.ValueError, /rank 4.*'p4'/);
      expect(() => tf.nn.max_pool(tf.zeros([1, 2, 2, 1]), [1, 4, 1, 1], [1, 1, 1, 1], 'VALID', { name: 'p5' })).to.throw(tf.errors.ValueError, /'p5'.*negative/);
    });
  });

  it('report run-time shape problems as InvalidArgumentError naming the op', () => {
    run((sess) => {
      const x = tf.placeholder('float', null);
      const y = tf.nn.max_pool(x, [1, 3, 3, 1], [1, 1, 1, 1], 'VALID', { name: 'pool' });
      expect(() => sess.run(y, new Map([[x, NDArray.zeros([1, 1, 5, 1])]]))).to.throw(tf.errors.InvalidArgumentError, /pool.*negative/);
      expect(() => sess.run(y, new Map([[x, NDArray.zeros([5, 5])]]))).to.throw(tf.errors.InvalidArgumentError, /pool.*4-dimensional/);
    });
  });
});

describe('MaxPoolGrad and AvgPoolGrad', () => {
  it('match the direct reference on random cases', () => {
    run((sess) => {
      randomPoolCases(20, 2).forEach((c, t) => {
        const x = tf.constant(c.x);
        const max = tf.nn.max_pool(x, c.ksize, c.strides, c.padding);
        const avg = tf.nn.avg_pool(x, c.ksize, c.strides, c.padding);
        const dy = randomArray(max.shape as number[], 500 + t);
        const [dMax] = tf.gradients(max, [x], [tf.constant(dy)]);
        const [dAvg] = tf.gradients(avg, [x], [tf.constant(dy)]);
        expect(dMax!.op.type).to.equal('MaxPoolGrad');
        expect(dAvg!.op.type).to.equal('AvgPoolGrad');
        expect(dAvg!.shape).to.deep.equal(c.x.shape);
        const [gotMax, gotAvg] = sess.run([dMax!, dAvg!]) as NDArray[];
        expect(maxRelError(gotMax, refMaxPoolGrad(c, dy)), 'max ' + describeCase(c)).to.be.below(1e-6);
        expect(maxRelError(gotAvg, refAvgPoolGrad(c, dy)), 'avg ' + describeCase(c)).to.be.below(1e-6);
      });
    });
  });

  it('MaxPoolGrad gives a tied window\'s gradient to its first max, as TF\'s CPU kernel', () => {
    run((sess) => {
      const x = tf.constant([[[[1], [3], [3]], [[3], [0], [2]], [[3], [3], [3]]]]);
      const y = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 1, 1, 1], 'VALID');
      const [dx] = tf.gradients(y, [x], [tf.constant([[[[1], [10]], [[100], [1000]]]])]);
      // Each window's first 3 in row-major order: top-left and top-right (0,1); bottom-left (1,0); bottom-right (2,1).
      expect(sess.run(dx!).toArray()).to.deep.equal([[[[0], [11], [0]], [[100], [0], [0]], [[0], [1000], [0]]]]);
    });
  });

  it('numerical gradient checks: MaxPool and AvgPool, SAME and VALID, strides 1 and 2', () => {
    const configs = [
      { x: [2, 5, 4, 2], ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'SAME' },
      { x: [1, 5, 5, 3], ksize: [1, 3, 3, 1], strides: [1, 1, 1, 1], padding: 'VALID' },
      { x: [2, 4, 5, 1], ksize: [1, 3, 2, 1], strides: [1, 2, 1, 1], padding: 'SAME' },
    ];
    configs.forEach((c, t) => {
      checkGradients((x) => tf.nn.max_pool(x, c.ksize, c.strides, c.padding), [distinctArray(c.x, t)]);
      checkGradients((x) => tf.nn.avg_pool(x, c.ksize, c.strides, c.padding), [randomArray(c.x, t)]);
    });
  });

  it('numerical gradient checks of the gradient ops themselves (MaxPoolGrad, MaxPoolGradGrad, AvgPoolGrad)', () => {
    const xValue = distinctArray([2, 4, 5, 2], 77);
    const ksize = [1, 2, 3, 1], strides = [1, 2, 2, 1];
    // Differentiate dx = MaxPoolGrad(x, y, dy) with respect to dy, x held constant.
    checkGradients((dy) => {
      const x = tf.constant(xValue);
      const y = tf.nn.max_pool(x, ksize, strides, 'SAME');
      return tf.gradients(y, [x], [dy])[0]!;
    }, [randomArray([2, 2, 3, 2], 78)]);
    // And MaxPoolGradGrad with respect to its grad input (its gradient is MaxPoolGrad again).
    checkGradients((g) => {
      const x = tf.constant(xValue);
      const y = tf.nn.max_pool(x, ksize, strides, 'SAME');
      const dy = tf.zeros([2, 2, 3, 2]);
      const dx = tf.gradients(y, [x], [dy])[0]!;
      const ddy = tf.gradients(dx, [dy], [g])[0]!;
      expect(ddy.op.type).to.equal('MaxPoolGradGrad');
      return ddy;
    }, [randomArray([2, 4, 5, 2], 80)]);
    checkGradients((dy) => {
      const x = tf.constant(xValue);
      const y = tf.nn.avg_pool(x, ksize, strides, 'VALID');
      return tf.gradients(y, [x], [dy])[0]!;
    }, [randomArray([2, 2, 2, 2], 79)]);
  });

  it('MaxPoolGradGrad picks the gradient at each window\'s max', () => {
    run((sess) => {
      const x = tf.constant(distinctArray([1, 4, 4, 2], 5));
      const y = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'VALID');
      const dy = tf.placeholder('float', [1, 2, 2, 2]);
      const dx = tf.gradients(y, [x], [dy])[0]!;
      const g = tf.constant(randomArray([1, 4, 4, 2], 6));
      const [ddy] = tf.gradients(dx, [dy], [g]);
      expect(ddy!.op.type).to.equal('MaxPoolGradGrad');
      const [xv, gv, got] = sess.run([x, g, ddy!], new Map([[dy, NDArray.zeros([1, 2, 2, 2])]])) as NDArray[];
      const want = refMaxPool({ x: xv, ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'VALID' });
      // At each window's argmax of x, read g.
      for (let i = 0; i < want.size; i++) {
        const idx = Array.prototype.indexOf.call(xv.data, want.data[i]);
        expect(got.data[i]).to.equal(gv.data[idx]);
      }
    });
  });
});
