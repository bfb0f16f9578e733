/* TF1's _confusion_matrix_at_thresholds: streaming tp, fn, tn, fp per threshold, as tf.metrics.auc keeps them. */
import { Tensor, TensorLike } from '../../framework/tensor';
import { convertToTensor } from '../../framework/convert';
import { Graph } from '../../framework/graph';
import { NDArray } from '../../framework/ndarray';
import { InvalidArgumentError } from '../../framework/errors';
import { constantValue } from '../../framework/constant_value';
import { cast, logical_and, logical_not, greater, multiply, reduce_sum } from '../math_ops';
import { reshape } from '../shape_ops';
import { broadcastWeights, castTo, metricVariable, removeSqueezableDimensions } from './common';
import type { Variable } from '../variables';

export interface ConfusionCounts { tp: Tensor; fn: Tensor; tn: Tensor; fp: Tensor }

/**
 * TF1 asserts 0 <= predictions <= 1 when the graph runs; tensorgraph has no Assert op, so the check is
 * made only where the predictions are known while building, as TF1's check_ops do statically (same class, same leading message).
 */
function checkPredictionRange(predictions: Tensor): void {
  const known = constantValue(predictions);
  if (known && Array.prototype.some.call(known.data, (p: number) => !(p >= 0 && p <= 1))) {
    throw new InvalidArgumentError(`predictions must be in [0, 1]. Condition x >= 0 and x <= 1 did not hold element-wise: x (${predictions.name}) = ${known}`);
  }
}

/**
 * The four counts as variables (`true_positives`, `false_negatives`, `true_negatives`, `false_positives`,
 * each [thresholds.length], in that order) and their update ops. A prediction counts as positive at a
 * threshold it is strictly greater than. Predictions [N] compare against thresholds [T, 1] by broadcasting
 * into [T, N], which TF1 tiles explicitly; the sums are the same.
 */
export function confusionAtThresholds(g: Graph, labelsLike: TensorLike, predictionsLike: TensorLike, thresholds: number[],
  weightsLike: TensorLike | null | undefined): { values: ConfusionCounts; updates: ConfusionCounts } {
  const s = removeSqueezableDimensions(castTo(predictionsLike, 'float32', g), castTo(labelsLike, 'bool', g),
    weightsLike === null || weightsLike === undefined ? null : convertToTensor(weightsLike, undefined, undefined, g));
  checkPredictionRange(s.predictions);
  const n = thresholds.length;
  const thresholdColumn = g.create_op('Const', [], { value: new NDArray(Float32Array.from(thresholds), [n, 1], 'float32'), dtype: 'float32' }, 'Const').outputs[0];
  const predIsPos = greater(reshape(s.predictions, [1, -1]), thresholdColumn);
  const predIsNeg = logical_not(predIsPos);
  const labelIsPos = reshape(s.labels!, [1, -1]);
  const labelIsNeg = logical_not(labelIsPos);
  const weightsRow = s.weights === null ? null : reshape(broadcastWeights(s.weights, s.predictions), [1, -1]);

  const count = (name: string, label: Tensor, pred: Tensor): [Variable, Tensor] => {
    const v = metricVariable(g, [n], name);
    let hits = cast(logical_and(label, pred), 'float32');
    if (weightsRow !== null) hits = multiply(hits, weightsRow);
    return [v, v.assign_add(reduce_sum(hits, 1))];
  };
  const [tp, tpUpdate] = count('true_positives', labelIsPos, predIsPos);
  const [fn, fnUpdate] = count('false_negatives', labelIsPos, predIsNeg);
  const [tn, tnUpdate] = count('true_negatives', labelIsNeg, predIsNeg);
  const [fp, fpUpdate] = count('false_positives', labelIsNeg, predIsPos);
  return {
    values: { tp: tp.value(), fn: fn.value(), tn: tn.value(), fp: fp.value() },
    updates: { tp: tpUpdate, fn: fnUpdate, tn: tnUpdate, fp: fpUpdate },
  };
}
