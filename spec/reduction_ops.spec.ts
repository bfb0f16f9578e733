import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { InvalidArgumentError, ValueError } from '../lib/framework/errors';

function run(fetch: any, feeds?: any): any {
  const sess = new tf.Session();
  try { return sess.run(fetch, feeds); } finally { sess.close(); }
}
const arr = (t: tf.Tensor, feeds?: any) => { const v = run(t, feeds); return v instanceof NDArray ? v.toArray() : v; };
const iota = (shape: number[]) => tf.constant(NDArray.from(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i)).reshape(shape));

describe('reductions: Sum, Mean, Max, Min, Prod', () => {
  beforeEach(() => tf.reset_default_graph());
  const m = () => tf.constant([[1, 2, 3], [4, 5, 6]]);

  it('reduce everything by default, giving a scalar', () => {
    expect(arr(tf.reduce_sum(m()))).to.equal(21);
    expect(arr(tf.reduce_mean(m()))).to.equal(3.5);
    expect(arr(tf.reduce_max(m()))).to.equal(6);
    expect(arr(tf.reduce_min(m()))).to.equal(1);
    expect(arr(tf.reduce_prod(m()))).to.equal(720);
    expect(tf.reduce_sum(m()).shape).to.deep.equal([]);
  });

  it('reduce along one axis, negative axes included', () => {
    expect(arr(tf.reduce_sum(m(), 0))).to.deep.equal([5, 7, 9]);
    expect(arr(tf.reduce_sum(m(), 1))).to.deep.equal([6, 15]);
    expect(arr(tf.reduce_sum(m(), -1))).to.deep.equal([6, 15]);
    expect(arr(tf.reduce_mean(m(), 0))).to.deep.equal([2.5, 3.5, 4.5]);
    expect(arr(tf.reduce_max(m(), -2))).to.deep.equal([4, 5, 6]);
    expect(arr(tf.reduce_min(m(), 1))).to.deep.equal([1, 4]);
    expect(arr(tf.reduce_prod(m(), 1))).to.deep.equal([6, 120]);
  });

  it('keep_dims / keepdims keep reduced axes with size 1 (positional and options forms)', () => {
    const k = tf.reduce_sum(m(), 1, true);
    expect(k.shape).to.deep.equal([2, 1]);
    expect(arr(k)).to.deep.equal([[6], [15]]);
    expect(arr(tf.reduce_max(m(), { axis: 0, keepdims: true }))).to.deep.equal([[4, 5, 6]]);
    expect(arr(tf.reduce_mean(m(), { reduction_indices: [1], keep_dims: true }))).to.deep.equal([[2], [5]]);
    expect(tf.reduce_sum(m(), { keep_dims: true }).shape).to.deep.equal([1, 1]);
    expect(tf.reduce_sum(m(), { name: 'total' }).op.name).to.equal('total');
    expect(tf.reduce_sum(m(), null, false, 'total2').op.name).to.equal('total2');
  });

  it('reduce over several axes, adjacent or not, of a 4-D tensor', () => {
    const x = iota([2, 3, 4, 5]);
    const numpySum = (axes: number[]) => {
      const shape = [2, 3, 4, 5];
      const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
      const out = new Array(outShape.reduce((a, b) => a * b, 1)).fill(0);
      for (let i = 0; i < 120; i++) {
        const idx = [Math.floor(i / 60), Math.floor(i / 20) % 3, Math.floor(i / 5) % 4, i % 5];
        const o = idx.map((v, d) => (axes.includes(d) ? 0 : v));
        const flat = ((o[0] * outShape[1] + o[1]) * outShape[2] + o[2]) * outShape[3] + o[3];
        out[flat] += i;
      }
      return out;
    };
    for (const axes of [[0], [1], [2], [3], [0, 2], [1, 3], [0, 3], [1, 2], [0, 1, 2], [0, 1, 2, 3]]) {
      const v = run(tf.reduce_sum(x, axes, true)) as NDArray;
      expect(Array.from(v.data), `axes ${axes}`).to.deep.equal(numpySum(axes));
    }
    const mx = run(tf.reduce_max(x, [0, 2])) as NDArray;
    expect(mx.shape).to.deep.equal([3, 5]);
    expect(Array.from(mx.data.slice(0, 5))).to.deep.equal([75, 76, 77, 78, 79]);
  });

  it('reducing size-0 axes gives the identity: Sum 0, Prod 1, Mean NaN, Max -inf, Min +inf', () => {
    const e = tf.zeros([0, 3]);
    expect(arr(tf.reduce_sum(e, 0))).to.deep.equal([0, 0, 0]);
    expect(arr(tf.reduce_prod(e, 0))).to.deep.equal([1, 1, 1]);
    expect(arr(tf.reduce_max(e, 0))).to.deep.equal([-Infinity, -Infinity, -Infinity]);
    expect(arr(tf.reduce_min(e))).to.equal(Infinity);
    expect(Number.isNaN(arr(tf.reduce_mean(e)))).to.equal(true);
    expect(arr(tf.reduce_max(tf.zeros([0], 'int32')))).to.equal(-2147483648);
    const r = run(tf.reduce_sum(e, 1)) as NDArray;
    expect(r.shape).to.deep.equal([0]);
  });

  it('reducing no axes (an empty axis list) returns the input values', () => {
    expect(arr(tf.reduce_sum(m(), []))).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
  });

  it('integer reductions keep the dtype; integer Mean truncates', () => {
    const x = tf.constant([[1, 2], [4, 4]], 'int32');
    const s = tf.reduce_sum(x, 1);
    expect(s.dtype).to.equal('int32');
    expect(arr(s)).to.deep.equal([3, 8]);
    expect(arr(tf.reduce_mean(x, 1))).to.deep.equal([1, 4]);
    expect(arr(tf.reduce_mean(tf.constant([-1, -2], 'int64')))).to.equal(-1);
    // int32 products wrap exactly: 65537 * 65537 * 65537 mod 2^32 = 196609.
    expect(arr(tf.reduce_prod(tf.constant([65537, 65537, 65537], 'int32')))).to.equal(196609);
  });

  it('Max/Min propagate NaN', () => {
    expect(Number.isNaN(arr(tf.reduce_max(tf.constant([1, NaN, 3]))))).to.equal(true);
    expect(Number.isNaN(arr(tf.reduce_min(tf.constant([[NaN, 1], [2, 3]]), 0))[0])).to.equal(true);
  });

  it('accepts an axis tensor fed at run time', () => {
    const ax = tf.placeholder('int32', []);
    const s = tf.reduce_sum(m(), ax);
    expect(s.shape).to.equal(null);
    expect(tf.reduce_sum(m(), ax, true).shape).to.deep.equal([null, null]);
    expect(arr(s, new Map([[ax, NDArray.scalar(1, 'int32')]]))).to.deep.equal([6, 15]);
    expect(arr(s, new Map([[ax, NDArray.scalar(0, 'int32')]]))).to.deep.equal([5, 7, 9]);
  });

  it('reduces all axes of a tensor of unknown rank', () => {
    const p = tf.placeholder('float32');
    const s = tf.reduce_sum(p);
    expect(arr(s, new Map([[p, NDArray.from([[1, 2], [3, 4]])]]))).to.equal(10);
  });

  it('bad axes: ValueError at build, InvalidArgumentError at run', () => {
    expect(() => tf.reduce_sum(m(), 2)).to.throw(ValueError, /Invalid reduction dimension \(2 for input with 2 dimension/);
    expect(() => tf.reduce_sum(m(), [0, -2])).to.throw(ValueError, /duplicate/);
    expect(() => tf.reduce_sum(m(), { axis: 0, reduction_indices: 0 })).to.throw(ValueError, /both/);
    const ax = tf.placeholder('int32', []);
    const s = tf.reduce_sum(m(), ax, false, 'sum_ax');
    expect(() => run(s, new Map([[ax, NDArray.scalar(-3, 'int32')]]))).to.throw(InvalidArgumentError, /Invalid reduction dimension.*sum_ax/);
  });

  it('infers static shapes with unknown batch dims', () => {
    const p = tf.placeholder('float32', [null, 10]);
    expect(tf.reduce_sum(p, 1).shape).to.deep.equal([null]);
    expect(tf.reduce_mean(p, 0).shape).to.deep.equal([10]);
    expect(tf.reduce_mean(p).shape).to.deep.equal([]);
  });
});

describe('reductions: Any, All', () => {
  beforeEach(() => tf.reset_default_graph());
  it('reduce bools', () => {
    const b = tf.constant([[true, false], [true, true]]);
    expect(arr(tf.reduce_any(b, 1))).to.deep.equal([true, true]);
    expect(arr(tf.reduce_all(b, 1))).to.deep.equal([false, true]);
    expect(arr(tf.reduce_all(b))).to.equal(false);
    expect(arr(tf.reduce_any(tf.constant([false, false])))).to.equal(false);
    expect(arr(tf.reduce_all(tf.zeros([0], 'bool')))).to.equal(true);
    expect(arr(tf.reduce_any(tf.zeros([0], 'bool')))).to.equal(false);
    expect(() => tf.reduce_any(tf.constant([1]))).to.throw(TypeError,
      /Input 'input' of 'Any(_\d+)?' \(op: 'Any'\) has type float32 that does not match expected type of bool\./);
  });
});

describe('ArgMax, ArgMin', () => {
  beforeEach(() => tf.reset_default_graph());

  it('index of the extreme along an axis, int64 by default; ties give the first index', () => {
    const x = tf.constant([[1, 9, 9], [7, 2, 7]]);
    const a = tf.argmax(x, 1);
    expect(a.dtype).to.equal('int64');
    expect(a.shape).to.deep.equal([2]);
    expect(arr(a)).to.deep.equal([1, 0]);
    expect(arr(tf.argmax(x, 0))).to.deep.equal([1, 0, 0]);
    expect(arr(tf.argmin(x, 1))).to.deep.equal([0, 1]);
    expect(arr(tf.argmin(x, -2))).to.deep.equal([0, 1, 1]);
    expect(arr(tf.argmax(tf.constant([3, 1, 3])))).to.equal(0);
  });

  it('output_type int32, the options form and the dimension alias', () => {
    const x = tf.constant([[1, 9], [7, 2]]);
    const a = tf.argmax(x, { axis: 1, output_type: 'int32', name: 'am' });
    expect(a.dtype).to.equal('int32');
    expect(a.op.name).to.equal('am');
    expect(arr(tf.argmax(x, null, null, 1))).to.deep.equal([1, 0]);
  });

  it('along a middle axis of a 3-D tensor', () => {
    const x = tf.constant([[[1, 5], [3, 2], [3, 9]], [[0, 0], [-1, 4], [2, 4]]]);
    expect(arr(tf.argmax(x, 1))).to.deep.equal([[1, 2], [2, 1]]);
    expect(arr(tf.argmin(x, 1))).to.deep.equal([[0, 1], [1, 0]]);
  });

  it('the tutorial accuracy pattern: equal(argmax(y,1), argmax(y_,1)) cast and averaged', () => {
    const y = tf.constant([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]]);
    const y_ = tf.constant([[0, 1], [0, 1], [0, 1]]);
    const acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1)), 'float'));
    expect(arr(acc)).to.be.closeTo(2 / 3, 1e-7);
  });

  it('errors: axis out of range at build, empty axis, not differentiable', () => {
    expect(() => tf.argmax(tf.zeros([2, 2]), 2)).to.throw(ValueError, /range \[-2, 2\)/);
    expect(() => tf.argmax(tf.zeros([0, 2]), 0)).to.throw(ValueError, /empty/);
    const p = tf.placeholder('float32');
    expect(() => run(tf.argmax(p, 0, 'am0'), new Map([[p, NDArray.zeros([0, 2])]]))).to.throw(InvalidArgumentError, /empty.*am0/);
    const x = tf.constant([1, 2]);
    expect(tf.gradients(tf.cast(tf.argmax(x, 0), 'float32'), [x])).to.deep.equal([null]);
  });
});
