/* The ratio metrics tp / (tp + other count): tf.metrics.precision and tf.metrics.recall. */
import { add } from '../math_ops';
import { addToCollections, boolMetric, safeDiv } from './common';
import { true_positives } from './counts';

export type CountMetric = typeof true_positives;

/** tp / (tp + other), 0 while tp + other is 0, from the true positives and the other count (TF1's layout and names). */
export function ratioMetric(fn: string, otherCount: CountMetric) {
  return boolMetric(fn, (g, s, metrics_collections, updates_collections) => {
    const [tp, tpUpdate] = true_positives(s.labels, s.predictions, s.weights);
    const [other, otherUpdate] = otherCount(s.labels, s.predictions, s.weights);
    const value = safeDiv(tp, add(tp, other), 'value');
    const update = safeDiv(tpUpdate, add(tpUpdate, otherUpdate), 'update_op');
    addToCollections(g, metrics_collections, value);
    addToCollections(g, updates_collections, update);
    return [value, update];
  });
}
