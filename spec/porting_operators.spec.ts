import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

/* Issue #18: TF1's Python operators as Tensor/Variable methods, and JS operators on a Tensor refused at once. */

function values(ts: tf.Tensor[], feed?: unknown): number[][] {
  const sess = tf.Session();
  sess.run(tf.global_variables_initializer());
  const out = (sess.run(ts, feed as never) as NDArray[]).map((a) => Array.from(a.data as ArrayLike<number>, Number));
  sess.close();
  return out;
}

describe('porting: Tensor methods for TF1\'s Python operators', () => {
  beforeEach(() => tf.reset_default_graph());

  it('build the ops TF1\'s operators build on float tensors, with their values', () => {
    const x = tf.constant([-7, -1.5, 2, 7.5], tf.float32), y = tf.constant([2, 2, -4, 2], tf.float32);
    const ops = {
      add: x.add(y), sub: x.sub(y), mul: x.mul(y), div: x.div(y), truediv: x.truediv(y), floordiv: x.floordiv(y),
      mod: x.mod(y), pow: y.pow(2), neg: x.neg(), abs: x.abs(), lt: x.lt(y), le: x.le(2), gt: x.gt(y), ge: x.ge(2),
    };
    expect(Object.values(ops).map((t) => t.op.type)).to.deep.equal(['Add', 'Sub', 'Mul', 'RealDiv', 'RealDiv', 'FloorDiv',
      'FloorMod', 'Pow', 'Neg', 'Abs', 'Less', 'LessEqual', 'Greater', 'GreaterEqual']);
    expect(values(Object.values(ops))).to.deep.equal([
      [-5, 0.5, -2, 9.5], [-9, -3.5, 6, 5.5], [-14, -3, -8, 15], [-3.5, -0.75, -0.5, 3.75], [-3.5, -0.75, -0.5, 3.75],
      [-4, -1, -1, 3], [1, 0.5, -2, 1.5], [4, 4, 16, 4], [7, 1.5, -2, -7.5], [7, 1.5, 2, 7.5],
      [1, 1, 0, 0], [1, 1, 1, 0], [0, 0, 1, 1], [0, 0, 1, 1],
    ]);
  });

  it('div is TF1\'s __div__ (floor division on integers), truediv Python 3\'s / (integers to float32), mod floors', () => {
    const x = tf.constant([-7, 7, 6, -1], tf.int32), y = tf.constant([2, -2, 4, 3], tf.int32);
    const [d, t, f, m] = [x.div(y), x.truediv(y), x.floordiv(y), x.mod(y)];
    expect([d.op.type, t.op.type, f.op.type, m.op.type]).to.deep.equal(['FloorDiv', 'RealDiv', 'FloorDiv', 'FloorMod']);
    expect([d.dtype, t.dtype, f.dtype, m.dtype]).to.deep.equal(['int32', 'float32', 'int32', 'int32']);
    expect(values([d, t, f, m])).to.deep.equal([[-4, -4, 1, -1], [-3.5, -3.5, 1.5, -1 / 3].map(Math.fround), [-4, -4, 1, -1], [1, -1, 2, 2]]);
  });

  it('and, or, xor and invert are TF1\'s &, |, ^ and ~ on bool tensors; tf.logical_xor as TF1 builds it', () => {
    const a = tf.constant([true, true, false, false]), b = tf.constant([true, false, true, false]);
    const ops = [a.and(b), a.or(b), a.xor(b), a.invert(), tf.logical_xor(a, b)];
    expect(ops.map((t) => t.op.type)).to.deep.equal(['LogicalAnd', 'LogicalOr', 'LogicalAnd', 'LogicalNot', 'LogicalAnd']);
    expect(ops[4].op.name).to.equal('LogicalXor_1');
    expect(tf.logical_xor(a, b, 'exclusive').op.name).to.equal('exclusive');
    expect(values(ops)).to.deep.equal([[1, 0, 0, 0], [1, 1, 1, 0], [0, 1, 1, 0], [0, 0, 1, 1], [0, 1, 1, 0]]);
  });

  it('are on Variables too, and a number on the left goes through the function: tf.subtract(1, t)', () => {
    const v = tf.Variable([1, -2], { name: 'v' });
    const ops = [v.abs(), v.mod(3), v.truediv(4), v.gt(0), tf.subtract(1, v), tf.divide(1, v)];
    expect(values(ops)).to.deep.equal([[1, 2], [1, 1], [0.25, -0.5], [1, 0], [0, 3], [1, -0.5]]);
  });
});

describe('porting: JavaScript operators on a Tensor or Variable', () => {
  beforeEach(() => tf.reset_default_graph());
  const AS_NUMBER = 'cannot be used as a number: JavaScript operators do not build ops. Use tf.negative(t) or t.neg() for -t, ' +
    't.mul(2) for t * 2, tf.subtract(1, t) for 1 - t, t.lt(u) for t < u (the methods for TF1\'s Python operators: docs/api.md)';
  const AS_DEFAULT = 'cannot be used with + or ==: JavaScript operators do not build ops. Use t.add(u) or tf.add(t, u) for t + u, ' +
    'tf.equal(t, u) for element-wise ==, and String(t) to print it (the methods for TF1\'s Python operators: docs/api.md)';

  it('throw a TypeError at the operator, naming the tensor and the method to use', () => {
    const t: any = tf.placeholder(tf.float32, [2], 'x'), u: any = tf.placeholder(tf.float32, [2], 'y');
    for (const f of [() => -t, () => t * 2, () => 1 - t, () => t / u, () => t < 1, () => t ** 2, () => +t]) {
      expect(f).to.throw(TypeError, `Tensor 'x:0' ${AS_NUMBER}`);
    }
    for (const f of [() => t + u, () => t + 1, () => 'x is ' + t, () => t == 1]) { // eslint-disable-line eqeqeq
      expect(f).to.throw(TypeError, `Tensor 'x:0' ${AS_DEFAULT}`);
    }
    const v: any = tf.Variable(1.5, { name: 'w' });
    expect(() => v * 2).to.throw(TypeError, `Variable 'w:0' ${AS_NUMBER}`);
    expect(() => v + 1).to.throw(TypeError, `Variable 'w:0' ${AS_DEFAULT}`);
  });

  it('stop TF1\'s commonest idiom at the minus sign instead of a NaN constant', () => {
    const y: any = tf.placeholder(tf.float32, [null, 10], 'y');
    const p = tf.placeholder(tf.float32, [null, 10], 'p');
    expect(() => tf.reduce_mean(-tf.reduce_sum(tf.multiply(y, tf.log(p)), 1) as any)).to.throw(TypeError, 'Tensor \'Sum:0\'');
    expect(tf.get_default_graph().get_operations().some((op) => op.type === 'Mean')).to.equal(false);
    const loss = tf.reduce_mean(tf.reduce_sum(tf.multiply(y, tf.log(p)), 1).neg());
    const sess = tf.Session();
    expect(sess.run(loss, { [y.name]: [[0, 1, 0, 0, 0, 0, 0, 0, 0, 0]], [p.name]: [Array(10).fill(0.5)] }))
      .to.be.closeTo(Math.log(2), 1e-6);
    sess.close();
  });

  it('still print: String(t), template literals and Array.join give TF1\'s repr', () => {
    const t = tf.placeholder(tf.float32, [null, 3], 'x');
    const v = tf.Variable([1, 2], { name: 'w' });
    expect(String(t)).to.equal('Tensor("x:0", shape=(?, 3), dtype=float32)');
    expect(`${t}`).to.equal(String(t));
    expect([t].join()).to.equal(String(t));
    expect(`${v}`).to.equal('<tf.Variable \'w:0\' shape=(2,) dtype=float32_ref>');
  });
});
