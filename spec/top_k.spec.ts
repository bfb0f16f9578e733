import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { gradientRegistry } from '../lib/registry/gradient_registry';
import { checkGradients, randomArray } from './helpers/gradient_check';

function run(fetches: unknown, feed?: unknown): any {
  const sess = new tf.Session();
  try { return sess.run(fetches, feed); } finally { sess.close(); }
}
const val = (t: tf.Tensor, feed?: unknown) => (run(t, feed) as NDArray).toArray();

describe('tf.nn.top_k (TopKV2)', () => {
  beforeEach(() => tf.reset_default_graph());

  it('the k largest of each row, largest first; equal values keep the lower index first', () => {
    const [values, indices] = tf.nn.top_k(tf.constant([[1, 3, 3, 2], [4, 1, 4, 9]]), 2);
    expect(values.op.type).to.equal('TopKV2');
    expect(values.op.attrs.sorted).to.equal(true);
    expect(values.shape).to.deep.equal([2, 2]);
    expect(indices.dtype).to.equal('int32');
    expect(val(values)).to.deep.equal([[3, 3], [9, 4]]);
    expect(val(indices)).to.deep.equal([[1, 2], [3, 0]]);
    const [v1, i1] = tf.nn.top_k(tf.constant([5, -1, 7, 7], 'int32'));
    expect([val(v1), val(i1)]).to.deep.equal([[7], [2]]);
    const [v0] = tf.nn.top_k(tf.constant([[1, 2]]), { k: 0, sorted: false });
    expect((run(v0) as NDArray).shape).to.deep.equal([1, 0]);
  });

  it("errors: TF's messages", () => {
    const x = tf.constant([[1, 2, 3]]);
    expect(() => tf.nn.top_k(x, 4)).to.throw(tf.errors.ValueError, /input must have last dimension >= k = 4 but is 3 for 'TopKV2' \(op: 'TopKV2'\)/);
    expect(() => tf.nn.top_k(tf.constant(1), 1)).to.throw(tf.errors.ValueError, /Shape must be at least rank 1 but is rank 0/);
    const k = tf.placeholder('int32', []);
    expect(() => run(tf.nn.top_k(x, k)[0], { [k.name]: -1 })).to.throw(tf.errors.InvalidArgumentError, /Need k >= 0, got -1/);
    expect(() => run(tf.nn.top_k(x, k)[0], { [k.name]: 5 })).to.throw(tf.errors.InvalidArgumentError, /at least k columns. Had 3, needed 5/);
  });

  it('gradient w.r.t. the values: dy at the chosen positions (numerically checked), none for the indices', () => {
    checkGradients((x) => tf.nn.top_k(x, 3)[0], [randomArray([3, 6], 1)]);
    checkGradients((x) => tf.nn.top_k(x, 2)[0], [randomArray([2, 2, 5], 2)]);
    const x = tf.placeholder('float32', [null, 4]);
    const [g] = tf.gradients(tf.nn.top_k(x, 2)[0], [x], [tf.constant([[10, 20]])]);
    expect(val(g!, { [x.name]: [[1, 3, 3, 2]] })).to.deep.equal([[0, 10, 20, 0]]);
    // An unknown row length: the one-hot depth comes from the input's shape at run time.
    const u = tf.placeholder('float32', [null, null]);
    const [gu] = tf.gradients(tf.nn.top_k(u, 1)[0], [u], [tf.constant([[5], [7]])]);
    expect(val(gu!, { [u.name]: [[1, 4, 2], [9, 0, 9]] })).to.deep.equal([[0, 5, 0], [7, 0, 0]]);
  });
});

describe('tf.nn.in_top_k (InTopKV2)', () => {
  beforeEach(() => tf.reset_default_graph());

  it('whether the target is among the k largest; ties at the boundary count as in', () => {
    const p = tf.constant([[0.1, 0.5, 0.5, 0.2], [0.9, 0.2, 0.3, 0.1], [0.3, 0.3, 0.3, 0.3]]);
    const r = tf.nn.in_top_k(p, [2, 2, 3], 1);
    expect(r.op.type).to.equal('InTopKV2');
    expect(r.dtype).to.equal('bool');
    expect(r.shape).to.deep.equal([3]);
    expect(val(r)).to.deep.equal([true, false, true]);
    expect(val(tf.nn.in_top_k(p, [2, 2, 3], 2))).to.deep.equal([true, true, true]);
    expect(val(tf.nn.in_top_k(p, [1, 0, 0], 0))).to.deep.equal([false, false, false]);
  });

  it('a non-finite prediction in the row, or a target out of range, gives false', () => {
    const p = tf.constant([[1, NaN, 0], [Infinity, 1, 0], [1, 2, 3], [1, 2, 3]]);
    expect(val(tf.nn.in_top_k(p, [0, 0, 3, -1], 3))).to.deep.equal([false, false, false, false]);
    expect(val(tf.nn.in_top_k(tf.constant([[1, 2, 3]]), tf.constant([2], 'int64'), tf.constant(1, 'int64')))).to.deep.equal([true]);
  });

  it('is not differentiable; shape errors are ValueErrors', () => {
    const r = tf.nn.in_top_k(tf.constant([[1, 2]]), [0], 1);
    expect(gradientRegistry().has('InTopKV2')).to.equal(true);
    expect(gradientRegistry().lookup(r.op)).to.equal(null);
    expect(() => tf.nn.in_top_k(tf.constant([1, 2]), [0], 1)).to.throw(tf.errors.ValueError, /Shape must be rank 2 but is rank 1/);
    expect(() => tf.nn.in_top_k(tf.constant([[1, 2]]), [0, 1], 1)).to.throw(tf.errors.ValueError, /Dimensions must be equal, but are 1 and 2/);
  });
});
