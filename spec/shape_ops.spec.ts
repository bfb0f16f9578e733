import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { InvalidArgumentError, ValueError } from '../lib/framework/errors';
import { bindAttrs } from '../lib/registry/attr_binding';
import { opRegistry } from '../lib/registry/op_registry';

function run(fetch: any, feeds?: any): any {
  const sess = new tf.Session();
  try { return sess.run(fetch, feeds); } finally { sess.close(); }
}
const arr = (t: tf.Tensor, feeds?: any) => { const v = run(t, feeds); return v instanceof NDArray ? v.toArray() : v; };

describe('shape ops: Shape, Size, Rank', () => {
  beforeEach(() => tf.reset_default_graph());

  it('give the run-time shape, size and rank as int32', () => {
    const p = tf.placeholder('float32', [null, 3]);
    const s = tf.shape(p);
    expect(s.dtype).to.equal('int32');
    expect(s.shape).to.deep.equal([2]);
    const feed = new Map([[p, NDArray.zeros([4, 3])]]);
    expect(arr(s, feed)).to.deep.equal([4, 3]);
    expect(arr(tf.size(p), feed)).to.equal(12);
    expect(arr(tf.rank(p), feed)).to.equal(2);
    expect(arr(tf.shape(tf.constant(5)))).to.deep.equal([]);
    expect(arr(tf.size(tf.zeros([0, 3])))).to.equal(0);
  });

  it('out_type int64 (options or positional)', () => {
    const x = tf.zeros([2, 5]);
    const s = tf.shape(x, { out_type: 'int64' });
    expect(s.dtype).to.equal('int64');
    expect(arr(s)).to.deep.equal([2, 5]);
    expect(tf.size(x, 'sz', 'int64').dtype).to.equal('int64');
    expect(() => tf.shape(x, { out_type: 'float32' })).to.throw(TypeError,
      /parameter 'out_type' of 'Shape(_\d+)?' \(op: 'Shape'\) has DataType float32 not in list of allowed values: int32, int64/);
  });

  it('Shape of an unknown-rank tensor has unknown length', () => {
    expect(tf.shape(tf.placeholder('float32')).shape).to.deep.equal([null]);
  });
});

describe('shape ops: Reshape', () => {
  beforeEach(() => tf.reset_default_graph());

  it('reshapes row-major, infers -1, and knows the static shape from a constant target', () => {
    const x = tf.constant([[1, 2, 3], [4, 5, 6]]);
    const r = tf.reshape(x, [3, -1]);
    expect(r.shape).to.deep.equal([3, 2]);
    expect(arr(r)).to.deep.equal([[1, 2], [3, 4], [5, 6]]);
    expect(arr(tf.reshape(x, [-1]))).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(arr(tf.reshape(tf.constant([7]), []))).to.equal(7);
    expect(tf.reshape(x, [6, 1, 1]).shape).to.deep.equal([6, 1, 1]);
  });

  it('keeps an unknown batch dim unknown: [-1, 784] of [?, 28, 28, 1]', () => {
    const p = tf.placeholder('float32', [null, 28, 28, 1]);
    const r = tf.reshape(p, [-1, 784]);
    expect(r.shape).to.deep.equal([null, 784]);
    const v = run(r, new Map([[p, NDArray.zeros([2, 28, 28, 1])]])) as NDArray;
    expect(v.shape).to.deep.equal([2, 784]);
  });

  it('takes the target as a tensor (int32 or int64) computed at run time', () => {
    const x = tf.constant([[1, 2], [3, 4]]);
    const target = tf.placeholder('int32', [2]);
    const r = tf.reshape(x, target);
    expect(r.shape).to.deep.equal([null, null]);
    expect(arr(r, new Map([[target, NDArray.from([1, 4], 'int32')]]))).to.deep.equal([[1, 2, 3, 4]]);
    expect(arr(tf.reshape(x, tf.constant([4], 'int64')))).to.deep.equal([1, 2, 3, 4]);
  });

  it('handles empty tensors', () => {
    const e = tf.zeros([0, 4]);
    expect(tf.reshape(e, [2, 0, 2]).shape).to.deep.equal([2, 0, 2]);
    expect((run(tf.reshape(e, [0])) as NDArray).shape).to.deep.equal([0]);
    expect(() => tf.reshape(e, [-1, 0])).to.throw(ValueError, /empty tensor/);
  });

  it('an impossible static reshape is a ValueError naming the sizes', () => {
    const x = tf.zeros([2, 3]);
    expect(() => tf.reshape(x, [4])).to.throw(ValueError, /Cannot reshape a tensor with 6 elements to shape \[4\]/);
    expect(() => tf.reshape(x, [4, -1])).to.throw(ValueError, /Cannot reshape a tensor with 6 elements to shape \[4,-1\]/);
    expect(() => tf.reshape(x, [-1, -1])).to.throw(ValueError, /Only one input size may be -1/);
    expect(() => tf.reshape(x, [5], 'to_five')).to.throw(ValueError, /to_five/);
    // A rejected op is not left in the graph.
    expect(tf.get_default_graph().get_operations().some((o) => o.type === 'Reshape')).to.equal(false);
  });

  it('an impossible run-time reshape is an InvalidArgumentError naming the op', () => {
    const p = tf.placeholder('float32', [null, 3]);
    const r = tf.reshape(p, [4], 'flat4');
    expect(() => run(r, new Map([[p, NDArray.zeros([2, 3])]]))).to.throw(InvalidArgumentError, /Cannot reshape a tensor with 6 elements to shape \[4\].*flat4/);
    const t = tf.placeholder('int32', [1]);
    expect(() => run(tf.reshape(tf.zeros([2, 3]), t), new Map([[t, NDArray.from([-3], 'int32')]]))).to.throw(InvalidArgumentError, /non-negative/);
  });

  it('the shape argument must be an integer vector', () => {
    expect(() => tf.reshape(tf.zeros([2]), tf.constant([2.0]))).to.throw(TypeError,
      "Value passed to parameter 'shape' of 'Reshape' (op: 'Reshape') has DataType float32 not in list of allowed values: int32, int64");
    expect(() => tf.reshape(tf.zeros([2]), tf.constant([[2]], 'int32'))).to.throw(ValueError, /rank 1/);
  });
});

describe('shape ops: Fill, ZerosLike, OnesLike, BroadcastTo, Range', () => {
  beforeEach(() => tf.reset_default_graph());

  it('fill(dims, value) takes the value\'s dtype', () => {
    const f = tf.fill([2, 3], 9);
    expect(f.shape).to.deep.equal([2, 3]);
    expect(arr(f)).to.deep.equal([[9, 9, 9], [9, 9, 9]]);
    const i = tf.fill([2], tf.constant(4, 'int32'));
    expect(i.dtype).to.equal('int32');
    expect(arr(i)).to.deep.equal([4, 4]);
    expect(arr(tf.fill([], 1.5))).to.equal(1.5);
    expect((run(tf.fill([0, 2], 1)) as NDArray).shape).to.deep.equal([0, 2]);
  });

  it('fill with dims computed at run time', () => {
    const p = tf.placeholder('float32', [null, 2]);
    const f = tf.fill(tf.shape(p), 7);
    // TF1 reads Shape(p) as p's static shape.
    expect(f.shape).to.deep.equal([null, 2]);
    expect(arr(f, new Map([[p, NDArray.zeros([1, 2])]]))).to.deep.equal([[7, 7]]);
    const bad = tf.placeholder('int32', [1]);
    expect(() => run(tf.fill(bad, 1), new Map([[bad, NDArray.from([-1], 'int32')]]))).to.throw(InvalidArgumentError, /negative/);
  });

  it('zeros_like / ones_like keep shape and dtype, or take a dtype', () => {
    const x = tf.constant([[1, 2], [3, 4]], 'int32');
    expect(arr(tf.zeros_like(x))).to.deep.equal([[0, 0], [0, 0]]);
    expect(tf.zeros_like(x).dtype).to.equal('int32');
    expect(arr(tf.ones_like(x))).to.deep.equal([[1, 1], [1, 1]]);
    const f = tf.ones_like(x, 'float32');
    expect(f.dtype).to.equal('float32');
    expect(f.shape).to.deep.equal([2, 2]);
    expect(arr(f)).to.deep.equal([[1, 1], [1, 1]]);
    expect(arr(tf.ones_like(tf.constant([false, false])))).to.deep.equal([true, true]);
    const p = tf.placeholder('float32', [null, 2]);
    expect(tf.ones_like(p).shape).to.deep.equal([null, 2]);
    expect(arr(tf.zeros_like(p, { dtype: 'int32' }), new Map([[p, NDArray.zeros([1, 2])]]))).to.deep.equal([[0, 0]]);
  });

  it('broadcast_to repeats along stretched axes', () => {
    expect(arr(tf.broadcast_to(tf.constant([1, 2, 3]), [2, 3]))).to.deep.equal([[1, 2, 3], [1, 2, 3]]);
    expect(arr(tf.broadcast_to(tf.constant([[1], [2]]), [2, 2, 3]))).to.deep.equal([[[1, 1, 1], [2, 2, 2]], [[1, 1, 1], [2, 2, 2]]]);
    expect(arr(tf.broadcast_to(tf.constant(5), [2]))).to.deep.equal([5, 5]);
    expect(() => tf.broadcast_to(tf.constant([1, 2, 3]), [2, 4])).to.throw(ValueError, /BroadcastTo/);
    const t = tf.placeholder('int32', [2]);
    const b = tf.broadcast_to(tf.constant([1, 2, 3]), t, 'bt');
    expect(() => run(b, new Map([[t, NDArray.from([2, 2], 'int32')]]))).to.throw(InvalidArgumentError, /cannot be broadcast.*bt/);
  });

  it('range(limit), range(start, limit, delta), float ranges and static length', () => {
    const r = tf.range(5);
    expect(r.dtype).to.equal('int32');
    expect(r.shape).to.deep.equal([5]);
    expect(arr(r)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(arr(tf.range(2, 11, 3))).to.deep.equal([2, 5, 8]);
    expect(arr(tf.range(5, 1, -2))).to.deep.equal([5, 3]);
    expect(arr(tf.range(0, 1, 0.25))).to.deep.equal([0, 0.25, 0.5, 0.75]);
    expect(tf.range(0, 1, 0.25).dtype).to.equal('float32');
    expect(arr(tf.range(3, 3))).to.deep.equal([]);
    expect(() => tf.range(0, 3, 0)).to.throw(ValueError, /delta != 0/);
    expect(() => tf.range(5, 1)).to.throw(ValueError, /start <= limit/);
    const n = tf.placeholder('int32', []);
    expect(arr(tf.range(n), new Map([[n, NDArray.scalar(3, 'int32')]]))).to.deep.equal([0, 1, 2]);
  });

  it('shape ops are not differentiable; OnesLike seeds tf.gradients', () => {
    const x = tf.constant([1, 2]);
    expect(tf.gradients(tf.cast(tf.shape(x), 'float32'), [x])).to.deep.equal([null]);
    expect(tf.gradients(tf.ones_like(x), [x])).to.deep.equal([null]);
    const [g] = tf.gradients(tf.multiply(x, 3), [x]);
    expect(arr(g!)).to.deep.equal([3, 3]);
  });
});

describe('static shape inference from constant inputs', () => {
  // Graph construction may hand an op's shape function the value of a Const input
  // (TF1's input_tensor); the shape functions use it when present.
  const spec = (dtype: string, shape: (number | null)[] | null, value?: NDArray) => ({ dtype, shape, value }) as any;
  // As Graph.create_op does: the attrs completed from the schema (T bound from the inputs, defaults) first.
  const infer = (type: string, inputs: any[], attrs: any = {}) => {
    const def = opRegistry().get(type);
    return def.inferOutputs(inputs, bindAttrs(def, inputs.map((i) => i.dtype), attrs, 'op'), 'op');
  };

  it('Reshape, Fill, BroadcastTo, Range, the reductions and ArgMax read a constant operand', () => {
    const ints = (v: number[]) => NDArray.from(v, 'int32');
    expect(infer('Reshape', [spec('float32', [2, 3]), spec('int32', [2], ints([3, -1]))])[0].shape).to.deep.equal([3, 2]);
    expect(infer('Reshape', [spec('float32', [null, 4]), spec('int32', [2], ints([-1, 2]))])[0].shape).to.deep.equal([null, 2]);
    expect(() => infer('Reshape', [spec('float32', [2, 3]), spec('int32', [1], ints([4]))])).to.throw(ValueError, /6 elements to shape \[4\]/);
    expect(infer('Fill', [spec('int32', [2], ints([2, 5])), spec('float32', [])])[0].shape).to.deep.equal([2, 5]);
    expect(infer('BroadcastTo', [spec('float32', [3]), spec('int32', [2], ints([4, 3]))])[0].shape).to.deep.equal([4, 3]);
    expect(infer('Range', [spec('int32', [], ints([0]).reshape([])), spec('int32', [], ints([7]).reshape([])), spec('int32', [], ints([2]).reshape([]))])[0].shape).to.deep.equal([4]);
    expect(infer('Sum', [spec('float32', [null, 3, 4]), spec('int32', [1], ints([-1]))], { keep_dims: false })[0].shape).to.deep.equal([null, 3]);
    expect(infer('Max', [spec('float32', [2, 3]), spec('int32', [2], ints([0, 1]))], { keep_dims: true })[0].shape).to.deep.equal([1, 1]);
    expect(infer('ArgMax', [spec('float32', [5, 10]), spec('int32', [], ints([1]).reshape([]))])[0].shape).to.deep.equal([5]);
    // Without the value: only what the operand's shape says.
    expect(infer('Reshape', [spec('float32', [2, 3]), spec('int32', [2])])[0].shape).to.deep.equal([null, null]);
    expect(infer('Sum', [spec('float32', [2, 3]), spec('int32', [1])], { keep_dims: false })[0].shape).to.equal(null);
  });
});

describe('BroadcastGradientArgs', () => {
  beforeEach(() => tf.reset_default_graph());
  it('gives the axes each operand was stretched along', () => {
    const g = tf.get_default_graph();
    const op = g.create_op('BroadcastGradientArgs', [tf.constant([2, 1, 3], 'int32'), tf.constant([4, 1], 'int32')]);
    const [r0, r1] = run(op.outputs) as NDArray[];
    expect(Array.from(r0.data)).to.deep.equal([1]);
    expect(Array.from(r1.data)).to.deep.equal([0, 2]);
    const op2 = g.create_op('BroadcastGradientArgs', [tf.constant([5, 3], 'int32'), tf.constant([5, 3], 'int32')]);
    expect((run(op2.outputs) as NDArray[]).map((a) => a.size)).to.deep.equal([0, 0]);
    const bad = g.create_op('BroadcastGradientArgs', [tf.constant([2], 'int32'), tf.constant([3], 'int32')]);
    expect(() => run(bad.outputs)).to.throw(InvalidArgumentError, /Incompatible shapes/);
  });
});
