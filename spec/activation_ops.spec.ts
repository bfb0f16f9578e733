import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

function run(fetches: unknown, feed?: unknown): any {
  const sess = new tf.Session();
  try { return sess.run(fetches, feed); } finally { sess.close(); }
}
const val = (t: tf.Tensor, feed?: unknown) => {
  const v = run(t, feed);
  return v instanceof NDArray ? v.toArray() : v;
};
function expectClose(actual: any, expected: any, tol = 1e-6): void {
  const a = [actual].flat(Infinity) as number[], e = [expected].flat(Infinity) as number[];
  expect(a.length, 'number of values').to.equal(e.length);
  a.forEach((v, i) => {
    if (!(Math.abs(v - e[i]) <= tol * Math.max(1, Math.abs(e[i])))) {
      throw new Error(`value ${i}: got ${v}, expected ${e[i]} (all: ${JSON.stringify(actual)})`);
    }
  });
}

/** Softmax of one row in float64, the reference. */
function softmaxRow(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

describe('activation ops', () => {
  beforeEach(() => tf.reset_default_graph());

  describe('tf.nn.relu (Relu)', () => {
    it('zeros the negatives, keeps dtype, names the op', () => {
      const r = tf.nn.relu(tf.constant([[-2, -0.5, 0], [0.5, 3, -1e30]]));
      expect(r.name).to.equal('Relu:0');
      expect(r.shape).to.deep.equal([2, 3]);
      expect(val(r)).to.deep.equal([[0, 0, 0], [0.5, 3, 0]]);
      const ints = tf.nn.relu(tf.constant([-3, 4], { dtype: 'int32' }), 'r');
      expect(ints.name).to.equal('r:0');
      expect(ints.dtype).to.equal('int32');
      expect(val(ints)).to.deep.equal([0, 4]);
      expect(val(tf.nn.relu(tf.constant(-1)))).to.equal(0);
      expect(val(tf.nn.relu(tf.constant([NaN, -Infinity, Infinity])))).to.deep.equal([NaN, 0, Infinity]);
      expect((run(tf.nn.relu(tf.zeros([0, 4]))) as NDArray).shape).to.deep.equal([0, 4]);
      expect(() => tf.nn.relu(tf.constant([true]), 'rb')).to.throw(TypeError,
        "Value passed to parameter 'features' of 'rb' (op: 'Relu') has DataType bool not in list of allowed values: float32, float64, int32, int64, int16, int8, uint16, uint8");
    });

    it('ReluGrad masks the incoming gradient by the features', () => {
      const g = tf.get_default_graph();
      const op = g.create_op('ReluGrad', [tf.constant([1, 2, 3, 4]), tf.constant([-1, 0, 0.5, 2])]);
      expect(val(op.outputs[0])).to.deep.equal([0, 0, 3, 4]);
      expect(() => g.create_op('ReluGrad', [tf.constant([1, 2]), tf.constant([1, 2, 3])])).to.throw(tf.errors.ValueError, /same shape/);
    });
  });

  describe('tf.sigmoid / tf.tanh (Sigmoid, Tanh)', () => {
    it('computes the logistic function, finite for huge inputs', () => {
      const s = tf.sigmoid(tf.constant([0, 2, -2, 1e4, -1e4, 88, -88]));
      expect(s.name).to.equal('Sigmoid:0');
      expectClose(val(s), [0.5, 1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(2)), 1, 0, 1, 1 / (1 + Math.exp(88))]);
      expect(tf.nn.sigmoid).to.equal(tf.sigmoid);
      expect(() => tf.sigmoid(tf.constant([1], { dtype: 'int32' }), 's')).to.throw(TypeError,
        "Value passed to parameter 'x' of 's' (op: 'Sigmoid') has DataType int32 not in list of allowed values: float32");
    });

    it('computes tanh', () => {
      const t = tf.tanh(tf.constant([[0, 0.5], [-3, 1e4]]), 'th');
      expect(t.name).to.equal('th:0');
      expectClose(val(t), [0, Math.tanh(0.5), Math.tanh(-3), 1]);
      expect(tf.nn.tanh).to.equal(tf.tanh);
    });

    it('SigmoidGrad and TanhGrad apply the derivative through the output', () => {
      const g = tf.get_default_graph();
      const y = tf.constant([0.5, 0.25, 0.9]), dy = tf.constant([2, 4, 1]);
      expectClose(val(g.create_op('SigmoidGrad', [y, dy]).outputs[0]), [2 * 0.25, 4 * 0.25 * 0.75, 0.9 * 0.1]);
      expectClose(val(g.create_op('TanhGrad', [y, dy]).outputs[0]), [2 * 0.75, 4 * (1 - 0.0625), 1 - 0.81]);
    });
  });

  describe('tf.nn.softmax (Softmax)', () => {
    it('normalizes the last axis', () => {
      const logits = [[1, 2, 3], [-1, 0, 1], [5, 5, 5]];
      const s = tf.nn.softmax(tf.constant(logits));
      expect(s.name).to.equal('Softmax:0');
      expect(s.shape).to.deep.equal([3, 3]);
      expectClose(val(s), logits.map(softmaxRow));
      expectClose(val(tf.nn.softmax(tf.constant([3, 1]))), softmaxRow([3, 1]));
    });

    it('stays finite for logits of 1e4 and -1e4', () => {
      const v = val(tf.nn.softmax(tf.constant([[1e4, 0, -1e4], [1e4, 1e4, 1e4], [-1e4, -1e4 + 1, -1e4]]))) as number[][];
      expect(v.flat().every(Number.isFinite)).to.equal(true);
      expectClose(v, [[1, 0, 0], [1 / 3, 1 / 3, 1 / 3], softmaxRow([0, 1, 0])]);
    });

    it('takes an axis (or dim), positionally or in options, by transposing as TF1', () => {
      const x = [[1, 2], [3, 5], [0, -1]];
      const cols = [0, 1].map((j) => softmaxRow(x.map((r) => r[j])));
      const expected = x.map((_, i) => [cols[0][i], cols[1][i]]);
      const a0 = tf.nn.softmax(tf.constant(x), 0);
      expect(a0.shape).to.deep.equal([3, 2]);
      expectClose(val(a0), expected);
      expectClose(val(tf.nn.softmax(tf.constant(x), { axis: -2 })), expected);
      expectClose(val(tf.nn.softmax(tf.constant(x), { dim: 0, name: 'sm' })), expected);
      expect(tf.nn.softmax(tf.constant(x), { axis: 0, name: 'named' }).name).to.equal('named:0');
      expectClose(val(tf.nn.softmax(tf.constant(x), 1)), x.map(softmaxRow));
      const cube = [[[1, 2], [3, 4]], [[0, 0], [2, -2]]];
      const mid = val(tf.nn.softmax(tf.constant(cube), 1)) as number[][][];
      for (let b = 0; b < 2; b++) {
        for (let k = 0; k < 2; k++) expectClose([mid[b][0][k], mid[b][1][k]], softmaxRow([cube[b][0][k], cube[b][1][k]]));
      }
    });

    it('handles size-0 rows and rejects scalars and bad axes', () => {
      expect((run(tf.nn.softmax(tf.zeros([0, 3]))) as NDArray).shape).to.deep.equal([0, 3]);
      expect((run(tf.nn.softmax(tf.zeros([2, 0]))) as NDArray).shape).to.deep.equal([2, 0]);
      expect(() => tf.nn.softmax(tf.constant(1))).to.throw(tf.errors.ValueError, /at least rank 1/);
      expect(() => tf.nn.softmax(tf.zeros([2, 2]), 2)).to.throw(tf.errors.ValueError, /axis 2 is out of bounds/);
      expect(() => tf.nn.softmax(tf.placeholder('float32'), 0)).to.throw(tf.errors.ValueError, /known rank/);
      const x = tf.placeholder('float32');
      expect(() => run(tf.nn.softmax(x), [[x, NDArray.scalar(1)]])).to.throw(tf.errors.InvalidArgumentError, />= 1 dimension/);
    });
  });

  describe('tf.nn.log_softmax (LogSoftmax)', () => {
    it('is the log of the softmax, computed stably', () => {
      const logits = [[1, 2, 3], [0.5, -0.5, 0]];
      const l = tf.nn.log_softmax(tf.constant(logits));
      expect(l.name).to.equal('LogSoftmax:0');
      expectClose(val(l), logits.map((r) => softmaxRow(r).map(Math.log)), 1e-6);
      const huge = val(tf.nn.log_softmax(tf.constant([[1e4, 0, -1e4]]))) as number[][];
      expect(huge.flat().every(Number.isFinite)).to.equal(true);
      expectClose(huge, [[0, -1e4, -2e4]]);
      const a0 = val(tf.nn.log_softmax(tf.constant([[1, 2], [3, 4]]), 0)) as number[][];
      expectClose(a0, [[Math.log(softmaxRow([1, 3])[0]), Math.log(softmaxRow([2, 4])[0])],
        [Math.log(softmaxRow([1, 3])[1]), Math.log(softmaxRow([2, 4])[1])]]);
    });

    it('SoftmaxGrad and LogSoftmaxGrad compute the row-wise backward passes', () => {
      const g = tf.get_default_graph();
      const y = [0.2, 0.3, 0.5], dy = [1, -2, 0.5];
      const dot = y.reduce((s, v, i) => s + v * dy[i], 0);
      expectClose(val(g.create_op('SoftmaxGrad', [tf.constant([y]), tf.constant([dy])]).outputs[0]),
        [y.map((v, i) => (dy[i] - dot) * v)]);
      const ly = y.map(Math.log), sum = dy.reduce((a, b) => a + b, 0);
      expectClose(val(g.create_op('LogSoftmaxGrad', [tf.constant([ly]), tf.constant([dy])]).outputs[0]),
        [dy.map((v, i) => v - y[i] * sum)]);
    });
  });
});
