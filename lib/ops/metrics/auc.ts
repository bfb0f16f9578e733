/* tf.metrics.auc: the area under the ROC or PR curve, from confusion counts at fixed thresholds. */
import { Tensor, TensorLike } from '../../framework/tensor';
import { graphOf } from '../../framework/convert';
import { ValueError } from '../../framework/errors';
import { pyfunc } from '../../framework/python_args';
import { add, divide, greater, log, logical_and, maximum, minimum, multiply, reduce_sum, subtract } from '../math_ops';
import { slice, where } from '../array_ops';
import { ones_like } from '../shape_ops';
import { addToCollections, safeDiv } from './common';
import { ConfusionCounts, confusionAtThresholds } from './confusion_at_thresholds';

/** TF1's thresholds: just below 0, the inner points i / (n - 1), just above 1, so every prediction in [0, 1] is inside. */
const KEPSILON = 1e-7;
/** What TF1 adds to numerators and denominators of the rates, so empty counts give 1 rather than 0/0. */
const EPSILON = 1e-6;

function aucThresholds(numThresholds: number, given: number[] | null | undefined): number[] {
  if (given !== null && given !== undefined) return [-KEPSILON, ...given.slice().sort((a, b) => a - b), 1 + KEPSILON];
  if (!Number.isInteger(numThresholds) || numThresholds < 2) throw new ValueError(`num_thresholds must be > 1, got ${numThresholds}.`);
  const inner = Array.from({ length: numThresholds - 2 }, (_, i) => (i + 1) / (numThresholds - 1));
  return [-KEPSILON, ...inner, 1 + KEPSILON];
}

/** x[:n-1] and x[1:]: each segment's left and right ends. */
function ends(x: Tensor, n: number): [Tensor, Tensor] {
  return [slice(x, [0], [n - 1]), slice(x, [1], [n - 1])];
}

/**
 * TF1's interpolate_pr_auc (Davis & Goadrich 2006): within a segment precision is interpolated along the
 * true-positive count rather than linearly in recall, which the trapezoidal rule gets wrong for PR.
 */
function interpolatePrAuc(c: ConfusionCounts, n: number, name: string): Tensor {
  const [tpLeft, tpRight] = ends(c.tp, n);
  const p = add(c.tp, c.fp);
  const [pLeft, pRight] = ends(p, n);
  const dtp = subtract(tpLeft, tpRight);
  const precSlope = safeDiv(dtp, maximum(subtract(pLeft, pRight), 0), 'prec_slope');
  const intercept = subtract(tpRight, multiply(precSlope, pRight));
  const bothPositive = logical_and(greater(pLeft, 0), greater(pRight, 0));
  const safePRatio = where(bothPositive, safeDiv(pLeft, maximum(pRight, 0), 'recall_relative_ratio'), ones_like(pRight));
  const [, fnRight] = ends(c.fn, n);
  const increments = safeDiv(multiply(precSlope, add(dtp, multiply(intercept, log(safePRatio)))),
    maximum(add(tpRight, fnRight), 0), 'pr_auc_increment');
  return reduce_sum(increments, null, false, name);
}

function computeAuc(c: ConfusionCounts, n: number, curve: string, summation: string, name: string): Tensor {
  if (curve === 'PR' && summation === 'careful_interpolation') return interpolatePrAuc(c, n, name);
  const recall = divide(add(c.tp, EPSILON), add(add(c.tp, c.fn), EPSILON));
  let x: Tensor, y: Tensor;
  if (curve === 'ROC') {
    x = divide(c.fp, add(add(c.fp, c.tn), EPSILON));
    y = recall;
  } else {
    x = recall;
    y = divide(add(c.tp, EPSILON), add(add(c.tp, c.fp), EPSILON));
  }
  const [xLeft, xRight] = ends(x, n);
  const [yLeft, yRight] = ends(y, n);
  const width = subtract(xLeft, xRight);
  // careful_interpolation on ROC is the trapezoidal rule, as in TF1.
  if (summation === 'trapezoidal' || summation === 'careful_interpolation') {
    return reduce_sum(multiply(width, divide(add(yLeft, yRight), 2)), null, false, name);
  }
  if (summation === 'minoring') return reduce_sum(multiply(width, minimum(yLeft, yRight)), null, false, name);
  return reduce_sum(multiply(width, maximum(yLeft, yRight)), null, false, name);
}

const SUMMATION_METHODS = ['trapezoidal', 'careful_interpolation', 'minoring', 'majoring'];

/**
 * tf.metrics.auc(labels, predictions, weights=None, num_thresholds=200, metrics_collections=None,
 * updates_collections=None, curve='ROC', name=None, summation_method='trapezoidal', thresholds=None):
 * [auc, update_op]. Predictions must lie in [0, 1]; labels are cast to bool.
 */
export const auc = pyfunc('auc', ['labels', 'predictions', 'weights', 'num_thresholds', 'metrics_collections',
  'updates_collections', 'curve', 'name', 'summation_method', 'thresholds'], 2,
  (labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null, num_thresholds?: number | null,
    metrics_collections?: string[] | null, updates_collections?: string[] | null, curve?: string | null, name?: string | null,
    summation_method?: string | null, thresholds?: number[] | null): [Tensor, Tensor] => {
    const g = graphOf([labels, predictions, weights]);
    return g.name_scope(name ?? 'auc', () => {
      const curveName = curve ?? 'ROC';
      if (curveName !== 'ROC' && curveName !== 'PR') throw new ValueError(`curve must be either ROC or PR, ${curveName} unknown`);
      const summation = summation_method ?? 'trapezoidal';
      if (!SUMMATION_METHODS.includes(summation)) throw new ValueError(`Invalid summation_method: ${summation}`);
      const points = aucThresholds(num_thresholds ?? 200, thresholds);
      const { values, updates } = confusionAtThresholds(g, labels, predictions, points, weights);
      const value = computeAuc(values, points.length, curveName, summation, 'value');
      const update = computeAuc(updates, points.length, curveName, summation, 'update_op');
      addToCollections(g, metrics_collections, value);
      addToCollections(g, updates_collections, update);
      return [value, update];
    });
  });
