/* tf.metrics.mean: the streaming (weighted) mean of values. */
import { Tensor, TensorLike } from '../../framework/tensor';
import { convertToTensor, graphOf } from '../../framework/convert';
import { Graph } from '../../framework/graph';
import { pyfunc } from '../../framework/python_args';
import { cast, multiply, reduce_sum } from '../math_ops';
import { size } from '../shape_ops';
import { addToCollections, broadcastWeights, castTo, metricVariable, removeSqueezableDimensions, safeDiv } from './common';

/**
 * The mean's variables and ops inside the current scope of g: total += sum(values * weights),
 * count += sum(weights) (or the number of values), and total / count read or updated.
 */
export function streamingMean(g: Graph, valuesLike: TensorLike, weightsLike: TensorLike | null | undefined,
  metrics_collections: string[] | null | undefined, updates_collections: string[] | null | undefined): [Tensor, Tensor] {
  let values = castTo(valuesLike, 'float32', g);
  const total = metricVariable(g, [], 'total');
  const count = metricVariable(g, [], 'count');
  let numValues: Tensor;
  if (weightsLike === null || weightsLike === undefined) {
    numValues = cast(size(values), 'float32');
  } else {
    const squeezed = removeSqueezableDimensions(values, null, convertToTensor(weightsLike, undefined, undefined, g));
    values = squeezed.predictions;
    const weights = broadcastWeights(squeezed.weights!, values);
    values = multiply(values, weights);
    numValues = reduce_sum(weights);
  }
  const updateTotal = total.assign_add(reduce_sum(values));
  const updateCount = count.assign_add(numValues);
  const value = safeDiv(total.value(), count.value(), 'value');
  const update = safeDiv(updateTotal, updateCount, 'update_op');
  addToCollections(g, metrics_collections, value);
  addToCollections(g, updates_collections, update);
  return [value, update];
}

/**
 * tf.metrics.mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
 * [mean_value, update_op], both total / count (0 before any update); update_op adds a batch first.
 */
export const mean = pyfunc('mean', ['values', 'weights', 'metrics_collections', 'updates_collections', 'name'], 1,
  (values: TensorLike, weights?: TensorLike | null, metrics_collections?: string[] | null,
    updates_collections?: string[] | null, name?: string | null): [Tensor, Tensor] => {
    const g = graphOf([values, weights]);
    return g.name_scope(name ?? 'mean', () => streamingMean(g, values, weights, metrics_collections, updates_collections));
  });
