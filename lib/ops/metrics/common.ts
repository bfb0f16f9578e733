/* What tf.metrics' functions share, as TF1's metrics_impl helpers: metric variables, squeezing, weights, safe division. */
import { Tensor, TensorLike } from '../../framework/tensor';
import { convertToTensor, graphOf } from '../../framework/convert';
import { pyfunc } from '../../framework/python_args';
import { Graph, GraphKeys } from '../../framework/graph';
import { NDArray } from '../../framework/ndarray';
import { DType } from '../../framework/dtypes';
import { Variable } from '../variables';
import { cast, divide, greater, multiply } from '../math_ops';
import { expand_dims, squeeze, where } from '../array_ops';
import { ones_like, zeros_like } from '../shape_ops';
import { checkWeightsBroadcast } from '../weights_broadcast';

/** The keyword arguments every metric takes. */
export interface MetricOptions {
  weights?: TensorLike | null;
  metrics_collections?: string[] | null;
  updates_collections?: string[] | null;
  name?: string | null;
}

/**
 * TF1's metric_variable: a zero-filled float32 local variable, not trainable, in LOCAL_VARIABLES and
 * METRIC_VARIABLES. Its initial value lives in `<name>/Initializer/zeros`, where TF1 puts it.
 */
export function metricVariable(g: Graph, shape: number[], name: string): Variable {
  return g.name_scope(name, (scope) => {
    const zeros = g.create_op('Const', [], { value: NDArray.zeros(shape, 'float32'), dtype: 'float32' }, 'Initializer/zeros').outputs[0];
    // A name ending in '/' re-enters the scope just made, so the variable takes that (unique) name.
    return new Variable(zeros, { trainable: false, collections: [GraphKeys.LOCAL_VARIABLES, GraphKeys.METRIC_VARIABLES], name: scope });
  });
}

export function castTo(x: TensorLike, dtype: DType, g: Graph): Tensor {
  const t = convertToTensor(x, undefined, undefined, g);
  return t.dtype === dtype ? t : cast(t, dtype);
}

function lastDimCanBeOne(t: Tensor): boolean {
  const s = t.shape!;
  return s[s.length - 1] === null || s[s.length - 1] === 1;
}

/**
 * TF1's _remove_squeezable_dimensions, on static ranks: drops a trailing 1 that labels or predictions
 * has beyond the other's rank, checks that the two shapes are compatible, and squeezes or expands the
 * weights by one trailing dimension to the predictions' rank.
 */
export function removeSqueezableDimensions(predictions: Tensor, labels: Tensor | null, weights: Tensor | null):
  { predictions: Tensor; labels: Tensor | null; weights: Tensor | null } {
  if (labels !== null) {
    const pr = predictions.shape?.length, lr = labels.shape?.length;
    if (pr !== undefined && lr !== undefined) {
      if (lr === pr + 1 && lastDimCanBeOne(labels)) labels = squeeze(labels, [-1]);
      else if (pr === lr + 1 && lastDimCanBeOne(predictions)) predictions = squeeze(predictions, [-1]);
    }
    predictions.get_shape().assert_is_compatible_with(labels.get_shape());
  }
  if (weights !== null && weights.shape !== null && weights.shape.length > 0 && predictions.shape !== null) {
    const diff = weights.shape.length - predictions.shape.length;
    if (diff === 1) weights = squeeze(weights, [-1]);
    else if (diff === -1) weights = expand_dims(weights, -1);
  }
  return { predictions, labels, weights };
}

/** TF1's broadcast_weights: float32 weights checked against values (a scalar, or dims of 1 or equal) and given their shape. */
export function broadcastWeights(weights: Tensor, values: Tensor): Tensor {
  const w = castTo(weights, 'float32', values.graph);
  checkWeightsBroadcast(w, values);
  const same = w.shape !== null && values.shape !== null && w.shape.length === values.shape.length &&
    w.shape.every((d, i) => d !== null && d === values.shape![i]);
  return same ? w : multiply(w, ones_like(values));
}

/** numerator / denominator where the denominator is positive, else 0 (TF1's _safe_div in metrics). */
export function safeDiv(numerator: Tensor, denominator: Tensor, name: string): Tensor {
  const quotient = divide(numerator, denominator);
  return where(greater(denominator, 0), quotient, zeros_like(quotient), name);
}

export function addToCollections(g: Graph, collections: string[] | null | undefined, value: Tensor): void {
  for (const c of collections ?? []) g.add_to_collection(c, value);
}

/** Labels, predictions (both cast to bool, squeezable dimensions dropped) and weights, as a bool metric sees them. */
export interface BoolMetricInputs { labels: Tensor; predictions: Tensor; weights: Tensor | null }

/**
 * A tf.metrics function over bool labels and predictions with TF1's parameters
 * (labels, predictions, weights, metrics_collections, updates_collections, name):
 * `build` runs inside the metric's name scope with the prepared inputs.
 */
export function boolMetric(fn: string,
  build: (g: Graph, inputs: BoolMetricInputs, metrics_collections?: string[] | null, updates_collections?: string[] | null) => [Tensor, Tensor]) {
  return pyfunc(fn, ['labels', 'predictions', 'weights', 'metrics_collections', 'updates_collections', 'name'], 2,
    (labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null, metrics_collections?: string[] | null,
      updates_collections?: string[] | null, name?: string | null): [Tensor, Tensor] => {
      const g = graphOf([labels, predictions, weights]);
      return g.name_scope(name ?? fn, () => {
        const s = removeSqueezableDimensions(castTo(predictions, 'bool', g), castTo(labels, 'bool', g),
          weights === null || weights === undefined ? null : convertToTensor(weights, undefined, undefined, g));
        return build(g, { labels: s.labels!, predictions: s.predictions, weights: s.weights }, metrics_collections, updates_collections);
      });
    });
}
