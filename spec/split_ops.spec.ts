import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkGradients, randomArray } from './helpers/gradient_check';

function run(fetches: unknown, feed?: unknown): any {
  const sess = new tf.Session();
  try { return sess.run(fetches, feed); } finally { sess.close(); }
}
const vals = (ts: tf.Tensor[], feed?: unknown) => (run(ts, feed) as NDArray[]).map((v) => v.toArray());

describe('tf.split (Split, SplitV), tf.unstack (Unpack) and tf.stack (Pack)', () => {
  beforeEach(() => tf.reset_default_graph());
  const x = () => tf.constant([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]]);

  it('a number: that many equal parts along axis (op Split)', () => {
    const parts = tf.split(x(), 3, { axis: 1 });
    expect(parts.map((p) => p.shape)).to.deep.equal([[2, 2], [2, 2], [2, 2]]);
    expect(parts[0].op.type).to.equal('Split');
    expect(parts[0].op.name).to.equal('split');
    expect(parts[0].op.attrs.num_split).to.equal(3);
    expect(vals(parts)).to.deep.equal([[[1, 2], [7, 8]], [[3, 4], [9, 10]], [[5, 6], [11, 12]]]);
    expect(vals(tf.split(x(), 2))).to.deep.equal([[[1, 2, 3, 4, 5, 6]], [[7, 8, 9, 10, 11, 12]]]);
  });

  it('sizes: parts of those sizes, one -1 inferred (op SplitV)', () => {
    const parts = tf.split(x(), [1, -1, 2], -1);
    expect(parts[0].op.type).to.equal('SplitV');
    expect(parts.map((p) => p.shape)).to.deep.equal([[2, 1], [2, 3], [2, 2]]);
    expect(vals(parts)).to.deep.equal([[[1], [7]], [[2, 3, 4], [8, 9, 10]], [[5, 6], [11, 12]]]);
    const sizes = tf.placeholder('int32', [2]);
    const fed = tf.split(x(), sizes, 1);
    expect(fed.map((p) => p.shape)).to.deep.equal([[2, null], [2, null]]);
    expect(vals(fed, { [sizes.name]: [4, 2] })).to.deep.equal([[[1, 2, 3, 4], [7, 8, 9, 10]], [[5, 6], [11, 12]]]);
  });

  it("errors: TF's messages", () => {
    expect(() => tf.split(x(), 4, 1)).to.throw(tf.errors.ValueError, /Dimension size must be evenly divisible by 4 but is 6 for 'split' \(op: 'Split'\)/);
    expect(() => tf.split(x(), [-1, 2, -1], 1)).to.throw(tf.errors.ValueError, /Only one dimensions can have a value of -1. Second one found at dimension 2/);
    expect(() => tf.split(x(), [2, 2], 1)).to.throw(tf.errors.ValueError, /Determined shape must either match input shape along split_dim exactly/);
    expect(() => tf.split(x(), 2, 2)).to.throw(tf.errors.ValueError, /Dimension must be in range \[-2, 2\), but is 2/);
    expect(() => tf.split(x(), tf.placeholder('int32'))).to.throw(tf.errors.ValueError, /Cannot infer num from shape <unknown>/);
    const p = tf.placeholder('float32', [2, null]);
    expect(() => run(tf.split(p, 4, 1), { [p.name]: [[1, 2, 3], [4, 5, 6]] }))
      .to.throw(tf.errors.InvalidArgumentError, /Number of ways to split should evenly divide the split dimension, but got split_dim 1 \(size = 3\) and num_split 4/);
  });

  it('gradients: the parts joined again, zeros for unused parts (numerically checked)', () => {
    checkGradients((a) => tf.split(a, 3, 1)[1], [randomArray([2, 6, 2], 1)]);
    checkGradients((a) => { const [p, q] = tf.split(a, 2, 0); return tf.concat([q, p.mul(2)], 1); }, [randomArray([4, 3], 2)]);
    checkGradients((a) => tf.split(a, [1, -1, 2], -1)[1], [randomArray([3, 7], 3)]);
    checkGradients((a) => tf.add(tf.split(a, [2, 3], 1)[0].index(':, ::-1').mul(3), tf.split(a, [2, 3], 1)[1].index(':, :2')), [randomArray([2, 5], 4)]);
  });

  it('unstack and stack take an axis (negative too); their gradients are each other', () => {
    const parts = tf.unstack(x(), { axis: 1 });
    expect(parts.length).to.equal(6);
    expect(vals(parts.slice(0, 2))).to.deep.equal([[1, 7], [2, 8]]);
    expect(vals(tf.unstack(x(), { axis: -2 }))).to.deep.equal([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]]);
    expect((run(tf.stack([tf.constant([1, 2]), tf.constant([3, 4])], -1)) as NDArray).toArray()).to.deep.equal([[1, 3], [2, 4]]);
    checkGradients((a, b) => tf.stack([a, b], 1), [randomArray([2, 3], 5), randomArray([2, 3], 6)]);
    checkGradients((a, b) => tf.stack([a, b], -1), [randomArray([2, 3], 7), randomArray([2, 3], 8)]);
    checkGradients((a) => tf.unstack(a, { axis: -1 })[1], [randomArray([2, 3, 2], 9)]);
  });
});
