/* tf.metrics.true_positives, false_positives, false_negatives: streaming (weighted) counts of a condition. */
import { Tensor } from '../../framework/tensor';
import { Graph } from '../../framework/graph';
import { cast, equal, logical_and, multiply, reduce_sum } from '../math_ops';
import { identity } from '../array_ops';
import { addToCollections, boolMetric, broadcastWeights, metricVariable } from './common';

/** TF1's _count_condition: a `count` variable that update_op increases by the (weighted) number of true values. */
function countCondition(g: Graph, condition: Tensor, weights: Tensor | null,
  metrics_collections: string[] | null | undefined, updates_collections: string[] | null | undefined): [Tensor, Tensor] {
  const count = metricVariable(g, [], 'count');
  let values = cast(condition, 'float32');
  if (weights !== null) values = multiply(values, broadcastWeights(weights, values));
  const value = identity(count);
  const update = count.assign_add(reduce_sum(values));
  addToCollections(g, metrics_collections, value);
  addToCollections(g, updates_collections, update);
  return [value, update];
}

/** A metric counting where labels equal `label` and predictions equal `prediction` (both cast to bool). */
function conditionCount(fn: string, label: boolean, prediction: boolean) {
  return boolMetric(fn, (g, s, metrics_collections, updates_collections) => {
    const condition = logical_and(equal(s.labels, label), equal(s.predictions, prediction));
    return countCondition(g, condition, s.weights, metrics_collections, updates_collections);
  });
}

/** tf.metrics.true_positives(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None) */
export const true_positives = conditionCount('true_positives', true, true);
/** tf.metrics.false_positives(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None) */
export const false_positives = conditionCount('false_positives', false, true);
/** tf.metrics.false_negatives(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None) */
export const false_negatives = conditionCount('false_negatives', true, false);
