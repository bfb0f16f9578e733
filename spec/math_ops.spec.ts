import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { InvalidArgumentError, ValueError } from '../lib/framework/errors';

/** Runs fetches in a fresh session of the default graph. */
function run(fetch: any, feeds?: any): any {
  const sess = new tf.Session();
  try { return sess.run(fetch, feeds); } finally { sess.close(); }
}
const arr = (t: tf.Tensor, feeds?: any) => { const v = run(t, feeds); return v instanceof NDArray ? v.toArray() : v; };

function expectClose(actual: any, expected: any, tol = 1e-6): void {
  if (Array.isArray(expected)) {
    expect(actual).to.be.an('array').with.length(expected.length);
    expected.forEach((e, i) => expectClose(actual[i], e, tol));
  } else if (Number.isNaN(expected)) {
    expect(Number.isNaN(actual), `expected NaN, got ${actual}`).to.equal(true);
  } else if (!Number.isFinite(expected)) {
    expect(actual).to.equal(expected);
  } else {
    expect(actual).to.be.closeTo(expected, tol * Math.max(1, Math.abs(expected)));
  }
}

describe('math ops: binary arithmetic with broadcasting', () => {
  beforeEach(() => tf.reset_default_graph());

  it('Add/Sub/Mul/RealDiv on equal shapes', () => {
    const x = tf.constant([[1, 2], [3, 4]]), y = tf.constant([[5, 6], [7, 8]]);
    expect(arr(tf.add(x, y))).to.deep.equal([[6, 8], [10, 12]]);
    expect(arr(tf.subtract(x, y))).to.deep.equal([[-4, -4], [-4, -4]]);
    expect(arr(tf.multiply(x, y))).to.deep.equal([[5, 12], [21, 32]]);
    expectClose(arr(tf.divide(x, y)), [[1 / 5, 2 / 6], [3 / 7, 4 / 8]]);
    expect(tf.add(x, y).op.type).to.equal('Add');
    expect(tf.divide(x, y).op.type).to.equal('RealDiv');
  });

  it('broadcasts a row over a matrix, a column over a row, and scalars on either side', () => {
    const m = tf.constant([[1, 2, 3], [4, 5, 6]]);
    expect(arr(tf.add(m, tf.constant([10, 20, 30])))).to.deep.equal([[11, 22, 33], [14, 25, 36]]);
    expect(arr(tf.add(tf.constant([[1], [2]]), tf.constant([10, 20, 30])))).to.deep.equal([[11, 21, 31], [12, 22, 32]]);
    expect(arr(tf.subtract(m, 1))).to.deep.equal([[0, 1, 2], [3, 4, 5]]);
    expect(arr(tf.subtract(10, m))).to.deep.equal([[9, 8, 7], [6, 5, 4]]);
    expect(arr(tf.multiply(tf.constant(3), tf.constant(4)))).to.equal(12);
  });

  it('broadcasts [2,1,3] with [4,1] to [2,4,3] and infers that static shape', () => {
    const a = tf.constant([[[1, 2, 3]], [[4, 5, 6]]]);
    const b = tf.constant([[0], [10], [20], [30]]);
    const c = tf.add(a, b);
    expect(c.shape).to.deep.equal([2, 4, 3]);
    const v = arr(c);
    expect(v[0][2]).to.deep.equal([21, 22, 23]);
    expect(v[1][3]).to.deep.equal([34, 35, 36]);
  });

  it('broadcasts along a middle axis ([2,3,4] * [3,1]) and an outer one ([2,3] * [2,1])', () => {
    const x = tf.constant(NDArray.from(Array.from({ length: 24 }, (_, i) => i)).reshape([2, 3, 4]));
    const y = tf.constant([[1], [10], [100]]);
    const v = arr(tf.multiply(x, y));
    expect(v[1][2]).to.deep.equal([2000, 2100, 2200, 2300]);
    expect(v[0][1]).to.deep.equal([40, 50, 60, 70]);
    expect(arr(tf.multiply(tf.constant([[1, 2, 3], [4, 5, 6]]), tf.constant([[2], [3]])))).to.deep.equal([[2, 4, 6], [12, 15, 18]]);
  });

  it('matches a reference broadcast on many shape pairs (ranks 0-4, stretched axes anywhere)', () => {
    const pairs: [number[], number[]][] = [
      [[2, 1, 3, 1], [1, 4, 1, 5]], [[3, 1, 2], [3, 4, 1]], [[1, 3], [2, 1, 1]], [[2, 3, 4], [2, 1, 4]],
      [[4], [3, 1, 1, 4]], [[2, 1], [2, 5]], [[1], [3, 2]], [[5, 1, 1], [1, 1, 2]], [[], [2, 2]], [[1, 1], []],
    ];
    const reference = (a: NDArray, b: NDArray, shape: number[]) => {
      const out: number[] = [];
      const n = shape.reduce((p, d) => p * d, 1);
      const at = (x: NDArray, idx: number[]) => {
        let flat = 0;
        x.shape.forEach((d, i) => { flat = flat * d + (d === 1 ? 0 : idx[idx.length - x.shape.length + i]); });
        return x.data[flat];
      };
      for (let k = 0; k < n; k++) {
        const idx: number[] = [];
        let r = k;
        for (let d = shape.length - 1; d >= 0; d--) { idx.unshift(r % shape[d]); r = Math.floor(r / shape[d]); }
        out.push(at(a, idx) * 10 - at(b, idx));
      }
      return out;
    };
    pairs.forEach(([sa, sb]) => {
      const count = (s: number[]) => s.reduce((p, d) => p * d, 1);
      const a = NDArray.from(Array.from({ length: count(sa) }, (_, i) => i + 1)).reshape(sa);
      const b = NDArray.from(Array.from({ length: count(sb) }, (_, i) => (i + 1) * 0.5)).reshape(sb);
      const out = run(tf.subtract(tf.multiply(tf.constant(a), 10), tf.constant(b)));
      const shape = out instanceof NDArray ? out.shape : [];
      const values = out instanceof NDArray ? Array.from(out.data) : [out];
      expect(values, `[${sa}] with [${sb}]`).to.deep.equal(reference(a, b, shape));
    });
  });

  it('handles size-0 dimensions', () => {
    const e = tf.zeros([0, 3]);
    const r = tf.add(e, tf.constant([1, 2, 3]));
    expect(r.shape).to.deep.equal([0, 3]);
    const v = run(r) as NDArray;
    expect(v.shape).to.deep.equal([0, 3]);
    expect(v.size).to.equal(0);
    const s = run(tf.multiply(tf.zeros([2, 0]), tf.ones([2, 1]))) as NDArray;
    expect(s.shape).to.deep.equal([2, 0]);
  });

  it('Pow, Maximum, Minimum, SquaredDifference', () => {
    expect(arr(tf.pow(tf.constant([2, 3, 4]), tf.constant([3, 2, 0.5])))).to.deep.equal([8, 9, 2]);
    expect(arr(tf.pow(tf.constant([2, -3], 'int32'), 2))).to.deep.equal([4, 9]);
    expect(arr(tf.maximum(tf.constant([1, 5, 3]), 2))).to.deep.equal([2, 5, 3]);
    expect(arr(tf.minimum(tf.constant([[1, 5], [3, -1]]), tf.constant([2, 0])))).to.deep.equal([[1, 0], [2, -1]]);
    expect(arr(tf.squared_difference(tf.constant([1, 5]), tf.constant([4, 1])))).to.deep.equal([9, 16]);
    expectClose(arr(tf.maximum(tf.constant([NaN, 1]), tf.constant([0, NaN]))), [NaN, NaN]);
  });

  it('clip_by_value clamps into [min, max], with broadcasting bounds', () => {
    const x = tf.constant([[-2, 0.5], [3, 1]]);
    expect(arr(tf.clip_by_value(x, 0, 1))).to.deep.equal([[0, 0.5], [1, 1]]);
    expect(arr(tf.clip_by_value(x, tf.constant([-1, 0.75]), 2))).to.deep.equal([[-1, 0.75], [2, 1]]);
    const [g] = tf.gradients(tf.clip_by_value(x, 0, 1), [x]);
    expect(arr(g!)).to.deep.equal([[0, 1], [0, 1]]);
  });

  it('FloorDiv and FloorMod follow Python semantics for floats and integers', () => {
    const xi = tf.constant([7, -7, 7, -7], 'int32'), yi = tf.constant([2, 2, -2, -2], 'int32');
    expect(arr(tf.floordiv(xi, yi))).to.deep.equal([3, -4, -4, 3]);
    expect(arr(tf.floormod(xi, yi))).to.deep.equal([1, 1, -1, -1]);
    expect(arr(tf.floordiv(tf.constant([7.5, -7.5]), 2))).to.deep.equal([3, -4]);
    expect(arr(tf.floormod(tf.constant([7.5, -7.5]), 2))).to.deep.equal([1.5, 0.5]);
    expect(tf.div(xi, yi).op.type).to.equal('FloorDiv');
    expect(tf.div(tf.constant(1.0), 2).op.type).to.equal('RealDiv');
  });

  it('integer division by zero is an InvalidArgumentError naming the op', () => {
    const d = tf.floordiv(tf.constant([1, 2], 'int32'), tf.constant([1, 0], 'int32'), 'intdiv');
    expect(() => run(d)).to.throw(InvalidArgumentError, /Integer division by zero.*intdiv/);
  });

  it('int32 arithmetic stays int32 (and wraps like TF)', () => {
    const a = tf.constant([2147483647, 5], 'int32');
    const s = tf.add(a, tf.constant([1, 2], 'int32'));
    expect(s.dtype).to.equal('int32');
    expect(arr(s)).to.deep.equal([-2147483648, 7]);
    // 46341² = 2147488281 wraps to -2147479015 exactly (a float64 product would round first for larger values).
    expect(arr(tf.multiply(tf.constant([46341, 2147483647], 'int32'), tf.constant([46341, 2147483647], 'int32')))).to.deep.equal([-2147479015, 1]);
    expect(arr(tf.square(tf.constant([2147483647], 'int32')))).to.deep.equal([1]);
  });

  it('truediv/divide convert integers to float32, as tensor.truediv; tensor.div is tf.div (TF1\'s __div__ floors integers)', () => {
    const q = tf.divide(tf.constant([7, 8], 'int32'), tf.constant([2, 4], 'int32'));
    expect(q.dtype).to.equal('float32');
    expect(arr(q)).to.deep.equal([3.5, 2]);
    expect(arr(tf.constant([1, 3], 'int32').truediv(2))).to.deep.equal([0.5, 1.5]);
    expect(arr(tf.constant([1, 3], 'int32').div(2))).to.deep.equal([0, 1]);
  });

  it('rejects mismatched or unsupported dtypes at build with TF1\'s TypeError naming op and dtypes', () => {
    const f = tf.constant([1, 2]), i = tf.constant([1, 2], 'int32');
    expect(() => tf.add(f, i, 'mixed')).to.throw(TypeError,
      "Input 'y' of 'mixed' (op: 'Add') has type int32 that does not match type float32 of argument 'x'.");
    expect(() => tf.realdiv(i, i)).to.throw(TypeError,
      "Value passed to parameter 'x' of 'RealDiv' (op: 'RealDiv') has DataType int32 not in list of allowed values: float32, float64");
    expect(() => tf.add(tf.constant([true]), tf.constant([false]))).to.throw(TypeError,
      /parameter 'x' of 'Add(_\d+)?' \(op: 'Add'\) has DataType bool not in list of allowed values: float32, float64, int32, int64, int16, int8, uint16, uint8$/);
  });

  it('rejects incompatible static shapes at build with a ValueError naming op and shapes', () => {
    expect(() => tf.add(tf.zeros([3]), tf.zeros([4]), 'bad_add'))
      .to.throw(ValueError, /Dimensions must be equal, but are 3 and 4 for 'bad_add' \(op: 'Add'\) with input shapes: \[3\], \[4\]/);
    expect(() => tf.multiply(tf.zeros([2, 3]), tf.zeros([3, 2]))).to.throw(ValueError, /'Mul'/);
  });

  it('unknown shapes that turn out incompatible fail at run with InvalidArgumentError', () => {
    const a = tf.placeholder('float32'), b = tf.placeholder('float32', [null]);
    const c = tf.add(a, b, 'late_add');
    expect(c.shape).to.equal(null);
    expect(() => run(c, new Map([[a, NDArray.from([1, 2, 3])], [b, NDArray.from([1, 2, 3, 4])]])))
      .to.throw(InvalidArgumentError, /Incompatible shapes: \(3,\) vs. \(4,\).*late_add/);
  });

  it('take a name as a string or as {name}', () => {
    const x = tf.constant([1, 2]);
    expect(tf.add(x, 1, { name: 'plus' }).op.name).to.equal('plus');
    expect(tf.multiply(x, 2, 'times').op.name).to.equal('times');
    expect(tf.exp(x, { name: 'e' }).op.name).to.equal('e');
    expect(tf.equal(x, 1, 'eq').op.name).to.equal('eq');
    expect(tf.cast(x, 'int32', { name: 'c' }).op.name).to.equal('c');
    expect(tf.add_n([x, x], 'n').op.name).to.equal('n');
  });

  it('infers partially known static shapes', () => {
    const a = tf.placeholder('float32', [null, 3]);
    expect(tf.add(a, tf.zeros([3])).shape).to.deep.equal([null, 3]);
    expect(tf.add(a, tf.zeros([5, 1])).shape).to.deep.equal([5, 3]);
    expect(tf.add(tf.placeholder('float32', [null, 1]), tf.placeholder('float32', [4])).shape).to.deep.equal([null, 4]);
  });
});

describe('math ops: unary', () => {
  beforeEach(() => tf.reset_default_graph());

  it('Neg, Exp, Log, Sqrt, Rsqrt, Square, Abs, Sign, Reciprocal', () => {
    const x = tf.constant([1, 4, 0.25]);
    expect(arr(tf.negative(x))).to.deep.equal([-1, -4, -0.25]);
    expectClose(arr(tf.exp(tf.constant([0, 1, -1]))), [1, Math.E, 1 / Math.E]);
    expectClose(arr(tf.log(tf.constant([1, Math.E, 0]))), [0, 1, -Infinity]);
    expect(arr(tf.sqrt(x))).to.deep.equal([1, 2, 0.5]);
    expect(arr(tf.rsqrt(x))).to.deep.equal([1, 0.5, 2]);
    expect(arr(tf.square(tf.constant([-3, 2])))).to.deep.equal([9, 4]);
    expect(arr(tf.abs(tf.constant([-3, 2, 0])))).to.deep.equal([3, 2, 0]);
    expect(arr(tf.sign(tf.constant([-3, 2, 0])))).to.deep.equal([-1, 1, 0]);
    expect(arr(tf.reciprocal(x))).to.deep.equal([1, 0.25, 4]);
    expectClose(arr(tf.sqrt(tf.constant(-1))), NaN);
  });

  it('integer Neg/Abs/Sign/Square keep the dtype', () => {
    const x = tf.constant([-3, 0, 5], 'int32');
    for (const t of [tf.negative(x), tf.abs(x), tf.sign(x), tf.square(x)]) expect(t.dtype).to.equal('int32');
    expect(arr(tf.abs(x))).to.deep.equal([3, 0, 5]);
    expect(arr(tf.sign(x))).to.deep.equal([-1, 0, 1]);
  });

  it('Floor, Ceil and Round (halves to even)', () => {
    const x = tf.constant([-1.5, -0.5, 0.5, 1.5, 2.5, 2.6]);
    expect(arr(tf.floor(x))).to.deep.equal([-2, -1, 0, 1, 2, 2]);
    expect(arr(tf.ceil(x))).to.deep.equal([-1, -0, 1, 2, 3, 3]);
    expect(arr(tf.round(x))).to.deep.equal([-2, -0, 0, 2, 2, 3]);
  });

  it('Exp/Log/Sqrt reject integer inputs at build', () => {
    expect(() => tf.exp(tf.constant([1], 'int32'))).to.throw(TypeError,
      "Value passed to parameter 'x' of 'Exp' (op: 'Exp') has DataType int32 not in list of allowed values: float32, float64");
  });

  it('works on scalars and empty tensors', () => {
    expect(arr(tf.exp(tf.constant(0)))).to.equal(1);
    const e = run(tf.square(tf.zeros([0, 2]))) as NDArray;
    expect(e.shape).to.deep.equal([0, 2]);
  });
});

describe('math ops: AddN', () => {
  beforeEach(() => tf.reset_default_graph());

  it('sums any number of same-shaped tensors', () => {
    const a = tf.constant([1, 2]), b = tf.constant([10, 20]), c = tf.constant([100, 200]);
    expect(arr(tf.add_n([a, b, c]))).to.deep.equal([111, 222]);
    expect(arr(tf.add_n([a, b]))).to.deep.equal([11, 22]);
    expect(tf.add_n([a])).to.equal(a);
  });

  it('rejects different shapes at build and an empty list', () => {
    expect(() => tf.add_n([tf.zeros([2]), tf.zeros([3])])).to.throw(ValueError, /AddN/);
    expect(() => tf.add_n([])).to.throw(ValueError, /at least one/);
  });

  it('rejects different run-time shapes with InvalidArgumentError', () => {
    const a = tf.placeholder('float32'), b = tf.placeholder('float32');
    const s = tf.add_n([a, b]);
    expect(() => run(s, new Map([[a, NDArray.from([1])], [b, NDArray.from([1, 2])]]))).to.throw(InvalidArgumentError, /same shape/);
  });
});

describe('math ops: comparisons and logic', () => {
  beforeEach(() => tf.reset_default_graph());

  it('compare with broadcasting and give bool', () => {
    const x = tf.constant([[1, 2, 3], [4, 5, 6]]), t = tf.constant([2, 5, 3]);
    const eq = tf.equal(x, t);
    expect(eq.dtype).to.equal('bool');
    expect(arr(eq)).to.deep.equal([[false, false, true], [false, true, false]]);
    expect(arr(tf.not_equal(x, 3))).to.deep.equal([[true, true, false], [true, true, true]]);
    expect(arr(tf.less(x, 3))).to.deep.equal([[true, true, false], [false, false, false]]);
    expect(arr(tf.less_equal(x, 3))).to.deep.equal([[true, true, true], [false, false, false]]);
    expect(arr(tf.greater(x, 4))).to.deep.equal([[false, false, false], [false, true, true]]);
    expect(arr(tf.greater_equal(x, 4))).to.deep.equal([[false, false, false], [true, true, true]]);
  });

  it('compare integers and bools; NaN is unequal to itself', () => {
    expect(arr(tf.equal(tf.constant([1, 2], 'int64'), tf.constant([1, 3], 'int64')))).to.deep.equal([true, false]);
    expect(arr(tf.equal(tf.constant([true, false]), tf.constant([true, true])))).to.deep.equal([true, false]);
    expect(arr(tf.equal(tf.constant([NaN]), tf.constant([NaN])))).to.deep.equal([false]);
  });

  it('logical_and / logical_or / logical_not', () => {
    const a = tf.constant([true, true, false, false]), b = tf.constant([true, false, true, false]);
    expect(arr(tf.logical_and(a, b))).to.deep.equal([true, false, false, false]);
    expect(arr(tf.logical_or(a, b))).to.deep.equal([true, true, true, false]);
    expect(arr(tf.logical_not(a))).to.deep.equal([false, false, true, true]);
    expect(arr(tf.logical_and(tf.constant([[true], [false]]), tf.constant([true, false])))).to.deep.equal([[true, false], [false, false]]);
    expect(() => tf.logical_and(tf.constant([1]), tf.constant([1]))).to.throw(TypeError,
      /Input 'x' of 'LogicalAnd(_\d+)?' \(op: 'LogicalAnd'\) has type float32 that does not match expected type of bool\./);
  });

  it('are not differentiable', () => {
    const x = tf.constant([1, 2]);
    const y = tf.cast(tf.greater(x, 1), 'float32');
    expect(tf.gradients(tf.reduce_sum(y), [x])).to.deep.equal([null]);
  });
});

describe('math ops: Cast', () => {
  beforeEach(() => tf.reset_default_graph());

  it('float -> int truncates toward zero; int -> float; float -> int64', () => {
    const x = tf.constant([1.7, -1.7, 0.2, -0.2]);
    expect(arr(tf.cast(x, 'int32'))).to.deep.equal([1, -1, 0, 0]);
    expect(arr(tf.cast(x, 'int64'))).to.deep.equal([1, -1, 0, 0]);
    const i = tf.cast(tf.constant([3, -4], 'int32'), 'float');
    expect(i.dtype).to.equal('float32');
    expect(arr(i)).to.deep.equal([3, -4]);
  });

  it('bool <-> numeric', () => {
    expect(arr(tf.cast(tf.constant([true, false]), 'float32'))).to.deep.equal([1, 0]);
    expect(arr(tf.cast(tf.constant([0, 2.5, -1, NaN]), 'bool'))).to.deep.equal([false, true, true, true]);
    expect(arr(tf.cast(tf.constant([0, 3], 'int32'), 'bool'))).to.deep.equal([false, true]);
  });

  it('float -> uint8 wraps modulo 256 after truncation', () => {
    expect(arr(tf.cast(tf.constant([255.9, 256, 3]), 'uint8'))).to.deep.equal([255, 0, 3]);
  });

  it('returns the tensor itself for the same dtype, records SrcT/DstT otherwise', () => {
    const x = tf.constant([1, 2]);
    expect(tf.cast(x, 'float')).to.equal(x);
    const c = tf.cast(x, 'int32');
    expect(c.op.get_attr('DstT')).to.equal('int32');
    expect(c.op.get_attr('SrcT')).to.equal('float32');
    expect(tf.to_float(tf.constant([1], 'int32')).dtype).to.equal('float32');
    expect(() => tf.cast(x, 'complex64')).to.throw(/complex64/);
  });
});
