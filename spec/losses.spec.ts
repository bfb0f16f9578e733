import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { InvalidArgumentError, LookupError, ValueError } from '../lib/framework/errors';
import { makeOp } from '../lib/ops/op_builder';
import { checkGradients, randomArray } from './helpers/gradient_check';

/** -log_softmax(row)[j], in float64 with log-sum-exp: the reference the kernels are held to. */
function negLogSoftmax(row: number[], j: number): number {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
  return lse - row[j];
}

function softmax(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  expect(actual.length, 'length').to.equal(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = tol * Math.max(1, Math.abs(expected[i]));
    expect(Math.abs(actual[i] - expected[i]), `element ${i}: ${actual[i]} vs ${expected[i]}`).to.be.at.most(tolerance);
  }
}

function values(x: NDArray | number): number[] {
  return typeof x === 'number' ? [x] : Array.from(x.data);
}

const LOGITS = [[2, 1, 0.1], [0.5, 2.5, -1], [-3, 0, 3], [1, 1, 1]];

describe('tf.nn.sparse_softmax_cross_entropy_with_logits', () => {
  beforeEach(() => tf.reset_default_graph());

  for (const dtype of ['int32', 'int64'] as const) {
    it(`gives -log_softmax(logits)[label] per example for ${dtype} labels, and backprop = softmax - one_hot`, () => {
      const labels = [0, 1, 2, 1];
      const logits = tf.constant(LOGITS);
      const y = tf.placeholder(dtype, [null]);
      const loss = tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: y, logits });
      expect(loss.op.type).to.equal('SparseSoftmaxCrossEntropyWithLogits');
      expect(loss.shape).to.deep.equal([4]);
      const sess = new tf.Session();
      const [l, backprop] = sess.run([loss, loss.op.outputs[1]], new Map([[y, labels]]));
      expectClose(l.data, LOGITS.map((row, i) => negLogSoftmax(row, labels[i])));
      const expected = LOGITS.flatMap((row, i) => softmax(row).map((p, j) => p - (j === labels[i] ? 1 : 0)));
      expectClose(backprop.data, expected);
    });
  }

  it('names the op as TF1 does: <name>/<name>', () => {
    const loss = tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: [0], logits: [[1, 2]], name: 'xentropy' });
    expect(loss.name).to.equal('xentropy/xentropy:0');
    const unnamed = tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: [0], logits: [[1, 2]] });
    expect(unnamed.name).to.equal('SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits:0');
  });

  it('reshapes logits of rank 3 around the fused op and restores labels\' shape', () => {
    const logits = [[[1, 2, 3], [0, 0, 5]], [[-1, 4, 0], [2, 2, 2]]];
    const labels = [[2, 0], [1, 1]];
    const loss = tf.nn.sparse_softmax_cross_entropy_with_logits({ labels, logits });
    expect(loss.shape).to.deep.equal([2, 2]);
    const out = new tf.Session().run(loss) as NDArray;
    expect(out.shape).to.deep.equal([2, 2]);
    expectClose(out.data, [negLogSoftmax([1, 2, 3], 2), negLogSoftmax([0, 0, 5], 0), negLogSoftmax([-1, 4, 0], 1), negLogSoftmax([2, 2, 2], 1)]);
  });

  it('stays finite for logits of 1e4 (log-sum-exp), in the loss and its gradient', () => {
    const logits = tf.placeholder('float32', [2, 3]);
    const loss = tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: [0, 1], logits });
    const [grad] = tf.gradients(loss, [logits]);
    const feed = new Map([[logits, [[1e4, 0, -1e4], [1e4, 0, -1e4]]]]);
    const [l, gr] = new tf.Session().run([loss, grad], feed) as NDArray[];
    expect(Array.from(l.data)).to.deep.equal([0, 1e4]);
    expect(Array.from(gr.data).every(Number.isFinite)).to.equal(true);
    expectClose(gr.data, [0, 0, 0, 1, -1, 0]);
  });

  it('rejects a label outside [0, classes) at run time with InvalidArgumentError naming the value', () => {
    const logits = tf.placeholder('float32', [null, 10]);
    const y = tf.placeholder('int64', [null]);
    const loss = tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: y, logits, name: 'xentropy' });
    const sess = new tf.Session();
    const feed = (labels: number[]) => new Map<tf.Tensor, unknown>([[logits, labels.map(() => new Array(10).fill(0))], [y, labels]]);
    expect(() => sess.run(loss, feed([1, 10, 3]))).to.throw(InvalidArgumentError,
      'Received a label value of 10 which is outside the valid range of [0, 10).  Label values: 1 10 3');
    expect(() => sess.run(loss, feed([-1]))).to.throw(InvalidArgumentError, 'Received a label value of -1');
    const error = (() => { try { sess.run(loss, feed([10])); return null; } catch (e) { return e as InvalidArgumentError; } })();
    expect(error).to.be.instanceOf(InvalidArgumentError);
    expect(error!.op).to.equal('xentropy/xentropy');
    expect(values(sess.run(loss, feed([9])))).to.have.length(1);
  });

  it('checks shapes when the graph is built, naming the op', () => {
    expect(() => tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: [0, 1, 2], logits: tf.zeros([4, 10]) }))
      .to.throw(ValueError, /Shape mismatch: The shape of labels \(received \(3,\)\) should equal the shape of logits except for the last dimension \(received \(4, 10\)\).*SparseSoftmaxCrossEntropyWithLogits/);
    expect(() => tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: [[0, 1]], logits: tf.zeros([1, 2]) }))
      .to.throw(ValueError, /Rank mismatch: Rank of labels \(received 2\) should equal rank of logits minus 1 \(received 2\)/);
    expect(() => tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: [0.5], logits: tf.zeros([1, 2]) }))
      .to.throw(ValueError, 'labels must be integer class indices; got [0.5]');
    expect(() => tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: tf.constant([0.5]), logits: tf.zeros([1, 2]) }))
      .to.throw(ValueError, /labels must be int32 or int64/);
    // The op itself checks too (for callers that build it directly).
    expect(() => makeOp('SparseSoftmaxCrossEntropyWithLogits', [tf.zeros([4, 10]), tf.constant([0, 1, 2], 'int32')], {}, 'direct'))
      .to.throw(ValueError, "Dimensions must be equal, but are 4 and 3 for 'direct' (op: 'SparseSoftmaxCrossEntropyWithLogits')");
  });

  it('refuses positional arguments, as TF1 does', () => {
    expect(() => (tf.nn.sparse_softmax_cross_entropy_with_logits as any)([0], [[1, 2]]))
      .to.throw(ValueError, 'Only call `sparse_softmax_cross_entropy_with_logits` with named arguments');
  });

  it('has a gradient w.r.t. logits that matches central differences', () => {
    const labels = NDArray.from([2, 0, 1, 4, 3], 'int32');
    checkGradients((logits, y) => tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: y, logits }),
      [randomArray([5, 6], 11, -3, 3), labels], { wrt: [0] });
  });

  it('has no second derivative (LookupError, as TF1)', () => {
    const logits = tf.placeholder('float32', [2, 3]);
    const loss = tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: [0, 1], logits });
    const [grad] = tf.gradients(loss, [logits]);
    expect(() => tf.gradients(grad!, [logits])).to.throw(LookupError, 'no way to take the second derivative');
  });
});

describe('tf.nn.softmax_cross_entropy_with_logits (and _v2)', () => {
  beforeEach(() => tf.reset_default_graph());

  const SOFT_LABELS = [[0.2, 0.3, 0.5], [0, 1, 0], [0.5, 0.5, 0], [1, 0, 0]];
  const expectedLoss = LOGITS.map((row, i) => SOFT_LABELS[i].reduce((s, p, j) => s + (p ? p * negLogSoftmax(row, j) : 0), 0));

  it('gives -sum(labels * log_softmax(logits)) per row, and backprop = softmax - labels', () => {
    const loss = tf.nn.softmax_cross_entropy_with_logits_v2({ labels: SOFT_LABELS, logits: LOGITS });
    expect(loss.name).to.equal('softmax_cross_entropy_with_logits:0');
    expect(loss.shape).to.deep.equal([4]);
    const [l, backprop] = new tf.Session().run([loss, loss.op.outputs[1]]) as NDArray[];
    expectClose(l.data, expectedLoss);
    expectClose(backprop.data, LOGITS.flatMap((row, i) => softmax(row).map((p, j) => p - SOFT_LABELS[i][j])));
  });

  it('v1 gives the same values, named as TF1 and with no gradient into labels', () => {
    const labels = tf.constant(SOFT_LABELS);
    const loss = tf.nn.softmax_cross_entropy_with_logits({ labels, logits: LOGITS });
    expect(loss.name).to.equal('softmax_cross_entropy_with_logits_sg:0');
    expectClose((new tf.Session().run(loss) as NDArray).data, expectedLoss);
    expect(tf.gradients(loss, [labels])[0]).to.equal(null);
    const v2 = tf.nn.softmax_cross_entropy_with_logits_v2({ labels, logits: LOGITS, name: 'xent' });
    expect(v2.name).to.equal('xent:0');
    expect(tf.gradients(v2, [labels])[0]).to.not.equal(null);
  });

  it('takes the class dimension from dim/axis, transposing around the fused op', () => {
    const logitsT = LOGITS[0].map((_, j) => LOGITS.map((row) => row[j]));
    const labelsT = SOFT_LABELS[0].map((_, j) => SOFT_LABELS.map((row) => row[j]));
    const loss = tf.nn.softmax_cross_entropy_with_logits({ labels: labelsT, logits: logitsT, dim: 0 });
    expectClose((new tf.Session().run(loss) as NDArray).data, expectedLoss);
  });

  it('handles rank-3 and rank-1 logits', () => {
    const loss3 = tf.nn.softmax_cross_entropy_with_logits_v2({ labels: [SOFT_LABELS.slice(0, 2), SOFT_LABELS.slice(2)], logits: [LOGITS.slice(0, 2), LOGITS.slice(2)] });
    expect(loss3.shape).to.deep.equal([2, 2]);
    const out = new tf.Session().run(loss3) as NDArray;
    expect(out.shape).to.deep.equal([2, 2]);
    expectClose(out.data, expectedLoss);
    const loss1 = tf.nn.softmax_cross_entropy_with_logits_v2({ labels: SOFT_LABELS[0], logits: LOGITS[0] });
    expect(loss1.shape).to.deep.equal([]);
    expectClose(values(new tf.Session().run(loss1)), [expectedLoss[0]]);
  });

  it('stays finite for logits of 1e4', () => {
    const logits = tf.placeholder('float32', [1, 3]);
    const loss = tf.nn.softmax_cross_entropy_with_logits_v2({ labels: [[0, 0.5, 0.5]], logits });
    const [grad] = tf.gradients(loss, [logits]);
    const [l, gr] = new tf.Session().run([loss, grad], new Map([[logits, [[1e4, -1e4, 0]]]])) as NDArray[];
    expectClose(l.data, [0.5 * 2e4 + 0.5 * 1e4]);
    expectClose(gr.data, [1, -0.5, -0.5]);
  });

  it('checks shapes and dtypes when the graph is built', () => {
    expect(() => tf.nn.softmax_cross_entropy_with_logits_v2({ labels: tf.zeros([2, 4]), logits: tf.zeros([2, 3]) }))
      .to.throw(ValueError, /SoftmaxCrossEntropyWithLogits.*logits shape \(2, 3\) and labels shape \(2, 4\)/);
    expect(() => makeOp('SoftmaxCrossEntropyWithLogits', [tf.zeros([2, 3]), tf.zeros([3, 3])], {}, 'direct'))
      .to.throw(ValueError, "Dimensions must be equal, but are 2 and 3 for 'direct' (op: 'SoftmaxCrossEntropyWithLogits')");
    expect(() => tf.nn.softmax_cross_entropy_with_logits_v2({ labels: tf.constant([[0, 1]], 'int32'), logits: tf.zeros([1, 2]) }))
      .to.throw(TypeError, /^Input 'labels' of '[\w/]+' \(op: 'SoftmaxCrossEntropyWithLogits'\) has type int32 that does not match type float32 of argument 'features'\.$/);
    expect(() => tf.nn.softmax_cross_entropy_with_logits_v2({ labels: 1, logits: 2 }))
      .to.throw(ValueError, 'logits cannot be scalars');
  });

  it('has gradients w.r.t. logits and labels that match central differences', () => {
    // TF1's backprop (softmax - labels) is the logits' gradient when each labels row sums to 1.
    const labels = randomArray([4, 5], 3, 0.1, 1);
    for (let r = 0; r < 4; r++) {
      const row = (labels.data as Float32Array).subarray(r * 5, r * 5 + 5);
      const s = row.reduce((a, b) => a + b, 0);
      row.forEach((v, j) => { row[j] = v / s; });
    }
    checkGradients((y, logits) => tf.nn.softmax_cross_entropy_with_logits_v2({ labels: y, logits }),
      [labels, randomArray([4, 5], 4, -2, 2)], { wrt: [1] });
    // The labels' gradient, -log_softmax(logits), holds for any labels.
    checkGradients((y, logits) => tf.nn.softmax_cross_entropy_with_logits_v2({ labels: y, logits }),
      [randomArray([4, 5], 5, 0, 1), randomArray([4, 5], 6, -2, 2)], { wrt: [0] });
  });

  it('has a second derivative through its backprop output', () => {
    // Differentiating the backprop output exercises the gradient's second-order path.
    checkGradients((labels, logits) => tf.nn.softmax_cross_entropy_with_logits_v2({ labels, logits }).op.outputs[1],
      [randomArray([3, 4], 5, 0, 1), randomArray([3, 4], 6, -2, 2)]);
    checkGradients((logits) => {
      const loss = tf.nn.softmax_cross_entropy_with_logits_v2({ labels: [[0.1, 0.2, 0.3, 0.4]], logits });
      return tf.gradients(loss, [logits])[0]!;
    }, [randomArray([1, 4], 7, -2, 2)]);
  });
});

describe('tf.nn.l2_loss', () => {
  beforeEach(() => tf.reset_default_graph());

  it('is sum(t^2) / 2 as one L2Loss op', () => {
    const l = tf.nn.l2_loss(tf.constant([[1, -2], [3, 0.5]]));
    expect(l.op.type).to.equal('L2Loss');
    expect(l.shape).to.deep.equal([]);
    expect(new tf.Session().run(l)).to.be.closeTo((1 + 4 + 9 + 0.25) / 2, 1e-6);
  });

  it('has gradient t * dy', () => {
    checkGradients((t) => tf.nn.l2_loss(t), [randomArray([3, 4], 8)]);
  });
});

describe('tf.losses', () => {
  beforeEach(() => tf.reset_default_graph());

  const labels = [0, 1, 2, 1];
  const perExample = LOGITS.map((row, i) => negLogSoftmax(row, labels[i]));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('sparse_softmax_cross_entropy is the batch mean, named and collected as TF1', () => {
    const y = tf.placeholder('int64', [null]);
    const loss = tf.losses.sparse_softmax_cross_entropy(y, LOGITS);
    expect(loss.name).to.equal('sparse_softmax_cross_entropy_loss/value:0');
    expect(loss.shape).to.deep.equal([]);
    expect(tf.get_default_graph().get_collection(tf.GraphKeys.LOSSES)).to.deep.equal([loss]);
    expect(tf.losses.get_losses()).to.deep.equal([loss]);
    const sess = new tf.Session();
    expect(sess.run(loss, new Map([[y, labels]]))).to.be.closeTo(mean(perExample), 1e-5);
    const xent = tf.get_default_graph().get_operation_by_name('sparse_softmax_cross_entropy_loss/xentropy/xentropy');
    expect(xent.type).to.equal('SparseSoftmaxCrossEntropyWithLogits');
  });

  it('sparse_softmax_cross_entropy takes the options form and a dynamic batch', () => {
    const x = tf.placeholder('float32', [null, 3]);
    const y = tf.placeholder('int32', [null]);
    const loss = tf.losses.sparse_softmax_cross_entropy({ labels: y, logits: x });
    const sess = new tf.Session();
    expect(sess.run(loss, new Map<tf.Tensor, unknown>([[x, LOGITS], [y, labels]]))).to.be.closeTo(mean(perExample), 1e-5);
    expect(sess.run(loss, new Map<tf.Tensor, unknown>([[x, LOGITS.slice(0, 2)], [y, labels.slice(0, 2)]])))
      .to.be.closeTo(mean(perExample.slice(0, 2)), 1e-5);
    // An empty batch gives 0, as TF1's div_no_nan.
    expect(sess.run(loss, new Map<tf.Tensor, unknown>([[x, { data: new Float32Array(0), shape: [0, 3] }], [y, { data: new Int32Array(0), shape: [0] }]])))
      .to.equal(0);
  });

  it('divides by the number of non-zero weights (SUM_BY_NONZERO_WEIGHTS)', () => {
    const weights = [2, 0, 1, 0.5];
    const loss = tf.losses.sparse_softmax_cross_entropy(labels, LOGITS, weights);
    const expected = perExample.reduce((s, l, i) => s + l * weights[i], 0) / 3;
    expect(new tf.Session().run(loss)).to.be.closeTo(expected, 1e-5);
    const scalarWeight = tf.losses.sparse_softmax_cross_entropy(labels, LOGITS, 3);
    expect(new tf.Session().run(scalarWeight)).to.be.closeTo(3 * mean(perExample), 1e-5);
  });

  it('supports the other reductions', () => {
    const R = tf.losses.Reduction;
    const w = [1, 2, 0, 1];
    const weighted = perExample.map((l, i) => l * w[i]);
    const total = weighted.reduce((a, b) => a + b, 0);
    const run = (reduction: string) => new tf.Session().run(
      tf.losses.sparse_softmax_cross_entropy({ labels, logits: LOGITS, weights: w, reduction }));
    expectClose(values(run(R.NONE)), weighted);
    expect(run(R.SUM)).to.be.closeTo(total, 1e-5);
    expect(run(R.MEAN)).to.be.closeTo(total / 4, 1e-5);
    expect(run(R.SUM_OVER_BATCH_SIZE)).to.be.closeTo(total / 4, 1e-5);
    expect(run(R.SUM_BY_NONZERO_WEIGHTS)).to.be.closeTo(total / 3, 1e-5);
    const zeroWeights = tf.losses.sparse_softmax_cross_entropy({ labels, logits: LOGITS, weights: [0, 0, 0, 0], reduction: R.MEAN });
    expect(new tf.Session().run(zeroWeights)).to.equal(0);
    expect(() => run('bogus')).to.throw(ValueError, 'Invalid Reduction Key bogus.');
  });

  it('squeezes labels of shape [batch, 1]', () => {
    const loss = tf.losses.sparse_softmax_cross_entropy(tf.constant(labels.map((l) => [l]), 'int32'), LOGITS);
    expect(new tf.Session().run(loss)).to.be.closeTo(mean(perExample), 1e-5);
  });

  it('softmax_cross_entropy is the batch mean of the dense cross-entropy, with label smoothing', () => {
    const onehot = labels.map((l) => [0, 1, 2].map((j) => (j === l ? 1 : 0)));
    const loss = tf.losses.softmax_cross_entropy(onehot, LOGITS);
    expect(loss.name).to.equal('softmax_cross_entropy_loss/value:0');
    expect(new tf.Session().run(loss)).to.be.closeTo(mean(perExample), 1e-5);
    const smoothed = tf.losses.softmax_cross_entropy({ onehot_labels: onehot, logits: LOGITS, label_smoothing: 0.3 });
    const expected = mean(LOGITS.map((row, i) =>
      [0, 1, 2].reduce((s, j) => s + ((j === labels[i] ? 0.7 : 0) + 0.1) * negLogSoftmax(row, j), 0)));
    expect(new tf.Session().run(smoothed)).to.be.closeTo(expected, 1e-5);
    expect(() => tf.losses.softmax_cross_entropy([[0, 1]], LOGITS)).to.throw(ValueError, /softmax_cross_entropy: Shapes \(4, 3\) and \(1, 2\) are incompatible/);
  });

  it('mean_squared_error is the mean of (predictions - labels)^2', () => {
    const loss = tf.losses.mean_squared_error([[1, 2], [3, 4]], [[1.5, 2], [1, 5]]);
    expect(loss.name).to.equal('mean_squared_error/value:0');
    expect(new tf.Session().run(loss)).to.be.closeTo((0.25 + 0 + 4 + 1) / 4, 1e-6);
    const weighted = tf.losses.mean_squared_error({ labels: [1, 2, 3], predictions: [2, 2, 5], weights: [1, 1, 0] });
    expect(new tf.Session().run(weighted)).to.be.closeTo(1 / 2, 1e-6);
    expect(() => tf.losses.mean_squared_error([1, 2, 3], [1, 2])).to.throw(ValueError, /Shapes \(2,\) and \(3,\) are incompatible/);
    expect(() => tf.losses.mean_squared_error({ labels: [1], predictions: [1], weights: [[1, 1]] }))
      .to.throw(ValueError, 'weights can not be broadcast to values');
  });

  it('errors for missing arguments and unknown options', () => {
    expect(() => tf.losses.sparse_softmax_cross_entropy({ logits: LOGITS })).to.throw(ValueError, 'labels must not be None.');
    expect(() => tf.losses.mean_squared_error({ labels: [1], predicitons: [1] })).to.throw(TypeError, "mean_squared_error() got an unexpected keyword argument 'predicitons'");
  });

  it('loss_collection null adds nothing; get_total_loss sums the collection', () => {
    tf.losses.mean_squared_error({ labels: [0], predictions: [2], loss_collection: null });
    expect(tf.losses.get_losses()).to.have.length(0);
    tf.losses.mean_squared_error([0], [2]);
    tf.losses.mean_squared_error([0], [3]);
    expect(new tf.Session().run(tf.losses.get_total_loss())).to.be.closeTo(13, 1e-6);
  });

  it('have gradients w.r.t. logits and predictions that match central differences', () => {
    const y = NDArray.from([1, 0, 3], 'int32');
    checkGradients((logits, l) => tf.losses.sparse_softmax_cross_entropy(l, logits), [randomArray([3, 4], 21, -2, 2), y], { wrt: [0] });
    checkGradients((logits) => tf.losses.softmax_cross_entropy({ onehot_labels: [[0, 1], [1, 0]], logits, label_smoothing: 0.1, weights: [1, 3] }),
      [randomArray([2, 2], 22, -2, 2)]);
    checkGradients((labels, predictions) => tf.losses.mean_squared_error(labels, predictions, [[1, 0.5, 2]]),
      [randomArray([2, 3], 23), randomArray([2, 3], 24)]);
  });
});
