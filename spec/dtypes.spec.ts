/**
 * The dtypes beyond float32/int32/int64/bool/uint8 (#18): float64, float16, int16, int8,
 * uint16 end to end, the unsupported TF1 dtypes' errors, and the rule for the dtype of a
 * JS number. Expected values are hand-computed (IEEE half and two's-complement arithmetic).
 */
import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { DType, roundToFloat16, isFloating, isInteger, isUnsigned, dtypeMin, dtypeMax, dtypeSize } from '../lib/framework/dtypes';
import { float16Bits, float16FromBits, encodeTensor, decodeTensor } from '../lib/saved_model/tensor_codec';
import { encodeTensorProto } from '../lib/saved_model/tensor_proto';
import { probeGl, GpuBackend } from '../lib/gpu/index';
import { checkGradients } from './helpers/gradient_check';

const NEW_DTYPES: DType[] = ['float64', 'float16', 'int16', 'int8', 'uint16'];

/** Runs fetches in a fresh graph built by `build`. */
function run<T>(build: () => { fetch: unknown; feed?: Record<string, unknown> }): T {
  return new tf.Graph().as_default(() => {
    const { fetch, feed } = build();
    return tf.Session().with((sess) => sess.run(fetch as tf.Tensor, feed ?? {}) as T);
  });
}
const values = (a: NDArray) => Array.from(a.data);

describe('dtypes (#18)', () => {
  describe('names, aliases and properties', () => {
    it('exports TF1 names and aliases, and as_dtype accepts every spelling', () => {
      expect([tf.float64, tf.double, tf.float16, tf.half, tf.int16, tf.int8, tf.uint16])
        .to.deep.equal(['float64', 'float64', 'float16', 'float16', 'int16', 'int8', 'uint16']);
      expect(tf.as_dtype('double')).to.equal('float64');
      expect(tf.as_dtype('half')).to.equal('float16');
      for (const d of NEW_DTYPES) expect(tf.as_dtype(d)).to.equal(d);
    });

    it('is_floating / is_integer / is_unsigned / min / max / size as TF1 DType properties', () => {
      expect(NEW_DTYPES.map(isFloating)).to.deep.equal([true, true, false, false, false]);
      expect(NEW_DTYPES.map(isInteger)).to.deep.equal([false, false, true, true, true]);
      expect(isUnsigned('uint16')).to.equal(true);
      expect(isUnsigned('int8')).to.equal(false);
      expect([dtypeMin('int8'), dtypeMax('int8')]).to.deep.equal([-128, 127]);
      expect([dtypeMin('int16'), dtypeMax('int16')]).to.deep.equal([-32768, 32767]);
      expect([dtypeMin('uint16'), dtypeMax('uint16')]).to.deep.equal([0, 65535]);
      expect(dtypeMax('float16')).to.equal(65504);
      expect(dtypeMax('float64')).to.equal(Number.MAX_VALUE);
      expect(NEW_DTYPES.map(dtypeSize)).to.deep.equal([8, 2, 2, 1, 2]);
    });

    it('complex64 and the other TF1 dtypes without kernels are a TypeError naming the dtype', () => {
      expect(() => tf.as_dtype('complex64')).to.throw(TypeError,
        /^tensorgraph does not support dtype complex64 \(no complex kernels\); supported dtypes: float32, float64, float16, int32/);
      expect(() => tf.as_dtype(tf.complex128)).to.throw(TypeError, 'does not support dtype complex128 (no complex kernels)');
      expect(() => tf.as_dtype(tf.qint8)).to.throw(TypeError, 'does not support dtype qint8 (no quantized kernels)');
      expect(() => tf.as_dtype('bfloat16')).to.throw(TypeError, 'does not support dtype bfloat16');
      new tf.Graph().as_default(() => {
        expect(() => tf.placeholder(tf.complex64, [2])).to.throw(TypeError, 'tensorgraph does not support dtype complex64');
        expect(() => tf.cast(tf.constant([1]), tf.complex64)).to.throw(TypeError, 'does not support dtype complex64');
        expect(() => tf.constant([1, 2], tf.complex64)).to.throw(TypeError, 'does not support dtype complex64');
      });
      expect(() => tf.as_dtype('float8')).to.throw(TypeError, 'Cannot convert "float8" to a tensorgraph dtype');
    });
  });

  describe('float16 rounding (held in float32)', () => {
    it('rounds to the nearest half, ties to even, with subnormals and overflow to infinity', () => {
      expect(roundToFloat16(0.1)).to.equal(0.0999755859375); // 1638/16384
      expect(roundToFloat16(1 + 2 ** -11)).to.equal(1); // a tie between 1 and 1+2^-10: even is 1
      expect(roundToFloat16(1 + 3 * 2 ** -11)).to.equal(1 + 2 ** -9); // a tie: even mantissa 2
      expect(roundToFloat16(2048 + 1)).to.equal(2048); // the unit is 2 there; tie to even
      expect(roundToFloat16(2048 + 3)).to.equal(2052);
      expect(roundToFloat16(65504)).to.equal(65504);
      expect(roundToFloat16(65519.99)).to.equal(65504);
      expect(roundToFloat16(65520)).to.equal(Infinity);
      expect(roundToFloat16(-1e6)).to.equal(-Infinity);
      expect(roundToFloat16(2 ** -24)).to.equal(2 ** -24); // smallest subnormal
      expect(roundToFloat16(2 ** -25)).to.equal(0); // a tie with 0: even is 0
      expect(roundToFloat16(1.5 * 2 ** -25)).to.equal(2 ** -24);
      expect(roundToFloat16(3 * 2 ** -25)).to.equal(2 ** -23); // 1.5 units: tie to even (2 units)
      expect(Object.is(roundToFloat16(-0), -0)).to.equal(true);
      expect(Number.isNaN(roundToFloat16(NaN))).to.equal(true);
    });

    it('half bit patterns: 1.0 is 0x3c00, 65504 is 0x7bff, the smallest subnormal 0x0001, -2 is 0xc000', () => {
      expect([1, 65504, 2 ** -24, -2, Infinity, -0, 0.0999755859375].map(float16Bits))
        .to.deep.equal([0x3c00, 0x7bff, 0x0001, 0xc000, 0x7c00, 0x8000, 0x2e66]);
      expect([0x3c00, 0x7bff, 0x0001, 0xc000, 0x7c00, 0x3555].map(float16FromBits))
        .to.deep.equal([1, 65504, 2 ** -24, -2, Infinity, 0.333251953125]);
      for (let bits = 0; bits < 0x7c00; bits += 7) expect(float16Bits(float16FromBits(bits))).to.equal(bits);
    });
  });

  describe('constants, feeds, fetches and casts', () => {
    it('constants hold each dtype, narrowing as the typed array does', () => {
      const [f64, f16, i16, i8, u16] = run<NDArray[]>(() => ({ fetch: [
        tf.constant([0.1, 1e300], tf.float64), tf.constant([0.1, 70000], tf.float16),
        tf.constant([40000, -1.9], tf.int16), tf.constant([200, 127], tf.int8), tf.constant([-1, 65536], tf.uint16)] }));
      expect(f64.dtype).to.equal('float64');
      expect(values(f64)).to.deep.equal([0.1, 1e300]); // not rounded to float32
      expect(values(f16)).to.deep.equal([0.0999755859375, Infinity]);
      expect(values(i16)).to.deep.equal([40000 - 65536, -1]);
      expect(values(i8)).to.deep.equal([-56, 127]);
      expect(values(u16)).to.deep.equal([65535, 0]);
      expect([f16.dtype, i16.dtype, i8.dtype, u16.dtype]).to.deep.equal(['float16', 'int16', 'int8', 'uint16']);
    });

    it('feeds are converted to the placeholder dtype and fetched back in it', () => {
      const out = run<NDArray[]>(() => {
        const p64 = tf.placeholder(tf.float64, [2], 'p64'), p16 = tf.placeholder(tf.half, [2], 'p16');
        const pi8 = tf.placeholder(tf.int8, [2], 'pi8');
        return { fetch: [tf.identity(p64), tf.identity(p16), tf.identity(pi8)],
          feed: { p64: [1 / 3, 2 ** 60 + 1], p16: [1 / 3, 1e-8], pi8: new Int8Array([-128, 5]) } };
      });
      expect(values(out[0])).to.deep.equal([1 / 3, 2 ** 60]);
      expect(values(out[1])).to.deep.equal([0.333251953125, 0]);
      expect(values(out[2])).to.deep.equal([-128, 5]);
      expect(out.map((a) => a.dtype)).to.deep.equal(['float64', 'float16', 'int8']);
    });

    it('a feed out of a narrow integer dtype\'s range, or not an integer, is an InvalidArgumentError', () => {
      new tf.Graph().as_default(() => {
        const p8 = tf.placeholder(tf.int8, [1], 'p8'), pu = tf.placeholder(tf.uint16, [1], 'pu'), p16 = tf.placeholder(tf.int16, [1], 'p16');
        tf.Session().with((sess) => {
          expect(() => sess.run(p8, { p8: [128] })).to.throw(tf.errors.InvalidArgumentError, "Value 128 is out of range for int8 Tensor 'p8:0'");
          expect(() => sess.run(pu, { pu: [-1] })).to.throw(tf.errors.InvalidArgumentError, "Value -1 is out of range for uint16 Tensor 'pu:0'");
          expect(() => sess.run(p16, { p16: [1.5] })).to.throw(tf.errors.InvalidArgumentError, "Cannot feed non-integer value 1.5 to Tensor 'p16:0' of dtype int16");
          expect(values(sess.run(p16, { p16: [-32768] }) as NDArray)).to.deep.equal([-32768]);
        });
      });
    });

    it('tf.cast between every pair: truncation toward zero, wrap-around, != 0 to bool, half rounding', () => {
      const src = [-1.5, 0, 2.7, 300.25, 70000.5];
      const all: Exclude<DType, 'string' | 'resource'>[] = ['float32', 'float64', 'float16', 'int32', 'int64', 'int16', 'int8', 'uint16', 'uint8', 'bool'];
      const expected: Record<Exclude<DType, 'string' | 'resource'>, number[]> = {
        float32: [-1.5, 0, Math.fround(2.7), 300.25, 70000.5],
        float64: [-1.5, 0, 2.7, 300.25, 70000.5],
        float16: [-1.5, 0, 2.69921875, 300.25, Infinity],
        int32: [-1, 0, 2, 300, 70000],
        int64: [-1, 0, 2, 300, 70000],
        int16: [-1, 0, 2, 300, 70000 - 65536],
        int8: [-1, 0, 2, 300 - 256, 70000 % 256], // 70000 = 273 * 256 + 112
        uint16: [65535, 0, 2, 300, 70000 - 65536],
        uint8: [255, 0, 2, 300 - 256, 70000 % 256],
        bool: [1, 0, 1, 1, 1],
      };
      const out = run<NDArray[]>(() => {
        const x = tf.constant(src, tf.float64);
        return { fetch: all.map((d) => tf.cast(x, d)) };
      });
      all.forEach((d, i) => expect(values(out[i]), d).to.deep.equal(expected[d]));
      // And back: each to float64 keeps the value it holds.
      const back = run<NDArray[]>(() => ({ fetch: (['int8', 'uint16', 'int16', 'float16'] as DType[])
        .map((d) => tf.cast(tf.cast(tf.constant([-3, 200], tf.float64), d), tf.float64)) }));
      expect(back.map(values)).to.deep.equal([[-3, -56], [65533, 200], [-3, 200], [-3, 200]]);
    });
  });

  describe('float64 computes in float64', () => {
    it('element-wise math keeps a double\'s precision (float32 would round 1 + 1e-10 to 1)', () => {
      const [sum, quot, exp] = run<NDArray[]>(() => {
        const x = tf.constant([1, 2], tf.float64);
        return { fetch: [x.add(1e-10), tf.divide(x, 3), tf.exp(x)] };
      });
      expect(values(sum)).to.deep.equal([1 + 1e-10, 2 + 1e-10]);
      expect(values(quot)).to.deep.equal([1 / 3, 2 / 3]);
      expect(values(exp)).to.deep.equal([Math.exp(1), Math.exp(2)]);
      expect(sum.dtype).to.equal('float64');
    });

    it('reductions and matmul in float64', () => {
      const [s, m, mx, mm, mmT] = run<(NDArray | number)[]>(() => {
        const x = tf.constant([[0.1, 0.2], [0.3, 1e-12]], tf.float64);
        return { fetch: [tf.reduce_sum(x), tf.reduce_mean(x, 0), tf.reduce_max(x, 1),
          tf.matmul(x, x), tf.matmul(x, x, { transpose_a: true, transpose_b: true })] };
      });
      expect(s).to.equal(0.1 + 0.2 + 0.3 + 1e-12);
      expect(values(m as NDArray)).to.deep.equal([(0.1 + 0.3) / 2, (0.2 + 1e-12) / 2]);
      expect(values(mx as NDArray)).to.deep.equal([0.2, 0.3]);
      expect((mm as NDArray).dtype).to.equal('float64');
      expect(values(mm as NDArray)).to.deep.equal([0.1 * 0.1 + 0.2 * 0.3, 0.1 * 0.2 + 0.2 * 1e-12, 0.3 * 0.1 + 1e-12 * 0.3, 0.3 * 0.2 + 1e-12 * 1e-12]);
      // (xᵀ)(xᵀ) = (x·x)ᵀ
      expect(values(mmT as NDArray)).to.deep.equal([0.1 * 0.1 + 0.3 * 0.2, 0.1 * 0.3 + 0.3 * 1e-12, 0.2 * 0.1 + 1e-12 * 0.2, 0.2 * 0.3 + 1e-12 * 1e-12]);
    });

    it('gradients in float64 match numerical ones (matmul, square, reduce_mean, cast)', () => {
      const x = NDArray.from([[0.5, -1], [2, 0.25]], 'float64');
      const w = NDArray.from([[1.5, 0.5], [-0.5, 2]], 'float64');
      // wrt named: the helper checks only float32 inputs by default.
      const err = checkGradients((a, b) => tf.reduce_mean(tf.square(tf.matmul(a, b))), [x, w], { wrt: [0, 1], delta: 1e-6, atol: 1e-7, rtol: 1e-7 });
      expect(err).to.be.below(1e-7); // central differences in float64 (float32 would be off by ~1e-4)
      const moved = checkGradients((a) => tf.reduce_sum(tf.concat([tf.slice(tf.pad(a, [[1, 0], [0, 1]]), [0, 0], [2, 3]),
        tf.tile(tf.expand_dims(tf.reduce_max(a, 1), 1), [1, 3])], 0).mul(tf.constant([[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 1, 1]], tf.float64))),
      [x], { wrt: [0], delta: 1e-6, atol: 1e-6, rtol: 1e-6 });
      expect(moved).to.be.below(1e-6);
      const grads = run<NDArray[]>(() => {
        const a = tf.constant([1, 2], tf.float64);
        const y = tf.reduce_sum(tf.square(tf.cast(a, tf.float32)));
        return { fetch: tf.gradients(y, [a]) };
      });
      expect(grads[0].dtype).to.equal('float64');
      expect(values(grads[0])).to.deep.equal([2, 4]);
      // reduce_mean over a dimension known only at run time divides by a count tensor of dy's dtype.
      const dynamic = new tf.Graph().as_default(() => {
        const p = tf.placeholder(tf.float64, [null], 'p');
        const [gp] = tf.gradients(tf.reduce_mean(p), [p]);
        return tf.Session().with((sess) => sess.run(gp!, { p: [1, 2, 3, 4, 5] }) as NDArray);
      });
      expect(dynamic.dtype).to.equal('float64');
      expect(values(dynamic)).to.deep.equal([0.2, 0.2, 0.2, 0.2, 0.2]);
    });

    it('a float64 Variable trains with GradientDescentOptimizer, updated in float64', () => {
      const out = new tf.Graph().as_default(() => {
        const v = tf.Variable(tf.constant([1, 2 + 1e-12], tf.float64), { name: 'w' });
        const train = tf.train.GradientDescentOptimizer(0.25).minimize(tf.reduce_sum(tf.square(v)));
        return tf.Session().with((sess) => {
          sess.run(tf.global_variables_initializer());
          sess.run(train);
          return sess.run(v) as NDArray;
        });
      });
      // w - 0.25 * 2w = w / 2, in float64: the 1e-12 survives (float32 would lose it).
      expect(out.dtype).to.equal('float64');
      expect(values(out)).to.deep.equal([0.5, (2 + 1e-12) / 2]);
    });
  });

  describe('optimizers without a float64 kernel', () => {
    it('Momentum refuses a float64 variable with TF1\'s TypeError; an int32 loss is a ValueError', () => {
      new tf.Graph().as_default(() => {
        const v = tf.Variable(tf.constant([1, 2], tf.float64), { name: 'w' });
        expect(() => tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(tf.square(v)))).to.throw(TypeError, 'float64');
        const i = tf.Variable(tf.constant([1, 2], tf.int32), { name: 'i' });
        expect(() => tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(i), { var_list: [i] })).to.throw(tf.errors.ValueError,
          /^Invalid type int32 for Sum(_\d+)?:0, expected: \[float32, float64\]\.$/);
      });
    });
  });

  describe('narrow integers and float16 in ops', () => {
    it('int8/int16/uint16 arithmetic wraps as the typed arrays do; reductions use the dtype\'s range', () => {
      const [add, mul, sub, mx, mn] = run<NDArray[]>(() => {
        const a = tf.constant([100, -100], tf.int8), b = tf.constant([300, 2], tf.int16);
        const u = tf.constant([1, 0], tf.uint16);
        return { fetch: [a.add(a), b.mul(b), u.sub(tf.constant([2, 1], tf.uint16)),
          tf.reduce_max(tf.constant([-128, -5], tf.int8)), tf.reduce_min(tf.constant([65535, 7], tf.uint16))] };
      });
      expect(values(add)).to.deep.equal([-56, 56]);
      expect(values(mul)).to.deep.equal([90000 - 65536, 4]);
      expect(values(sub)).to.deep.equal([65535, 65535]);
      expect([mx, mn].map((x) => (x as unknown as number))).to.deep.equal([-5, 7]);
    });

    it('tf.assign_add on int8 and float64 variables, in the variable\'s dtype', () => {
      const out = new tf.Graph().as_default(() => {
        const a = tf.Variable(tf.constant([120], tf.int8), { name: 'a' });
        const d = tf.Variable(tf.constant([1], tf.float64), { name: 'd' });
        const ops = [tf.assign_add(a, tf.constant([10], tf.int8)), tf.assign_add(d, tf.constant([1e-12], tf.float64))];
        return tf.Session().with((sess) => { sess.run(tf.global_variables_initializer()); return sess.run(ops) as NDArray[]; });
      });
      expect(out.map(values)).to.deep.equal([[130 - 256], [1 + 1e-12]]);
    });

    it('float16 moves and compares, but arithmetic refuses it at graph-building time (cast to float32)', () => {
      new tf.Graph().as_default(() => {
        const h = tf.constant([1, 2], tf.float16);
        expect(() => h.add(h)).to.throw(TypeError,
          "Value passed to parameter 'x' of 'Add' (op: 'Add') has DataType float16 not in list of allowed values: float32, float64, int32, int64, int16, int8, uint16, uint8");
        expect(() => tf.matmul(tf.reshape(h, [1, 2]), tf.reshape(h, [2, 1]))).to.throw(TypeError, 'has DataType float16 not in list of allowed values: float32, float64');
        const eq = tf.equal(h, tf.constant([1, 3], tf.float16));
        const r = tf.reshape(h, [2, 1]);
        tf.Session().with((sess) => {
          expect(values(sess.run(eq) as NDArray)).to.deep.equal([1, 0]);
          expect((sess.run(r) as NDArray).dtype).to.equal('float16');
        });
      });
    });

    it('the nn kernels (float32 only) refuse float64 with TF1\'s TypeError', () => {
      new tf.Graph().as_default(() => {
        expect(() => tf.nn.softmax(tf.constant([[1, 2]], tf.float64))).to.throw(TypeError,
          "has DataType float64 not in list of allowed values: float32");
        expect(() => tf.nn.sigmoid(tf.constant([1], tf.float64))).to.throw(TypeError, 'DataType float64 not in list of allowed values: float32');
      });
    });
  });

  describe('printing as NumPy', () => {
    it('float64 in a double\'s shortest digits, float16 in a half\'s, narrow ints as ints; repr names the dtype', () => {
      expect(NDArray.from([0.1, 1 / 3], 'float64').repr()).to.equal('array([0.1       , 0.33333333])');
      expect(String(NDArray.from([0.1, 2 ** -20], 'float64'))).to.equal('[1.00000000e-01 9.53674316e-07]');
      expect(NDArray.from([0.1, 1 / 3, 65504], 'float16').repr()).to.equal('array([1.000e-01, 3.333e-01, 6.550e+04], dtype=float16)');
      expect(NDArray.from([0.1, 0.5], 'float16').repr()).to.equal('array([0.1, 0.5], dtype=float16)');
      expect(NDArray.from([-128, 5], 'int8').repr()).to.equal('array([-128,    5], dtype=int8)');
      expect(NDArray.from([1, 2], 'int16').repr()).to.equal('array([1, 2], dtype=int16)');
      expect(NDArray.from([65535], 'uint16').repr()).to.equal('array([65535], dtype=uint16)');
    });
  });

  describe('SavedModel and Saver', () => {
    let tmp: string;
    beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-dtypes-')); });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const SAMPLES: Record<string, number[]> = {
      float64: [0.1, -1e300, 2 ** -1074], float16: [0.0999755859375, -65504, 2 ** -24],
      int16: [-32768, 32767, 5], int8: [-128, 127, 0], uint16: [0, 65535, 300],
    };

    it('the tensor codec writes TF\'s little-endian bytes (halves as 2 bytes) and reads them back', () => {
      expect(Array.from(encodeTensor(NDArray.from([1, -2], 'float16')))).to.deep.equal([0x00, 0x3c, 0x00, 0xc0]);
      expect(Array.from(encodeTensor(NDArray.from([-2], 'int16')))).to.deep.equal([0xfe, 0xff]);
      expect(Array.from(encodeTensor(NDArray.from([1], 'float64')))).to.deep.equal([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
      for (const d of NEW_DTYPES) {
        const a = NDArray.from(SAMPLES[d], d);
        const back = decodeTensor(encodeTensor(a), d, a.shape);
        expect(back.dtype, d).to.equal(d);
        expect(values(back), d).to.deep.equal(SAMPLES[d]);
      }
      expect(encodeTensorProto(NDArray.from([0.5, 0.5], 'float16'))).to.deep.equal(
        { dtype: 'DT_HALF', tensor_shape: { dim: [{ size: 2 }] }, half_val: [0x3800] });
      expect(encodeTensorProto(NDArray.from([0.1, 0.1], 'float64')).double_val).to.deep.equal([0.1]);
      expect(encodeTensorProto(NDArray.from([3, 3], 'int8')).int_val).to.deep.equal([3]);
    });

    it('Saver: a variable of each new dtype saves and restores exactly', () => {
      const prefix = path.join(tmp, 'ckpt');
      const build = () => NEW_DTYPES.map((d) => tf.Variable(tf.constant(SAMPLES[d], d), { name: `v_${d}` }));
      new tf.Graph().as_default(() => {
        build();
        tf.Session().with((sess) => { sess.run(tf.global_variables_initializer()); tf.train.Saver().save(sess, prefix); });
      });
      new tf.Graph().as_default(() => {
        const vs = build();
        tf.Session().with((sess) => {
          tf.train.Saver().restore(sess, prefix);
          vs.forEach((v, i) => {
            const a = sess.run(v) as NDArray;
            expect(a.dtype).to.equal(NEW_DTYPES[i]);
            expect(values(a), NEW_DTYPES[i]).to.deep.equal(SAMPLES[NEW_DTYPES[i]]);
          });
        });
      });
    });

    it('SavedModel: constants (splat and not) and placeholders of each new dtype load with their values', () => {
      const dir = path.join(tmp, 'sm');
      const { builder, loader, tag_constants } = tf.saved_model;
      new tf.Graph().as_default(() => {
        for (const d of NEW_DTYPES) {
          tf.identity(tf.constant(SAMPLES[d], d), `c_${d}`);
          tf.identity(tf.fill([3], tf.constant(SAMPLES[d][1], d)), `s_${d}`);
          tf.identity(tf.constant([SAMPLES[d][0], SAMPLES[d][0]], d), `splat_${d}`);
          tf.placeholder(d, [2], `p_${d}`);
        }
        tf.Session().with((sess) => {
          const b = builder.SavedModelBuilder(dir);
          b.add_meta_graph_and_variables(sess, [tag_constants.SERVING]);
          b.save();
        });
      });
      tf.Session({ graph: new tf.Graph() }).with((sess) => {
        loader.load(sess, [tag_constants.SERVING], dir);
        const g = tf.get_default_graph();
        for (const d of NEW_DTYPES) {
          const c = sess.run(`c_${d}:0`) as NDArray;
          expect(c.dtype, d).to.equal(d);
          expect(values(c), d).to.deep.equal(SAMPLES[d]);
          expect(values(sess.run(`splat_${d}:0`) as NDArray), d).to.deep.equal([SAMPLES[d][0], SAMPLES[d][0]]);
          expect(g.get_tensor_by_name(`p_${d}:0`).dtype).to.equal(d);
        }
      });
    });
  });

  describe('the dtype of a JS number', () => {
    it('numbers without a dtype are float32 (JS cannot tell 2 from 2.0); next to a tensor they take its dtype', () => {
      new tf.Graph().as_default(() => {
        expect(tf.constant(2.5).dtype).to.equal('float32');
        expect(tf.constant(2).dtype).to.equal('float32');
        expect(tf.constant(2, tf.int32).dtype).to.equal('int32');
        expect(tf.constant(new Int16Array([1])).dtype).to.equal('int16');
        expect(tf.constant(new Float64Array([1])).dtype).to.equal('float64');
        expect([new Float64Array([0.1]), new Int8Array([1]), new Uint16Array([1]), new Int16Array([1]), new Float32Array([1])]
          .map((d) => NDArray.from(d).dtype)).to.deep.equal(['float64', 'int8', 'uint16', 'int16', 'float32']);
        expect(NDArray.from(new Float64Array([0.1])).data[0]).to.equal(0.1); // not rounded through float32
        const x = tf.constant([1, 2], tf.float64), i = tf.constant([1, 2], tf.int8);
        expect(x.mul(2).dtype).to.equal('float64');
        expect(tf.add(x, 1).dtype).to.equal('float64');
        expect(tf.add(1, i).dtype).to.equal('int8');
      });
    });
  });

  describe('the gpu backend', () => {
    it('runs steps on float64 (and float16, int16, int8, uint16) with their CPU kernels, not downcast', function () {
      this.timeout(120000);
      const device = probeGl() ? 'gpu' : 'gpu-webasm';
      new tf.Graph().as_default(() => {
        const x = tf.placeholder(tf.float64, [2], 'x');
        const y = tf.reduce_sum(x.mul(x).add(1e-10));
        const f = tf.placeholder(tf.float32, [2], 'f');
        const z = tf.cast(tf.cast(f, tf.float16), tf.float32).mul(2);
        const sess = tf.Session({ config: { device } });
        const backend = sess.backend as GpuBackend;
        const warn = console.warn;
        console.warn = () => undefined; // the CPU fallback is announced once per op type
        try {
          expect(sess.run(y, { x: [1, 1e-5] })).to.equal(1 + 1e-10 + 1e-10 + 1e-10);
          expect(values(sess.run(z, { f: [0.1, 1] }) as NDArray)).to.deep.equal([Math.fround(0.0999755859375 * 2), 2]);
        } finally { console.warn = warn; }
        expect(backend.counters.cpuFallbacks).to.be.greaterThan(0);
        sess.close();
      });
    });
  });
});
