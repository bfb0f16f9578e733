import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkGradients, randomArray } from './helpers/gradient_check';

function run<T>(fn: (sess: tf.Session) => T): T {
  const g = new tf.Graph();
  return g.as_default(() => {
    const sess = new tf.Session({ graph: g });
    try { return fn(sess); } finally { sess.close(); }
  });
}

/** -z·log(sigmoid(x)) - (1 - z)·log(1 - sigmoid(x)), the definition, in float64 (fine for moderate x). */
function definition(x: number, z: number): number {
  const s = 1 / (1 + Math.exp(-x));
  return -z * Math.log(s) - (1 - z) * Math.log(1 - s);
}

describe('tf.nn.sigmoid_cross_entropy_with_logits', () => {
  it('matches the definition, and stays finite where the definition overflows', () => {
    run((sess) => {
      const xs = [-3, -0.5, 0, 0.25, 2, 4], zs = [0, 1, 0.3, 1, 0.5, 0];
      const loss = tf.nn.sigmoid_cross_entropy_with_logits({ labels: [zs], logits: [xs] });
      expect(loss.op.name).to.equal('logistic_loss');
      expect(loss.shape).to.deep.equal([1, 6]);
      const got = sess.run(loss) as NDArray;
      xs.forEach((x, i) => expect(got.data[i]).to.be.closeTo(definition(x, zs[i]), 1e-6));
      expect(got.data[2]).to.be.closeTo(Math.LN2, 1e-7); // x = 0: log 2 whatever the label
      // max(x, 0) - x·z + log(1 + exp(-|x|)): 0 for a confident right answer, |x| for a confident wrong one.
      const extreme = tf.nn.sigmoid_cross_entropy_with_logits({ labels: [1, 0, 1, 0], logits: [100, -100, -100, 100], name: 'xe' });
      expect(extreme.op.name).to.equal('xe');
      expect(Array.from((sess.run(extreme) as NDArray).data)).to.deep.equal([0, 0, 100, 100]);
    });
  });

  it('differentiates w.r.t. logits and labels', () => {
    checkGradients((x, z) => tf.nn.sigmoid_cross_entropy_with_logits({ labels: z, logits: x }),
      [randomArray([3, 4], 1, -4, 4), randomArray([3, 4], 2, 0, 1)]);
  });

  it('refuses positional arguments and shapes that differ, as TF1', () => {
    run(() => {
      expect(() => tf.nn.sigmoid_cross_entropy_with_logits([1], [2]))
        .to.throw(tf.errors.ValueError, /Only call `sigmoid_cross_entropy_with_logits` with named arguments/);
      expect(() => tf.nn.sigmoid_cross_entropy_with_logits({ labels: [[1, 0, 1]], logits: [[1, 2], [3, 4]] }))
        .to.throw(tf.errors.ValueError, 'logits and labels must have the same shape ((2, 2) vs (1, 3))');
    });
  });
});
