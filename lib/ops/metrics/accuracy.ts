/* tf.metrics.accuracy: how often predictions equal labels, as a streaming (weighted) mean. */
import { Tensor, TensorLike } from '../../framework/tensor';
import { convertToTensor, graphOf } from '../../framework/convert';
import { pyfunc } from '../../framework/python_args';
import { cast, equal } from '../math_ops';
import { removeSqueezableDimensions } from './common';
import { streamingMean } from './mean';

/**
 * tf.metrics.accuracy(labels, predictions, weights=None, metrics_collections=None, updates_collections=None,
 * name=None): [accuracy, update_op]. As TF1, the comparison is built before the metric's scope, and
 * predictions are cast to the labels' dtype.
 */
export const accuracy = pyfunc('accuracy', ['labels', 'predictions', 'weights', 'metrics_collections', 'updates_collections', 'name'], 2,
  (labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null, metrics_collections?: string[] | null,
    updates_collections?: string[] | null, name?: string | null): [Tensor, Tensor] => {
    const g = graphOf([labels, predictions, weights]);
    const squeezed = removeSqueezableDimensions(convertToTensor(predictions, undefined, undefined, g),
      convertToTensor(labels, undefined, undefined, g), weights === null || weights === undefined ? null : convertToTensor(weights, undefined, undefined, g));
    const l = squeezed.labels!;
    const p = squeezed.predictions.dtype === l.dtype ? squeezed.predictions : cast(squeezed.predictions, l.dtype);
    const isCorrect = cast(equal(p, l), 'float32');
    return g.name_scope(name ?? 'accuracy', () => streamingMean(g, isCorrect, squeezed.weights, metrics_collections, updates_collections));
  });
