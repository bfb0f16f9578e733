import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkGradients, randomArray } from './helpers/gradient_check';
import { probeGl } from '../lib/gpu/index';

function run<T>(fn: (sess: tf.Session) => T): T {
  const g = new tf.Graph();
  return g.as_default(() => {
    const sess = new tf.Session({ graph: g });
    try { return fn(sess); } finally { sess.close(); }
  });
}

/**
 * The transposed convolution as a scatter, straight from the definition: every value
 * element adds value·filter into the output window conv2d would have read it from.
 * Padding as conv2d over the output: total max((in-1)·s + k - out, 0) for SAME, the
 * smaller half before.
 */
function refTranspose(value: NDArray, filter: NDArray, outShape: number[], strides: number[], padding: string): NDArray {
  const [n, inH, inW, inC] = value.shape;
  const [kh, kw, outC] = filter.shape;
  const [, outH, outW] = outShape;
  const padBefore = (inSize: number, k: number, s: number, outSize: number) =>
    padding === 'VALID' ? 0 : Math.floor(Math.max((inSize - 1) * s + k - outSize, 0) / 2);
  const pt = padBefore(inH, kh, strides[1], outH), pl = padBefore(inW, kw, strides[2], outW);
  const out = NDArray.zeros(outShape, 'float32');
  const acc = new Float64Array(out.size);
  for (let b = 0; b < n; b++) for (let i = 0; i < inH; i++) for (let j = 0; j < inW; j++) for (let ci = 0; ci < inC; ci++) {
    const v = value.data[((b * inH + i) * inW + j) * inC + ci];
    for (let ky = 0; ky < kh; ky++) for (let kx = 0; kx < kw; kx++) {
      const y = i * strides[1] + ky - pt, x = j * strides[2] + kx - pl;
      if (y < 0 || y >= outH || x < 0 || x >= outW) continue;
      for (let co = 0; co < outC; co++) {
        acc[((b * outH + y) * outW + x) * outC + co] += v * filter.data[((ky * kw + kx) * outC + co) * inC + ci];
      }
    }
  }
  out.data.set(acc);
  return out;
}

function maxAbsDiff(a: NDArray, b: NDArray): number {
  expect(a.shape).to.deep.equal(b.shape);
  let worst = 0;
  for (let i = 0; i < a.size; i++) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]));
  return worst;
}

const CASES = [
  { value: [1, 3, 3, 2], filter: [3, 3, 4, 2], out: [1, 3, 3, 4], strides: [1, 1, 1, 1], padding: 'SAME' },
  { value: [2, 3, 2, 3], filter: [3, 2, 2, 3], out: [2, 6, 4, 2], strides: [1, 2, 2, 1], padding: 'SAME' },
  { value: [1, 3, 3, 1], filter: [3, 3, 2, 1], out: [1, 5, 6, 2], strides: [1, 2, 2, 1], padding: 'SAME' }, // odd: 5 -> 3, 6 -> 3
  { value: [2, 2, 3, 2], filter: [2, 3, 3, 2], out: [2, 3, 5, 3], strides: [1, 1, 1, 1], padding: 'VALID' },
  { value: [1, 2, 2, 2], filter: [3, 3, 1, 2], out: [1, 5, 6, 1], strides: [1, 2, 2, 1], padding: 'VALID' }, // 6: the last column unread
];

describe('tf.nn.conv2d_transpose', () => {
  it('computes a hand-checked stride-2 SAME transpose (Conv2DBackpropInput used forward)', () => {
    run((sess) => {
      const value = tf.constant([[[[1], [2]], [[3], [4]]]]);
      const y = tf.nn.conv2d_transpose(value, tf.ones([3, 3, 1, 1]), [1, 4, 4, 1], [1, 2, 2, 1]);
      expect(y.op.type).to.equal('Conv2DBackpropInput');
      expect(y.op.name).to.equal('conv2d_transpose');
      expect(y.op.inputs[0].op.name).to.equal('conv2d_transpose/output_shape');
      expect(y.op.inputs[2]).to.equal(value);
      expect(y.op.attrs.padding).to.equal('SAME');
      expect(y.shape).to.deep.equal([1, 4, 4, 1]);
      // Padding 1, all after: value (i, j) covers rows/cols 2i..2i+2 of the output.
      expect((sess.run(y) as NDArray).toArray()).to.deep.equal([
        [[[1], [1], [3], [2]], [[1], [1], [3], [2]], [[4], [4], [10], [6]], [[3], [3], [7], [4]]],
      ]);
      const valid = tf.nn.conv2d_transpose(value, tf.ones([3, 3, 1, 1]), [1, 5, 5, 1], [1, 2, 2, 1], 'VALID', { name: 'up' });
      expect(valid.op.name).to.equal('up');
      expect((sess.run(valid) as NDArray).toArray()).to.deep.equal([
        [[[1], [1], [3], [2], [2]], [[1], [1], [3], [2], [2]], [[4], [4], [10], [6], [6]], [[3], [3], [7], [4], [4]], [[3], [3], [7], [4], [4]]],
      ]);
    });
  });

  it('matches the scatter reference: SAME and VALID, strides 1 and 2, several channels', () => {
    CASES.forEach((c, k) => run((sess) => {
      const v = randomArray(c.value, 30 + k), w = randomArray(c.filter, 40 + k);
      const y = tf.nn.conv2d_transpose(tf.constant(v), tf.constant(w), c.out, c.strides, c.padding);
      expect(y.shape).to.deep.equal(c.out);
      expect(maxAbsDiff(sess.run(y) as NDArray, refTranspose(v, w, c.out, c.strides, c.padding)), JSON.stringify(c)).to.be.below(1e-5);
    }));
  });

  it('takes output_shape as a tensor fed at run time, and keywords for the rest', () => {
    run((sess) => {
      const sizes = tf.placeholder('int32', [4]);
      const v = randomArray([2, 3, 2, 3], 31), w = randomArray([3, 2, 2, 3], 41);
      const y = tf.nn.conv2d_transpose(tf.constant(v), tf.constant(w), sizes, { strides: [1, 2, 2, 1], padding: 'SAME', name: 'fed' });
      expect(y.shape).to.deep.equal([2, null, null, 2]);
      const got = sess.run(y, new Map<tf.Tensor, NDArray>([[sizes, NDArray.from(Int32Array.from([2, 6, 4, 2]))]])) as NDArray;
      expect(maxAbsDiff(got, refTranspose(v, w, [2, 6, 4, 2], [1, 2, 2, 1], 'SAME'))).to.be.below(1e-5);
      // 5 rows also map to 3 under stride 2, so the same value fits a 5x4 output.
      const odd = sess.run(y, new Map<tf.Tensor, NDArray>([[sizes, NDArray.from(Int32Array.from([2, 5, 4, 2]))]])) as NDArray;
      expect(maxAbsDiff(odd, refTranspose(v, w, [2, 5, 4, 2], [1, 2, 2, 1], 'SAME'))).to.be.below(1e-5);
      expect(() => sess.run(y, new Map<tf.Tensor, NDArray>([[sizes, NDArray.from(Int32Array.from([2, 8, 4, 2]))]])))
        .to.throw(tf.errors.InvalidArgumentError, "Conv2DBackpropInput 'fed': Conv2DCustomBackpropInput: Size of out_backprop doesn't match " +
          'computed: actual = 3, computed = 4 spatial_dim: 1 input: 8 filter: 3 output: 3 stride: 2 dilation: 1');
    });
  });

  it('gives TF\'s size message for a fed output_shape on the gpu backend too, and its values', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const sess = new tf.Session({ graph: g, config: { device: probeGl() ? 'gpu' : 'gpu-webasm' } });
      const sizes = tf.placeholder('int32', [4]);
      const v = randomArray([1, 3, 3, 2], 32), w = randomArray([3, 3, 1, 2], 42);
      const y = tf.nn.conv2d_transpose(tf.constant(v), tf.constant(w), sizes, [1, 2, 2, 1], 'VALID', { name: 'dev' });
      const feed = (s: number[]) => new Map<tf.Tensor, NDArray>([[sizes, NDArray.from(Int32Array.from(s))]]);
      expect(maxAbsDiff(sess.run(y, feed([1, 7, 8, 1])) as NDArray, refTranspose(v, w, [1, 7, 8, 1], [1, 2, 2, 1], 'VALID'))).to.be.below(1e-4);
      expect(() => sess.run(y, feed([1, 7, 9, 1]))).to.throw(tf.errors.InvalidArgumentError,
        'actual = 3, computed = 4 spatial_dim: 2 input: 9 filter: 3 output: 3 stride: 2 dilation: 1');
      sess.close();
    });
  });

  it('refuses what TF1 refuses, at build time', () => {
    run(() => {
      const value = tf.zeros([1, 3, 3, 2]);
      expect(() => tf.nn.conv2d_transpose(value, tf.zeros([3, 3, 4, 5]), [1, 6, 6, 4], [1, 2, 2, 1]))
        .to.throw(tf.errors.ValueError, "input channels does not match filter's input channels, 2 != 5");
      expect(() => tf.nn.conv2d_transpose(value, tf.zeros([3, 3, 4, 2]), [1, 6, 6, 3], [1, 2, 2, 1]))
        .to.throw(tf.errors.ValueError, "output_shape does not match filter's output channels, 3 != 4");
      expect(() => tf.nn.conv2d_transpose(value, tf.zeros([3, 3, 4, 2]), [1, 6, 6, 4, 1], [1, 2, 2, 1]))
        .to.throw(tf.errors.ValueError, 'output_shape must have shape (4,), got (5)');
      expect(() => tf.nn.conv2d_transpose(value, tf.zeros([3, 3, 4, 2]), [1, 6, 6, 4], [1, 2, 2, 1], 'FULL'))
        .to.throw(tf.errors.ValueError, 'padding must be either VALID or SAME: FULL');
      expect(() => tf.nn.conv2d_transpose(value, tf.zeros([3, 3, 4, 2]), [1, 6, 6, 4], [1, 2, 2, 1], 'SAME', 'NCWH'))
        .to.throw(tf.errors.ValueError, 'data_format has to be either NCHW or NHWC.');
      // 8 rows under stride 2 give 4, not value's 3.
      expect(() => tf.nn.conv2d_transpose(value, tf.zeros([3, 3, 4, 2]), [1, 8, 6, 4], [1, 2, 2, 1], 'SAME', { name: 'big' }))
        .to.throw(tf.errors.ValueError, "Conv2DBackpropInput 'big': Conv2DCustomBackpropInput: Size of out_backprop doesn't match " +
          'computed: actual = 3, computed = 4 spatial_dim: 1 input: 8 filter: 3 output: 3 stride: 2 dilation: 1');
      expect(() => tf.nn.conv2d_transpose(value, tf.zeros([3, 3, 4, 2]), [1, 5, 9, 4], [1, 1, 1, 1], 'VALID'))
        .to.throw(tf.errors.ValueError, /actual = 3, computed = 7 spatial_dim: 2 input: 9 filter: 3 output: 3 stride: 1 dilation: 1/);
    });
  });
});

describe('conv2d_transpose numerical gradient checks (w.r.t. value and filter)', () => {
  CASES.forEach((c, k) => {
    it(`${c.padding} strides ${c.strides[1]}x${c.strides[2]}: value ${c.value}, output ${c.out}`, () => {
      checkGradients((v, w) => tf.nn.conv2d_transpose(v, w, c.out, c.strides, c.padding),
        [randomArray(c.value, 50 + k), randomArray(c.filter, 60 + k)]);
    });
  });
});
