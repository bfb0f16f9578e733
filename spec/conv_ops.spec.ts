import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { Xoshiro128 } from '../lib/framework/random';
import { checkGradients, randomArray } from './helpers/gradient_check';
import { patchBlockLimit } from '../kernels/cpu/im2col';
import {
  ConvCase, geometry, maxRelError, refConv2D, refConv2DBackpropFilter, refConv2DBackpropInput,
} from './helpers/conv_reference';

/** Random convolution problems covering strides 1/2, SAME/VALID, odd sizes, channels, batch > 1, dilation. */
function randomCases(count: number, seed: number): ConvCase[] {
  const rng = new Xoshiro128(seed, 5);
  const int = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
  const cases: ConvCase[] = [];
  for (let t = 0; t < count; t++) {
    const padding = t % 2 === 0 ? 'SAME' : 'VALID';
    const sh = 1 + (t % 3 === 2 ? 1 : 0), sw = 1 + (t % 4 === 1 ? 1 : 0);
    const dil = t % 5 === 3 ? [1, 2, 2, 1] : t % 7 === 6 ? [1, 1, 2, 1] : [1, 1, 1, 1];
    const kh = int(1, 4), kw = int(1, 4);
    const minH = (kh - 1) * dil[1] + 1, minW = (kw - 1) * dil[2] + 1;
    const x = randomArray([int(1, 3), int(minH, minH + 6), int(minW, minW + 6), int(1, 4)], 100 + t);
    const w = randomArray([kh, kw, x.shape[3], int(1, 5)], 200 + t);
    cases.push({ x, w, strides: [1, sh, sw, 1], padding, dilations: dil });
  }
  return cases;
}

function describeCase(c: ConvCase): string {
  return `x ${c.x.shape} w ${c.w.shape} strides ${c.strides} ${c.padding} dilations ${c.dilations}`;
}

function run<T>(fn: (sess: tf.Session) => T): T {
  const g = new tf.Graph();
  return g.as_default(() => {
    const sess = new tf.Session({ graph: g });
    try { return fn(sess); } finally { sess.close(); }
  });
}

describe('Conv2D', () => {
  it('computes a hand-checked SAME convolution (TF pads the odd row/column after)', () => {
    run((sess) => {
      const x = tf.constant([[[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]]]);
      const w = tf.constant([[[[1]], [[0]]], [[[0]], [[1]]]]); // 2x2: main diagonal taps
      const y = tf.nn.conv2d(x, w, [1, 1, 1, 1], 'SAME');
      expect(y.shape).to.deep.equal([1, 3, 3, 1]);
      // Total padding 1, all of it after: y[i,j] = x[i,j] + x[i+1,j+1].
      expect(sess.run(y).toArray()).to.deep.equal([[[[6], [8], [3]], [[12], [14], [6]], [[7], [8], [9]]]]);
      const keywords = tf.nn.conv2d(x, w, { strides: [1, 1, 1, 1], padding: 'SAME', name: 'kw' });
      expect(keywords.name).to.equal('kw:0');
      expect(sess.run(keywords).toArray()).to.deep.equal(sess.run(y).toArray());
      const valid = tf.nn.conv2d(x, w, [1, 1, 1, 1], 'VALID');
      expect(sess.run(valid).toArray()).to.deep.equal([[[[6], [8]], [[12], [14]]]]);
      const strided = tf.nn.conv2d(x, w, [1, 2, 2, 1], 'SAME');
      // out = ceil(3/2) = 2, padding max(0, (2-1)*2 + 2 - 3) = 1, after.
      expect(sess.run(strided).toArray()).to.deep.equal([[[[6], [3]], [[7], [9]]]]);
    });
  });

  it('matches the direct reference on random shapes, strides, paddings and dilations', () => {
    const cases = randomCases(24, 1);
    run((sess) => {
      for (const c of cases) {
        const y = tf.nn.conv2d(tf.constant(c.x), tf.constant(c.w), c.strides, c.padding, { dilations: c.dilations });
        const got = sess.run(y) as NDArray;
        const want = refConv2D(c);
        expect(y.shape, describeCase(c)).to.deep.equal(want.shape);
        expect(maxRelError(got, want), describeCase(c)).to.be.below(1e-5);
      }
    });
  });

  it('gives the same results when the patch matrix is split into many blocks of images', () => {
    const saved = patchBlockLimit.floats;
    try {
      const cases = randomCases(6, 4);
      const results = (limit: number) => {
        patchBlockLimit.floats = limit;
        return run((sess) => cases.map((c, t) => {
          const x = tf.constant(c.x), w = tf.constant(c.w);
          const y = tf.nn.conv2d(x, w, c.strides, c.padding, { dilations: c.dilations });
          const dy = tf.constant(randomArray(y.shape as number[], 50 + t));
          const opts = { dilations: c.dilations };
          return sess.run([y, tf.nn.conv2d_backprop_input(c.x.shape, w, dy, c.strides, c.padding, opts),
            tf.nn.conv2d_backprop_filter(x, c.w.shape, dy, c.strides, c.padding, opts)]) as NDArray[];
        }));
      };
      const whole = results(1 << 30), blocked = results(1);
      whole.forEach((r, t) => r.forEach((v, k) => {
        expect(maxRelError(blocked[t][k], v), `${describeCase(cases[t])} output ${k}`).to.be.below(1e-6);
      }));
    } finally {
      patchBlockLimit.floats = saved;
    }
  });

  it('handles 1x1 filters and filters larger than the input', () => {
    run((sess) => {
      for (const c of [
        { x: randomArray([3, 5, 4, 6], 1), w: randomArray([1, 1, 6, 3], 2), strides: [1, 1, 1, 1], padding: 'SAME', dilations: [1, 1, 1, 1] },
        { x: randomArray([2, 5, 5, 2], 3), w: randomArray([1, 1, 2, 3], 4), strides: [1, 2, 2, 1], padding: 'VALID', dilations: [1, 1, 1, 1] },
        { x: randomArray([2, 3, 3, 2], 5), w: randomArray([5, 5, 2, 2], 6), strides: [1, 1, 1, 1], padding: 'SAME', dilations: [1, 1, 1, 1] },
      ]) {
        const got = sess.run(tf.nn.conv2d(tf.constant(c.x), tf.constant(c.w), c.strides, c.padding)) as NDArray;
        expect(maxRelError(got, refConv2D(c)), describeCase(c)).to.be.below(1e-5);
      }
    });
  });

  it('infers static shapes, keeping an unknown batch unknown', () => {
    run(() => {
      const x = tf.placeholder('float', [null, 28, 28, 1]);
      const w = tf.zeros([5, 5, 1, 32]);
      expect(tf.nn.conv2d(x, w, [1, 1, 1, 1], 'SAME').shape).to.deep.equal([null, 28, 28, 32]);
      expect(tf.nn.conv2d(x, w, [1, 2, 2, 1], 'VALID').shape).to.deep.equal([null, 12, 12, 32]);
      expect(tf.nn.conv2d(x, w, [1, 3, 1, 1], 'SAME').shape).to.deep.equal([null, 10, 28, 32]);
      expect(tf.nn.conv2d(x, w, [1, 1, 1, 1], 'VALID', { dilations: [1, 2, 3, 1] }).shape).to.deep.equal([null, 20, 16, 32]);
      const unknownHW = tf.placeholder('float', [null, null, null, 1]);
      expect(tf.nn.conv2d(unknownHW, w, [1, 1, 1, 1], 'VALID').shape).to.deep.equal([null, null, null, 32]);
      expect(tf.nn.conv2d(tf.placeholder('float'), w, [1, 1, 1, 1], 'VALID').shape).to.deep.equal([null, null, null, 32]);
    });
  });

  it('rejects bad attributes and shapes at build time with ValueErrors naming the op', () => {
    run(() => {
      const x = tf.placeholder('float', [null, 8, 8, 3]);
      const w = tf.zeros([3, 3, 3, 4]);
      const bad = (f: () => unknown, pattern: RegExp) => expect(f).to.throw(tf.errors.ValueError, pattern);
      bad(() => tf.nn.conv2d(x, w, [1, 1, 1, 1], 'SAME', { data_format: 'NCHW', name: 'c1' }), /'c1'.*NCHW/);
      bad(() => tf.nn.conv2d(x, w, [1, 1, 1, 1], 'FULL', { name: 'c2' }),
        /^Attr 'padding' of 'c2' \(op: 'Conv2D'\) has value "FULL" not in list of allowed values: SAME, VALID, EXPLICIT$/);
      bad(() => tf.nn.conv2d(x, w, [2, 1, 1, 1], 'SAME', { name: 'c3' }), /'c3'.*batch and depth/);
      bad(() => tf.nn.conv2d(x, w, [1, 1, 1], 'SAME', { name: 'c4' }), /'c4'.*strides/);
      bad(() => tf.nn.conv2d(x, w, [1, 0, 1, 1], 'SAME', { name: 'c5' }), /'c5'.*strides/);
      bad(() => tf.nn.conv2d(x, tf.zeros([3, 3, 2, 4]), [1, 1, 1, 1], 'SAME', { name: 'c6' }), /'c6'.*same depth: 3 vs 2/);
      bad(() => tf.nn.conv2d(tf.zeros([8, 8, 3]), w, [1, 1, 1, 1], 'SAME', { name: 'c7' }), /rank 4 but is rank 3 for 'c7'/);
      bad(() => tf.nn.conv2d(tf.zeros([1, 1, 2, 3]), w, [1, 1, 1, 1], 'VALID', { name: 'c8' }), /'c8'.*negative/);
      // A window exactly one larger than the input gives an empty output, as in TF.
      expect(tf.nn.conv2d(tf.zeros([1, 2, 2, 3]), w, [1, 1, 1, 1], 'VALID').shape).to.deep.equal([1, 0, 0, 4]);
      bad(() => tf.nn.conv2d(x, w, [1, 1, 1, 1], 'SAME', { dilations: [1, 2, 2, 2], name: 'c9' }), /'c9'.*dilations/);
      // Dtypes are the schema's: TF1's TypeErrors.
      expect(() => tf.nn.conv2d(tf.zeros([1, 4, 4, 3], 'int32'), w, [1, 1, 1, 1], 'SAME', { name: 'c10' })).to.throw(TypeError,
        "Input 'filter' of 'c10' (op: 'Conv2D') has type float32 that does not match type int32 of argument 'input'.");
      expect(() => tf.nn.conv2d(tf.zeros([1, 4, 4, 3], 'int32'), tf.zeros([3, 3, 3, 4], 'int32'), [1, 1, 1, 1], 'SAME', { name: 'c11' }))
        .to.throw(TypeError, "Value passed to parameter 'input' of 'c11' (op: 'Conv2D') has DataType int32 not in list of allowed values: float32");
    });
  });

  it('reports shapes that only meet at run time as InvalidArgumentError naming the op', () => {
    run((sess) => {
      const x = tf.placeholder('float', null, 'x');
      const y = tf.nn.conv2d(x, tf.zeros([3, 3, 2, 1]), [1, 1, 1, 1], 'VALID', { name: 'conv' });
      const feed = (v: NDArray) => () => sess.run(y, new Map([[x, v]]));
      expect(feed(NDArray.zeros([1, 4, 4, 3]))).to.throw(tf.errors.InvalidArgumentError, /conv.*same depth: 3 vs 2/);
      expect(feed(NDArray.zeros([1, 1, 4, 2]))).to.throw(tf.errors.InvalidArgumentError, /conv.*negative/);
      expect(feed(NDArray.zeros([4, 4, 2]))).to.throw(tf.errors.InvalidArgumentError, /conv.*4-dimensional/);
      expect((sess.run(y, new Map([[x, NDArray.zeros([2, 3, 5, 2])]])) as NDArray).shape).to.deep.equal([2, 1, 3, 1]);
    });
  });

  it('handles empty batches and zero channels', () => {
    run((sess) => {
      const empty = sess.run(tf.nn.conv2d(tf.zeros([0, 4, 4, 2]), tf.ones([3, 3, 2, 5]), [1, 1, 1, 1], 'SAME')) as NDArray;
      expect(empty.shape).to.deep.equal([0, 4, 4, 5]);
      const noChannels = sess.run(tf.nn.conv2d(tf.zeros([1, 4, 4, 0]), tf.ones([3, 3, 0, 2]), [1, 1, 1, 1], 'SAME')) as NDArray;
      expect(Array.from(noChannels.data)).to.deep.equal(new Array(32).fill(0));
    });
  });
});

describe('Conv2D gradient ops', () => {
  it('Conv2DBackpropInput and Conv2DBackpropFilter match the direct reference on random cases', () => {
    const cases = randomCases(20, 2);
    run((sess) => {
      cases.forEach((c, t) => {
        const gh = geometry(c.x.shape[1], c.w.shape[0], c.strides[1], c.dilations[1], c.padding);
        const gw = geometry(c.x.shape[2], c.w.shape[1], c.strides[2], c.dilations[2], c.padding);
        const dy = randomArray([c.x.shape[0], gh.out, gw.out, c.w.shape[3]], 300 + t);
        const opts = { dilations: c.dilations };
        const dx = tf.nn.conv2d_backprop_input(c.x.shape, tf.constant(c.w), tf.constant(dy), c.strides, c.padding, opts);
        const dw = tf.nn.conv2d_backprop_filter(tf.constant(c.x), c.w.shape, tf.constant(dy), c.strides, c.padding, opts);
        expect(dx.shape, describeCase(c)).to.deep.equal(c.x.shape);
        expect(dw.shape, describeCase(c)).to.deep.equal(c.w.shape);
        const [gotDx, gotDw] = sess.run([dx, dw]) as NDArray[];
        expect(maxRelError(gotDx, refConv2DBackpropInput(c, dy)), 'input grad ' + describeCase(c)).to.be.below(1e-5);
        expect(maxRelError(gotDw, refConv2DBackpropFilter(c, dy)), 'filter grad ' + describeCase(c)).to.be.below(1e-5);
      });
    });
  });

  it('tf.gradients of conv2d builds the two backprop ops and they equal the reference', () => {
    const c = randomCases(3, 3)[2];
    run((sess) => {
      const x = tf.placeholder('float', [null, ...c.x.shape.slice(1)]);
      const w = tf.constant(c.w);
      const y = tf.nn.conv2d(x, w, c.strides, c.padding, { dilations: c.dilations });
      const ref = refConv2D(c);
      const dy = randomArray(ref.shape, 9);
      const [dx, dw] = tf.gradients(y, [x, w], [tf.constant(dy)]);
      expect(dx!.op.type).to.equal('Conv2DBackpropInput');
      expect(dw!.op.type).to.equal('Conv2DBackpropFilter');
      expect(dw!.shape).to.deep.equal(c.w.shape);
      const [gotDx, gotDw] = sess.run([dx!, dw!], new Map([[x, c.x]])) as NDArray[];
      expect(maxRelError(gotDx, refConv2DBackpropInput(c, dy))).to.be.below(1e-5);
      expect(maxRelError(gotDw, refConv2DBackpropFilter(c, dy))).to.be.below(1e-5);
    });
  });

  it('checks out_backprop and the sizes at build and at run time', () => {
    run((sess) => {
      const w = tf.zeros([3, 3, 2, 4]);
      expect(() => tf.nn.conv2d_backprop_input([1, 5, 5, 2], w, tf.zeros([1, 5, 5, 3]), [1, 1, 1, 1], 'SAME', { name: 'bi' }))
        .to.throw(tf.errors.ValueError, /'bi'.*out_backprop/);
      expect(() => tf.nn.conv2d_backprop_filter(tf.zeros([2, 5, 5, 2]), [3, 3, 2, 4], tf.zeros([1, 5, 5, 4]), [1, 1, 1, 1], 'SAME', { name: 'bf' }))
        .to.throw(tf.errors.ValueError, /'bf'.*out_backprop/);
      expect(() => tf.nn.conv2d_backprop_filter(tf.zeros([1, 5, 5, 2]), [3, 3, 2], tf.zeros([1, 5, 5, 4]), [1, 1, 1, 1], 'SAME', { name: 'bf2' }))
        .to.throw(tf.errors.ValueError, /'bf2'.*filter_sizes/);
      const sizes = tf.placeholder('int32', [4]);
      const dy = tf.placeholder('float', [null, null, null, 4]);
      const dx = tf.nn.conv2d_backprop_input(sizes, w, dy, [1, 1, 1, 1], 'SAME', { name: 'bi2' });
      expect(() => sess.run(dx, new Map<tf.Tensor, NDArray>([[sizes, NDArray.from(Int32Array.from([1, 5, 5, 2]))], [dy, NDArray.zeros([1, 5, 4, 4])]])))
        .to.throw(tf.errors.InvalidArgumentError, /bi2.*out_backprop/);
      const ok = sess.run(dx, new Map<tf.Tensor, NDArray>([[sizes, NDArray.from(Int32Array.from([1, 5, 5, 2]))], [dy, NDArray.zeros([1, 5, 5, 4])]])) as NDArray;
      expect(ok.shape).to.deep.equal([1, 5, 5, 2]);
    });
  });
});

describe('Conv2D numerical gradient checks', () => {
  const configs: { name: string; x: number[]; w: number[]; strides: number[]; padding: string; dilations?: number[] }[] = [
    { name: 'SAME stride 1', x: [2, 4, 5, 2], w: [3, 3, 2, 3], strides: [1, 1, 1, 1], padding: 'SAME' },
    { name: 'SAME stride 2, odd sizes', x: [2, 5, 5, 3], w: [2, 3, 3, 2], strides: [1, 2, 2, 1], padding: 'SAME' },
    { name: 'VALID stride (2,1)', x: [1, 6, 5, 2], w: [3, 2, 2, 2], strides: [1, 2, 1, 1], padding: 'VALID' },
    { name: 'VALID dilated', x: [2, 6, 6, 1], w: [2, 2, 1, 2], strides: [1, 1, 1, 1], padding: 'VALID', dilations: [1, 2, 2, 1] },
  ];
  for (const c of configs) {
    it(`conv2d w.r.t. input and filter: ${c.name}`, () => {
      checkGradients((x, w) => tf.nn.conv2d(x, w, c.strides, c.padding, { dilations: c.dilations }),
        [randomArray(c.x, 11), randomArray(c.w, 12)]);
    });
  }

  it('Conv2DBackpropInput w.r.t. filter and out_backprop (second order)', () => {
    const xShape = [2, 5, 4, 2];
    checkGradients((w, dy) => tf.nn.conv2d_backprop_input(xShape, w, dy, [1, 2, 2, 1], 'SAME'),
      [randomArray([3, 2, 2, 3], 21), randomArray([2, 3, 2, 3], 22)]);
  });

  it('Conv2DBackpropFilter w.r.t. input and out_backprop (second order)', () => {
    checkGradients((x, dy) => tf.nn.conv2d_backprop_filter(x, [2, 3, 2, 3], dy, [1, 1, 1, 1], 'VALID'),
      [randomArray([2, 4, 5, 2], 31), randomArray([2, 3, 3, 3], 32)]);
  });
});
