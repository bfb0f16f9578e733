import { expect } from 'chai';
import * as util from 'util';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { DType } from '../lib/framework/dtypes';
import { arrayRepr, arrayStr, scalarStr } from '../lib/framework/numpy_print';
import { shortestDecimal, float16RoundTrip, float32RoundTrip } from '../lib/framework/float_digits';

// Every expected string below is what NumPy (1.14 and later, default print options) prints
// for the same values; numpy is not installed here, so they are written out.

const f32 = (v: unknown, shape?: number[]) => { const a = NDArray.from(v, 'float32'); return shape ? a.reshape(shape) : a; };
const arr = (v: unknown, dtype: DType, shape?: number[]) => { const a = NDArray.from(v, dtype); return shape ? a.reshape(shape) : a; };
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('NDArray prints as NumPy prints', () => {
  afterEach(() => tf.numpy_like.set_printoptions({ precision: 8, threshold: 1000, edgeitems: 3, linewidth: 75, suppress: false }));

  it('float32 values in their shortest round-trip digits, not the double digits', () => {
    expect(String(f32([3.3, 4.4]))).to.equal('[3.3 4.4]');
    expect(f32([3.3, 4.4]).repr()).to.equal('array([3.3, 4.4], dtype=float32)');
    expect(String(f32([1 / 3, 2 / 3]))).to.equal('[0.33333334 0.6666667 ]');
    expect(f32([0.1, 0.2, 0.7]).toString()).to.equal('[0.1 0.2 0.7]');
  });

  it('aligns columns on the point: integer parts padded left, fractions right', () => {
    expect(String(f32([1, 2.5]))).to.equal('[1.  2.5]');
    expect(f32([1, 2.5]).repr()).to.equal('array([1. , 2.5], dtype=float32)');
    expect(String(f32([-1, 0.5]))).to.equal('[-1.   0.5]');
    expect(String(f32([1.5, -20.25]))).to.equal('[  1.5  -20.25]');
    expect(String(f32([[0.1, 0.9], [0.25, 0.75]]))).to.equal('[[0.1  0.9 ]\n [0.25 0.75]]');
    expect(String(f32([[1, 2], [3, 4]]))).to.equal('[[1. 2.]\n [3. 4.]]');
    expect(String(f32([0, -0, 1.5]))).to.equal('[ 0.  -0.   1.5]');
  });

  it('cuts at precision 8 digits after the point, rounding the exact value', () => {
    expect(String(f32([0.000123456789]))).to.equal('[0.00012346]');
    expect(String(f32([1.0000001]))).to.equal('[1.0000001]');
    expect(String(f32([123456.79]))).to.equal('[123456.79]');
  });

  it('switches to scientific notation as NumPy decides (below 1e-4, from 1e8, a range over 1000)', () => {
    expect(String(f32([1e-5, 1]))).to.equal('[1.e-05 1.e+00]');
    expect(String(f32([1.5e-5, 1]))).to.equal('[1.5e-05 1.0e+00]');
    expect(String(f32([1e8, 1]))).to.equal('[1.e+08 1.e+00]');
    expect(String(f32([0.001, 2]))).to.equal('[1.e-03 2.e+00]');
    expect(String(f32([-1e-5, 1]))).to.equal('[-1.e-05  1.e+00]');
    expect(f32([1e-5, 1]).repr()).to.equal('array([1.e-05, 1.e+00], dtype=float32)');
  });

  it('suppress and precision from set_printoptions', () => {
    tf.numpy_like.set_printoptions({ suppress: true });
    expect(String(f32([1e-5, 1]))).to.equal('[0.00001 1.     ]');
    expect(String(f32([1e-10, 1]))).to.equal('[0. 1.]');
    tf.numpy_like.set_printoptions({ suppress: false, precision: 3 });
    expect(String(f32([1 / 3, 2 / 3]))).to.equal('[0.333 0.667]');
    expect(tf.numpy_like.get_printoptions().precision).to.equal(3);
    expect(() => tf.numpy_like.set_printoptions({ precison: 3 } as never))
      .to.throw(TypeError, "set_printoptions() got an unexpected keyword argument 'precison'");
  });

  it('nan and inf take the columns of the numbers', () => {
    expect(String(f32([NaN, 1]))).to.equal('[nan  1.]');
    expect(String(f32([Infinity, -Infinity, 1.5]))).to.equal('[ inf -inf  1.5]');
    expect(f32([NaN, Infinity]).repr()).to.equal('array([nan, inf], dtype=float32)');
  });

  it('wraps rows at 75 characters, and the repr puts the dtype on its own line when it does not fit', () => {
    expect(String(f32(range(20)))).to.equal(
      '[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19.]');
    expect(f32(range(20)).repr()).to.equal(
      'array([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12.,\n' +
      '       13., 14., 15., 16., 17., 18., 19.], dtype=float32)');
    expect(f32(range(24).map((i) => i + 0.5), [2, 12]).repr()).to.equal(
      'array([[ 0.5,  1.5,  2.5,  3.5,  4.5,  5.5,  6.5,  7.5,  8.5,  9.5, 10.5,\n' +
      '        11.5],\n' +
      '       [12.5, 13.5, 14.5, 15.5, 16.5, 17.5, 18.5, 19.5, 20.5, 21.5, 22.5,\n' +
      '        23.5]], dtype=float32)');
  });

  it('summarises arrays over 1000 elements with 3 edge items and ...', () => {
    expect(String(arr(range(2000), 'int32'))).to.equal('[   0    1    2 ... 1997 1998 1999]');
    expect(arr(range(2000), 'int32').repr()).to.equal('array([   0,    1,    2, ..., 1997, 1998, 1999], dtype=int32)');
    expect(String(NDArray.zeros([1001, 2]))).to.equal(
      '[[0. 0.]\n [0. 0.]\n [0. 0.]\n ...\n [0. 0.]\n [0. 0.]\n [0. 0.]]');
    expect(String(arr(range(1001 * 10), 'int32', [1001, 10]))).to.equal(
      '[[    0     1     2 ...     7     8     9]\n' +
      ' [   10    11    12 ...    17    18    19]\n' +
      ' [   20    21    22 ...    27    28    29]\n' +
      ' ...\n' +
      ' [ 9980  9981  9982 ...  9987  9988  9989]\n' +
      ' [ 9990  9991  9992 ...  9997  9998  9999]\n' +
      ' [10000 10001 10002 ... 10007 10008 10009]]');
    // The formats are chosen from the shown values only: the hidden 0.5s would need a fraction.
    const mostlyHalves = f32(range(2000).map((i) => (i < 3 || i >= 1997 ? 1 : 0.5)));
    expect(String(mostlyHalves)).to.equal('[1. 1. 1. ... 1. 1. 1.]');
  });

  it('int, uint8, int64 and bool arrays as NumPy shows them (dtype in the repr unless it is the default)', () => {
    expect(arr([[1, 2, 3], [4, 5, 6]], 'int32').repr()).to.equal('array([[1, 2, 3],\n       [4, 5, 6]], dtype=int32)');
    expect(String(arr([[1, 2, 3], [4, 5, 6]], 'int32'))).to.equal('[[1 2 3]\n [4 5 6]]');
    expect(String(arr([-5, 10, 200], 'int32'))).to.equal('[ -5  10 200]');
    expect(arr([0, 255], 'uint8').repr()).to.equal('array([  0, 255], dtype=uint8)');
    expect(arr([1, 2], 'int64').repr()).to.equal('array([1, 2])');
    expect(String(arr([true, false], 'bool'))).to.equal('[ True False]');
    expect(arr([true, false], 'bool').repr()).to.equal('array([ True, False])');
    expect(String(NDArray.zeros([2, 2, 2], 'int32'))).to.equal('[[[0 0]\n  [0 0]]\n\n [[0 0]\n  [0 0]]]');
  });

  it('prints a large array in full when the threshold allows it (no call-stack limit)', () => {
    tf.numpy_like.set_printoptions({ threshold: 1e6 });
    const s = String(f32(range(200000).map((i) => i + 0.5)));
    // 0.5 to 199999.5 spans more than 1000: scientific, with the fraction digits of the longest.
    expect(s.startsWith('[5.000000e-01 1.500000e+00 2.500000e+00')).to.equal(true);
    expect(s.endsWith(' 1.999985e+05 1.999995e+05]')).to.equal(true);
    expect(s).to.not.contain('...');
  });

  it('float16 values (held in float32 storage) in float16\'s shortest digits, float64 in a double\'s', () => {
    const half = (data: number[]) => ({ data: data.map(float16RoundTrip), shape: [data.length], dtype: 'float16' });
    expect(arrayStr(half([0.1, 0.2]))).to.equal('[0.1 0.2]');
    expect(arrayRepr(half([0.1, 0.2]))).to.equal('array([0.1, 0.2], dtype=float16)');
    expect(arrayStr(half([65504]))).to.equal('[65500.]');
    expect(scalarStr(float16RoundTrip(65504), 'float16')).to.equal('65500.0');
    expect(scalarStr(float16RoundTrip(1 / 3), 'float16')).to.equal('0.3333');
    expect(float16RoundTrip(65520)).to.equal(Infinity);
    expect(float16RoundTrip(2 ** -25)).to.equal(0); // a tie between 0 and the smallest subnormal: even
    expect(float16RoundTrip(3 * 2 ** -25)).to.equal(2 ** -23);
    expect(float16RoundTrip(1 + 2 ** -11)).to.equal(1);
    expect(float16RoundTrip(1 + 3 * 2 ** -11)).to.equal(1 + 2 ** -9);
    const double = { data: [0.1, 1 / 3], shape: [2], dtype: 'float64' };
    expect(arrayStr(double)).to.equal('[0.1        0.33333333]');
    expect(arrayRepr(double)).to.equal('array([0.1       , 0.33333333])');
    expect(scalarStr(1 / 3, 'float64')).to.equal('0.3333333333333333');
  });

  it('0-d and empty arrays', () => {
    expect(String(f32(5))).to.equal('5.0');
    expect(f32(5).repr()).to.equal('array(5., dtype=float32)');
    expect(f32(3.3).repr()).to.equal('array(3.3, dtype=float32)');
    expect(String(arr(true, 'bool'))).to.equal('True');
    expect(arr(true, 'bool').repr()).to.equal('array(True)');
    expect(String(NDArray.zeros([0, 3]))).to.equal('[]');
    expect(NDArray.zeros([0, 3]).repr()).to.equal('array([], shape=(0, 3), dtype=float32)');
    expect(NDArray.zeros([0]).repr()).to.equal('array([], dtype=float32)');
  });

  it('console.log shows print(a); inside a list or object, the repr (as Python prints a list)', () => {
    const a = f32([1, 2.5]);
    expect(util.inspect(a)).to.equal('[1.  2.5]');
    expect(util.format('%s', a)).to.equal('[1.  2.5]');
    expect(util.inspect([a])).to.equal('[ array([1. , 2.5], dtype=float32) ]');
  });
});

describe('tf.numpy_like.str: fetched scalars print as Python prints numpy scalars', () => {
  const str = tf.numpy_like.str;

  it('a float32 scalar in its shortest digits (0.8538206, not 0.8538206219673157)', () => {
    const fetched = Math.fround(0.8538206); // what sess.run gives for a float32 accuracy
    expect(String(fetched)).to.not.equal('0.8538206');
    expect(str(fetched)).to.equal('0.8538206');
    expect(str(Math.fround(0.1))).to.equal('0.1');
    expect(str(1)).to.equal('1.0');
    expect(str(-0)).to.equal('-0.0');
    expect(str(16777216)).to.equal('16777216.0');
    expect(str(Math.fround(1e-5))).to.equal('1e-05');
    expect(str(Math.fround(1.5e-7))).to.equal('1.5e-07');
    expect(str(Math.fround(1e20))).to.equal('1e+20');
    expect(str(3.4028234663852886e38)).to.equal('3.4028235e+38');
    expect(str(1.401298464324817e-45)).to.equal('1e-45');
    expect(str(NaN)).to.equal('nan');
    expect(str(-Infinity)).to.equal('-inf');
  });

  it('integer and bool scalars with their dtype, arrays as print shows them, lists with reprs', () => {
    expect(str(100, 'int64')).to.equal('100');
    expect(str(true)).to.equal('True');
    expect(str(f32([3.3, 4.4]))).to.equal('[3.3 4.4]');
    expect(str([f32([1, 2]), Math.fround(0.5)])).to.equal('[array([1., 2.], dtype=float32), 0.5]');
    expect(tf.numpy_like.repr(f32([3.3]))).to.equal('array([3.3], dtype=float32)');
  });

  it('every float32 prints digits that read back as itself, and never more than the simple search needs', () => {
    const bits = new Uint32Array(1);
    const asFloat = new Float32Array(bits.buffer);
    let seed = 12345;
    for (let n = 0; n < 20000; n++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      bits[0] = seed;
      const x = asFloat[0];
      if (!Number.isFinite(x)) continue;
      const s = scalarStr(x, 'float32');
      expect(Math.fround(Number(s)), s).to.equal(x);
      let p = 1;
      while (Math.fround(Number(x.toPrecision(p))) !== x) p++;
      expect(shortestDecimal(x, float32RoundTrip).digits.length, s).to.be.at.most(p);
    }
  });
});
