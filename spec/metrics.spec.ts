import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { InvalidArgumentError, ValueError } from '../lib/framework/errors';

/*
 * tf.metrics: streaming values over several update batches against hand-computed numbers,
 * the value op reading without updating, TF1's variable names and collections, and errors.
 */

type Pair = [tf.Tensor, tf.Tensor];
type Session = ReturnType<typeof tf.Session>;

function initLocal(): Session {
  const sess = tf.Session();
  sess.run(tf.variables_initializer(tf.get_default_graph().get_collection('local_variables')));
  return sess;
}

function num(x: unknown): number {
  return typeof x === 'number' ? x : (x as NDArray).data[0];
}

function closeTo(actual: unknown, expected: number, tol = 1e-6): void {
  expect(num(actual)).to.be.closeTo(expected, tol);
}

function localNames(): string[] {
  return tf.get_default_graph().get_collection<tf.Variable>('local_variables').map((v) => v.op.name);
}

describe('tf.metrics', () => {
  beforeEach(() => tf.reset_default_graph());

  it('every function has TF1\'s parameters, in order, and refuses an unknown keyword (TypeError)', () => {
    const LP = ['labels', 'predictions', 'weights', 'metrics_collections', 'updates_collections', 'name'];
    const expected: Record<string, string[]> = {
      accuracy: LP, precision: LP, recall: LP, true_positives: LP, false_positives: LP, false_negatives: LP,
      mean: ['values', 'weights', 'metrics_collections', 'updates_collections', 'name'],
      auc: ['labels', 'predictions', 'weights', 'num_thresholds', 'metrics_collections', 'updates_collections', 'curve',
        'name', 'summation_method', 'thresholds'],
    };
    expect(Object.keys(tf.metrics).sort()).to.deep.equal(Object.keys(expected).sort());
    for (const [fn, params] of Object.entries(expected)) {
      const f = (tf.metrics as unknown as Record<string, ((...a: unknown[]) => unknown) & { signature: { params: string[] } }>)[fn];
      expect(f.signature.params, fn).to.deep.equal(params);
      const required = fn === 'mean' ? [[1]] : [[1], [1]];
      expect(() => f(...required, { weight: 1 })).to.throw(TypeError, `${fn}() got an unexpected keyword argument 'weight'`);
    }
  });

  describe('accuracy', () => {
    it('streams the fraction of equal labels and predictions; update_op gives the new accuracy, the value op only reads', () => {
      const labels = tf.placeholder('int32', [null]);
      const predictions = tf.placeholder('int32', [null]);
      const [acc, update] = tf.metrics.accuracy(labels, predictions);
      const sess = initLocal();
      closeTo(sess.run(acc), 0);
      // Batch 1: 2 of 4 correct; batch 2: 2 of 2, so 4 of 6.
      closeTo(sess.run(update, new Map([[labels, [1, 0, 1, 1]], [predictions, [1, 1, 0, 1]]])), 2 / 4);
      closeTo(sess.run(acc), 2 / 4);
      closeTo(sess.run(update, new Map([[labels, [0, 0]], [predictions, [0, 0]]])), 4 / 6);
      for (let i = 0; i < 3; i++) closeTo(sess.run(acc), 4 / 6);
    });

    it('weights each comparison: sum(w * correct) / sum(w) over all batches', () => {
      const labels = tf.placeholder('int32', [null]);
      const predictions = tf.placeholder('int32', [null]);
      const weights = tf.placeholder('float32', [null]);
      const [acc, update] = tf.metrics.accuracy(labels, predictions, { weights });
      const sess = initLocal();
      // correct [1, 0, 0, 1] weighted by [1, 2, 0, 1]: 2 / 4.
      closeTo(sess.run(update, new Map([[labels, [1, 0, 1, 1]], [predictions, [1, 1, 0, 1]], [weights, [1, 2, 0, 1]]])), 2 / 4);
      // correct [1, 1] weighted by [3, 1]: (2 + 4) / (4 + 4).
      closeTo(sess.run(update, new Map([[labels, [2, 3]], [predictions, [2, 3]], [weights, [3, 1]]])), 6 / 8);
      closeTo(sess.run(acc), 6 / 8);
    });

    it('casts predictions to the labels\' dtype and drops a trailing dimension of 1 from labels', () => {
      const labels = tf.constant([[1], [2], [3]], 'int32');
      const [acc, update] = tf.metrics.accuracy(labels, tf.constant([1.0, 2.0, 0.0]));
      const sess = initLocal();
      closeTo(sess.run(update), 2 / 3);
      closeTo(sess.run(acc), 2 / 3);
    });

    it('keeps local, non-trainable variables accuracy/total and accuracy/count; a second one is accuracy_1', () => {
      const [acc, update] = tf.metrics.accuracy([1, 2], [1, 3]);
      const [acc2] = tf.metrics.accuracy([1, 2], [1, 3]);
      const g = tf.get_default_graph();
      expect(localNames()).to.deep.equal(['accuracy/total', 'accuracy/count', 'accuracy_1/total', 'accuracy_1/count']);
      expect(g.get_collection<tf.Variable>('metric_variables').map((v) => v.op.name)).to.deep.equal(localNames());
      expect(tf.GraphKeys.METRIC_VARIABLES).to.equal('metric_variables');
      expect(tf.global_variables()).to.deep.equal([]);
      expect(tf.trainable_variables()).to.deep.equal([]);
      for (const v of g.get_collection<tf.Variable>('local_variables')) {
        expect(v.trainable).to.equal(false);
        expect(v.shape).to.deep.equal([]);
        expect(v.dtype).to.equal('float32');
      }
      expect([acc.name, update.name, acc2.name]).to.deep.equal(['accuracy/value:0', 'accuracy/update_op:0', 'accuracy_1/value:0']);
    });

    it('refuses predictions whose shape is incompatible with the labels\' (ValueError)', () => {
      expect(() => tf.metrics.accuracy(tf.constant([1, 2, 3]), tf.constant([1, 2]))).to.throw(ValueError, 'Shapes (2,) and (3,) are incompatible');
    });
  });

  describe('mean', () => {
    it('streams the mean of all values seen', () => {
      const values = tf.placeholder('float32', [null]);
      const [mean, update] = tf.metrics.mean(values);
      const sess = initLocal();
      closeTo(sess.run(mean), 0);
      closeTo(sess.run(update, new Map([[values, [1, 2, 3, 4]]])), 2.5);
      closeTo(sess.run(update, new Map([[values, [10]]])), 20 / 5);
      closeTo(sess.run(mean), 4);
      closeTo(sess.run(mean), 4);
      expect(localNames()).to.deep.equal(['mean/total', 'mean/count']);
    });

    it('broadcasts weights as TF1: rank-1 weights of a [2, 2] batch weight its rows', () => {
      const [mean, update] = tf.metrics.mean(tf.constant([[1, 2], [3, 4]]), { weights: tf.constant([2, 1]) });
      const sess = initLocal();
      // weights [[2, 2], [1, 1]]: (2 + 4 + 3 + 4) / 6.
      closeTo(sess.run(update), 13 / 6);
      closeTo(sess.run(mean), 13 / 6);
      // All-zero weights: 0 / 0 is 0, not NaN.
      tf.reset_default_graph();
      const [zero, zeroUpdate] = tf.metrics.mean([1, 2], { weights: [0, 0] });
      const sess2 = initLocal();
      closeTo(sess2.run(zeroUpdate), 0);
      closeTo(sess2.run(zero), 0);
    });

    it('uses the given name as scope and adds value and update to the given collections', () => {
      const [mean, update] = tf.metrics.mean([1, 2], { name: 'loss_mean', metrics_collections: ['m'], updates_collections: ['u', 'u2'] });
      const g = tf.get_default_graph();
      expect(localNames()).to.deep.equal(['loss_mean/total', 'loss_mean/count']);
      expect(g.get_collection('m')).to.deep.equal([mean]);
      expect(g.get_collection('u')).to.deep.equal([update]);
      expect(g.get_collection('u2')).to.deep.equal([update]);
    });

    it('refuses weights that do not broadcast to the values (ValueError), and unknown keywords (TypeError)', () => {
      expect(() => tf.metrics.mean(tf.constant([[1, 2, 3]]), { weights: tf.constant([[1, 2]]) }))
        .to.throw(ValueError, 'weights can not be broadcast to values. values.shape=(1, 3). weights.shape=(1, 2).');
      expect(() => (tf.metrics.mean as (...a: unknown[]) => unknown)([1], { weight: [1] }))
        .to.throw(TypeError, "mean() got an unexpected keyword argument 'weight'");
    });
  });

  describe('precision and recall', () => {
    it('stream tp / (tp + fp) and tp / (tp + fn) with weights, from counts named as TF1\'s', () => {
      const labels = tf.placeholder('int32', [null]);
      const predictions = tf.placeholder('int32', [null]);
      const weights = tf.placeholder('float32', [null]);
      const [p, pUpdate] = tf.metrics.precision(labels, predictions, { weights });
      const [r, rUpdate] = tf.metrics.recall(labels, predictions, weights);
      expect(localNames()).to.deep.equal(['precision/true_positives/count', 'precision/false_positives/count',
        'recall/true_positives/count', 'recall/false_negatives/count']);
      const sess = initLocal();
      closeTo(sess.run(p), 0);
      closeTo(sess.run(r), 0);
      // tp at 0 and 3 (weights 1 + 4), fp at 1 (2), fn at 2 (3).
      const batch1 = new Map([[labels, [1, 0, 1, 1]], [predictions, [1, 1, 0, 1]], [weights, [1, 2, 3, 4]]]);
      const [p1, r1] = sess.run([pUpdate, rUpdate], batch1);
      closeTo(p1, 5 / 7);
      closeTo(r1, 5 / 8);
      // One more tp and one more fp: precision 6 / 9, recall 6 / 9.
      const [p2, r2] = sess.run([pUpdate, rUpdate], new Map([[labels, [0, 1]], [predictions, [1, 1]], [weights, [1, 1]]]));
      closeTo(p2, 6 / 9);
      closeTo(r2, 6 / 9);
      for (let i = 0; i < 2; i++) {
        closeTo(sess.run(p), 6 / 9);
        closeTo(sess.run(r), 6 / 9);
      }
    });

    it('cast labels and predictions to bool (any non-zero is positive) and give 0 when nothing is counted', () => {
      const [p, pUpdate] = tf.metrics.precision(tf.constant([0, 2, 0]), tf.constant([0.0, 0.3, 0.0]));
      const [r, rUpdate] = tf.metrics.recall(tf.constant([0, 0]), tf.constant([1, 0]));
      const sess = initLocal();
      closeTo(sess.run(pUpdate), 1);
      closeTo(sess.run(p), 1);
      // No positive labels: tp + fn = 0, so recall is 0, not NaN.
      closeTo(sess.run(rUpdate), 0);
      closeTo(sess.run(r), 0);
    });

    it('true_positives, false_positives and false_negatives count on their own', () => {
      const labels = [1, 0, 1, 1, 0];
      const predictions = [1, 1, 0, 1, 0];
      const updates = [tf.metrics.true_positives, tf.metrics.false_positives, tf.metrics.false_negatives]
        .map((f) => f(labels, predictions)[1]);
      expect(localNames()).to.deep.equal(['true_positives/count', 'false_positives/count', 'false_negatives/count']);
      const sess = initLocal();
      expect(sess.run(updates).map(num)).to.deep.equal([2, 1, 1]);
      expect(sess.run(updates).map(num)).to.deep.equal([4, 2, 2]);
    });
  });

  describe('auc', () => {
    // Thresholds with num_thresholds 3: [-1e-7, 0.5, 1 + 1e-7]. Labels [1, 0, 1, 0], scores [0.9, 0.2, 0.4, 0.6]:
    // (tp, fp, fn, tn) = (2, 2, 0, 0), (1, 1, 1, 1), (0, 0, 2, 2).
    const LABELS = [1, 0, 1, 0];
    const SCORES = [0.9, 0.2, 0.4, 0.6];

    it('ROC: the trapezoids under (fpr, tpr) = (1, 1), (0.5, 0.5), (0, 0): 0.5; variables named as TF1\'s', () => {
      const [auc, update] = tf.metrics.auc(LABELS, SCORES, { num_thresholds: 3 });
      expect(localNames()).to.deep.equal(['auc/true_positives', 'auc/false_negatives', 'auc/true_negatives', 'auc/false_positives']);
      for (const v of tf.get_default_graph().get_collection<tf.Variable>('local_variables')) expect(v.shape).to.deep.equal([3]);
      const sess = initLocal();
      closeTo(sess.run(update), 0.5);
      closeTo(sess.run(auc), 0.5);
      const counts = ['true_positives', 'false_negatives', 'true_negatives', 'false_positives']
        .map((n) => (sess.run(tf.get_default_graph().get_tensor_by_name(`auc/${n}:0`)) as NDArray).toArray());
      expect(counts).to.deep.equal([[2, 1, 0], [0, 1, 2], [0, 1, 2], [2, 1, 0]]);
    });

    it('PR: trapezoidal over (recall, precision) = (1, 0.5), (0.5, 0.5), (0, 1) is 0.625; careful_interpolation is 0.5', () => {
      const [, trapezoid] = tf.metrics.auc(LABELS, SCORES, { num_thresholds: 3, curve: 'PR' });
      const [careful, carefulUpdate] = tf.metrics.auc(LABELS, SCORES, { num_thresholds: 3, curve: 'PR', summation_method: 'careful_interpolation' });
      const sess = initLocal();
      // The last point is (1e-6 / (2 + 1e-6), 1e-6 / 1e-6): TF1's epsilon keeps 0/0 out.
      closeTo(sess.run(trapezoid), 0.625, 1e-5);
      // Each segment: slope 1/2 of tp per predicted positive, intercept 0, so dtp * slope / (tp + fn) = 0.25.
      closeTo(sess.run(carefulUpdate), 0.5, 1e-6);
      closeTo(sess.run(careful), 0.5, 1e-6);
    });

    it('minoring and majoring take the lower and upper rectangles', () => {
      const [, minoring] = tf.metrics.auc(LABELS, SCORES, { num_thresholds: 3, summation_method: 'minoring' });
      const [, majoring] = tf.metrics.auc(LABELS, SCORES, { num_thresholds: 3, summation_method: 'majoring' });
      const sess = initLocal();
      closeTo(sess.run(minoring), 0.25, 1e-5);
      closeTo(sess.run(majoring), 0.75, 1e-5);
    });

    /** TF1's auc in float64, from the counts at its thresholds, for the same data: the reference. */
    function directAuc(labels: number[], scores: number[], weights: number[], n: number, curve: 'ROC' | 'PR'): number {
      const thresholds = [-1e-7, ...Array.from({ length: n - 2 }, (_, i) => (i + 1) / (n - 1)), 1 + 1e-7].map(Math.fround);
      const eps = 1e-6;
      const pts = thresholds.map((t) => {
        let tp = 0, fp = 0, fn = 0, tn = 0;
        scores.forEach((s, i) => {
          const pos = Math.fround(s) > t;
          if (labels[i]) { if (pos) tp += weights[i]; else fn += weights[i]; } else if (pos) fp += weights[i]; else tn += weights[i];
        });
        const rec = (tp + eps) / (tp + fn + eps);
        return curve === 'ROC' ? [fp / (fp + tn + eps), rec] : [rec, (tp + eps) / (tp + fp + eps)];
      });
      let area = 0;
      for (let i = 0; i + 1 < pts.length; i++) area += (pts[i][0] - pts[i + 1][0]) * (pts[i][1] + pts[i + 1][1]) / 2;
      return area;
    }

    for (const curve of ['ROC', 'PR'] as const) {
      it(`${curve}: 200 thresholds over two weighted batches agree with a direct trapezoidal computation`, () => {
        const labels = tf.placeholder('bool', [null]);
        const scores = tf.placeholder('float32', [null]);
        const weights = tf.placeholder('float32', [null]);
        const [auc, update] = tf.metrics.auc(labels, scores, { weights, curve });
        const rng = new tf.numpy_like.random.RandomState(7);
        const batches = [0, 1].map(() => {
          const y = Array.from({ length: 40 }, () => (rng.uniform(0, 1) < 0.4 ? 1 : 0));
          // Scores that lean towards the label, so the area is well above a half.
          const s = y.map((l) => Math.min(1, Math.max(0, 0.35 * l + 0.65 * rng.uniform(0, 1))));
          const w = y.map(() => rng.uniform(0.5, 2));
          return { y, s, w };
        });
        const sess = initLocal();
        for (const b of batches) sess.run(update, new Map<tf.Tensor, unknown>([[labels, b.y.map(Boolean)], [scores, b.s], [weights, b.w]]));
        const all = { y: batches.flatMap((b) => b.y), s: batches.flatMap((b) => b.s), w: batches.flatMap((b) => b.w) };
        const expected = directAuc(all.y, all.s, all.w, 200, curve);
        expect(expected).to.be.above(0.6);
        closeTo(sess.run(auc), expected, 1e-4);
      });
    }

    it('refuses an unknown curve or summation_method, too few thresholds (ValueError) and known predictions outside [0, 1] (InvalidArgumentError)', () => {
      expect(() => tf.metrics.auc([1], [0.5], { curve: 'XX' })).to.throw(ValueError, 'curve must be either ROC or PR, XX unknown');
      expect(() => tf.metrics.auc([1], [0.5], { summation_method: 'simpson' })).to.throw(ValueError, 'Invalid summation_method: simpson');
      expect(() => tf.metrics.auc([1], [0.5], { num_thresholds: 1 })).to.throw(ValueError, 'num_thresholds must be > 1');
      expect(() => tf.metrics.auc([1, 0], [0.5, 1.5])).to.throw(InvalidArgumentError, 'predictions must be in [0, 1]');
      expect(() => tf.metrics.auc([1, 0, 1], [0.5, 0.5])).to.throw(ValueError, 'Shapes (2,) and (3,) are incompatible');
    });

    it('uses explicit thresholds between -1e-7 and 1 + 1e-7 when given', () => {
      const [, update] = tf.metrics.auc(LABELS, SCORES, { thresholds: [0.5] });
      const sess = initLocal();
      closeTo(sess.run(update), 0.5);
      expect(tf.get_default_graph().get_collection<tf.Variable>('local_variables')[0].shape).to.deep.equal([3]);
    });
  });
});
