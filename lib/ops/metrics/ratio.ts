/* The ratio metrics tp / (tp + other count): tf.metrics.precision and tf.metrics.recall. */
import { Tensor, TensorLike } from '../../framework/tensor';
import { convertToTensor, graphOf } from '../../framework/convert';
import { pyfunc } from '../../framework/python_args';
import { add } from '../math_ops';
import { addToCollections, castTo, removeSqueezableDimensions, safeDiv } from './common';
import { true_positives } from './counts';

export type CountMetric = typeof true_positives;

/** tp / (tp + other), 0 while tp + other is 0, from the true positives and the other count (TF1's layout and names). */
export function ratioMetric(fn: string, otherCount: CountMetric) {
  return pyfunc(fn, ['labels', 'predictions', 'weights', 'metrics_collections', 'updates_collections', 'name'], 2,
    (labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null, metrics_collections?: string[] | null,
      updates_collections?: string[] | null, name?: string | null): [Tensor, Tensor] => {
      const g = graphOf([labels, predictions, weights]);
      return g.name_scope(name ?? fn, () => {
        const s = removeSqueezableDimensions(castTo(predictions, 'bool', g), castTo(labels, 'bool', g),
          weights === null || weights === undefined ? null : convertToTensor(weights, undefined, undefined, g));
        const [tp, tpUpdate] = true_positives(s.labels!, s.predictions, s.weights);
        const [other, otherUpdate] = otherCount(s.labels!, s.predictions, s.weights);
        const value = safeDiv(tp, add(tp, other), 'value');
        const update = safeDiv(tpUpdate, add(tpUpdate, otherUpdate), 'update_op');
        addToCollections(g, metrics_collections, value);
        addToCollections(g, updates_collections, update);
        return [value, update];
      });
    });
}

