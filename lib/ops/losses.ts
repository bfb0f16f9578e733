/* tf.losses: sparse_softmax_cross_entropy, softmax_cross_entropy, mean_squared_error, and the weighting they share. */
import { Tensor, TensorLike } from '../framework/tensor';
import { convertToTensor, graphOf } from '../framework/convert';
import { Graph, GraphKeys } from '../framework/graph';
import { NDArray, formatShape, sizeOf } from '../framework/ndarray';
import { ValueError } from '../framework/errors';
import { add, add_n, cast, divide, maximum, multiply, not_equal, reduce_sum, square, subtract } from './math_ops';
import { ones_like, size } from './shape_ops';
import { squeeze } from './array_ops';
import { stop_gradient } from './gradients';
import { softmax_cross_entropy_with_logits_v2, sparse_softmax_cross_entropy_with_logits } from './nn_loss_ops';
import { bindArgs, pyfunc } from '../framework/python_args';
import { isFullyKnown } from './gradient_utils';
import { checkWeightsBroadcast } from './weights_broadcast';

/** How a loss tensor of per-example values becomes the scalar (or not) that is returned. */
export const Reduction = {
  /** Keep the weighted per-example losses. */
  NONE: 'none',
  /** Sum of the weighted losses. */
  SUM: 'weighted_sum',
  /** Sum divided by the number of elements of the losses. */
  SUM_OVER_BATCH_SIZE: 'weighted_sum_over_batch_size',
  /** Sum divided by the sum of the weights. */
  MEAN: 'weighted_mean',
  /** Sum divided by the number of non-zero weights: the mean over the batch for weights 1 (the default). */
  SUM_BY_NONZERO_WEIGHTS: 'weighted_sum_by_nonzero_weights',
  SUM_OVER_NONZERO_WEIGHTS: 'weighted_sum_by_nonzero_weights',
  all(): string[] {
    return ['none', 'weighted_sum', 'weighted_sum_over_batch_size', 'weighted_mean', 'weighted_sum_by_nonzero_weights'];
  },
  validate(key: unknown): void {
    if (typeof key !== 'string' || !Reduction.all().includes(key)) throw new ValueError(`Invalid Reduction Key ${String(key)}.`);
  },
} as const;


type Weights = TensorLike;

function constantFloat(g: Graph, value: number, name: string): Tensor {
  return g.create_op('Const', [], { value: NDArray.scalar(value, 'float32'), dtype: 'float32' }, name).outputs[0];
}

function toFloat(x: TensorLike, g: Graph): Tensor {
  const t = convertToTensor(x, 'float32', undefined, g);
  return t.dtype === 'float32' ? t : cast(t, 'float32');
}

/** The number of elements of `losses` as a float32 scalar: a constant when the shape is static. */
function numElements(losses: Tensor): Tensor {
  if (isFullyKnown(losses.shape)) return constantFloat(losses.graph, sizeOf(losses.shape), 'num_elements');
  return cast(size(losses), 'float32', 'num_elements');
}

/** How many losses have a non-zero weight (TF1's _num_present). */
function numPresent(losses: Tensor, weights: Weights | null): Tensor {
  if (weights === null || (typeof weights === 'number' && weights !== 0)) return numElements(losses);
  const w = toFloat(weights, losses.graph);
  const present = cast(not_equal(w, 0), 'float32');
  return reduce_sum(multiply(present, ones_like(losses)), null, false, 'num_present');
}

/** total / count, 0 when count is 0 (counts are non-negative integers, so max(count, 1) is TF1's div_no_nan). */
function divideByCount(total: Tensor, count: Tensor): Tensor {
  return divide(total, maximum(count, 1), 'value');
}

/** total / denominator, 0 when the denominator is not positive (TF1's safe division for weight sums). */
function safeDivide(total: Tensor, denominator: Tensor): Tensor {
  const positive = cast(not_equal(maximum(denominator, 0), 0), 'float32');
  const safeDen = add(multiply(denominator, positive), subtract(1, positive));
  return multiply(divide(total, safeDen), positive, 'value');
}

/**
 * tf.losses.compute_weighted_loss(losses, weights=1.0, scope, loss_collection=LOSSES,
 * reduction=SUM_BY_NONZERO_WEIGHTS): weights the per-example losses, reduces them, and
 * adds the result to loss_collection (null adds it nowhere).
 */
export function compute_weighted_loss(...args: unknown[]): Tensor {
  const a = bindArgs<{ losses: TensorLike; weights: Weights; scope: string | null; loss_collection: string | null; reduction: string }>(
    'compute_weighted_loss', args, ['losses', 'weights', 'scope', 'loss_collection', 'reduction'],
    { weights: 1.0, scope: null, loss_collection: GraphKeys.LOSSES, reduction: Reduction.SUM_BY_NONZERO_WEIGHTS }, 1);
  const losses = a.losses;
  Reduction.validate(a.reduction);
  const g = graphOf([losses, a.weights]);
  return g.name_scope(a.scope ?? 'weighted_loss', () => {
    const values = toFloat(losses, g);
    // Weights of exactly 1 (the default) change nothing: skip the multiply.
    const weights = a.weights === 1 ? null : toFloat(a.weights, g);
    if (weights) checkWeightsBroadcast(weights, values);
    const weighted = weights ? multiply(values, weights) : values;
    let loss: Tensor;
    if (a.reduction === Reduction.NONE) {
      loss = weighted;
    } else {
      const total = reduce_sum(weighted);
      if (a.reduction === Reduction.SUM) loss = total;
      else if (a.reduction === Reduction.MEAN) loss = safeDivide(total, weights ? reduce_sum(multiply(ones_like(values), weights)) : numElements(values));
      else if (a.reduction === Reduction.SUM_OVER_BATCH_SIZE) loss = divideByCount(total, numElements(values));
      else loss = divideByCount(total, numPresent(values, weights === null ? null : a.weights));
    }
    add_loss(loss, a.loss_collection);
    return loss;
  });
}

interface LossArgs { weights: Weights; scope: string | null; loss_collection: string | null; reduction: string }
const LOSS_DEFAULTS = { weights: 1.0, scope: null, loss_collection: GraphKeys.LOSSES, reduction: Reduction.SUM_BY_NONZERO_WEIGHTS };

function required(value: unknown, what: string, fn: string): void {
  if (value === undefined || value === null) throw new ValueError(`${fn}: ${what} must not be None.`);
}

function checkCompatible(a: Tensor, b: Tensor, fn: string, what: string): void {
  const x = a.shape, y = b.shape;
  if (x === null || y === null) return;
  if (x.length !== y.length || x.some((d, i) => d !== null && y[i] !== null && d !== y[i])) {
    throw new ValueError(`${fn}: Shapes ${formatShape(x)} and ${formatShape(y)} are incompatible (${what})`);
  }
}

/**
 * tf.losses.sparse_softmax_cross_entropy(labels, logits, weights=1.0, scope, loss_collection,
 * reduction), also called with one options object: the weighted mean (by default) of
 * tf.nn.sparse_softmax_cross_entropy_with_logits, added to the LOSSES collection.
 */
export function sparse_softmax_cross_entropy(...args: unknown[]): Tensor {
  const fn = 'sparse_softmax_cross_entropy';
  const a = bindArgs<LossArgs & { labels: TensorLike; logits: TensorLike }>(fn, args,
    ['labels', 'logits', 'weights', 'scope', 'loss_collection', 'reduction'], LOSS_DEFAULTS);
  required(a.labels, 'labels', fn);
  required(a.logits, 'logits', fn);
  const g = graphOf([a.logits, a.labels, a.weights]);
  return g.name_scope(a.scope ?? 'sparse_softmax_cross_entropy_loss', (scope) => {
    const logits = convertToTensor(a.logits, 'float32', undefined, g);
    let labels: TensorLike = a.labels;
    // Labels of shape [batch, 1] for logits [batch, classes]: drop the 1, as TF1 does.
    if (labels instanceof Tensor && labels.shape !== null && logits.shape !== null &&
      labels.shape.length === logits.shape.length && labels.shape[labels.shape.length - 1] === 1) {
      labels = squeeze(labels, [-1]);
    }
    const losses = sparse_softmax_cross_entropy_with_logits({ labels, logits, name: 'xentropy' });
    return compute_weighted_loss(losses, a.weights, scope, a.loss_collection, a.reduction);
  });
}

/**
 * tf.losses.softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, scope,
 * loss_collection, reduction): the weighted mean (by default) of the dense cross-entropy.
 * No gradient flows into the labels. label_smoothing mixes the labels with the uniform distribution.
 */
export function softmax_cross_entropy(...args: unknown[]): Tensor {
  const fn = 'softmax_cross_entropy';
  const a = bindArgs<LossArgs & { onehot_labels: TensorLike; logits: TensorLike; label_smoothing: number }>(fn, args,
    ['onehot_labels', 'logits', 'weights', 'label_smoothing', 'scope', 'loss_collection', 'reduction'],
    { ...LOSS_DEFAULTS, label_smoothing: 0 });
  required(a.onehot_labels, 'onehot_labels', fn);
  required(a.logits, 'logits', fn);
  const g = graphOf([a.logits, a.onehot_labels, a.weights]);
  return g.name_scope(a.scope ?? 'softmax_cross_entropy_loss', (scope) => {
    const logits = convertToTensor(a.logits, 'float32', undefined, g);
    let labels = toFloat(a.onehot_labels, g);
    checkCompatible(logits, labels, fn, 'logits and onehot_labels');
    if (a.label_smoothing > 0) {
      const classes = labels.shape !== null ? labels.shape[labels.shape.length - 1] : null;
      // Unknown class count: count each row's entries instead of reading it from the shape.
      const negatives = classes !== null ? a.label_smoothing / classes
        : divide(a.label_smoothing, reduce_sum(ones_like(labels), -1, true));
      labels = add(multiply(labels, 1 - a.label_smoothing), negatives);
    }
    labels = stop_gradient(labels, 'labels_stop_gradient');
    const losses = softmax_cross_entropy_with_logits_v2({ labels, logits, name: 'xentropy' });
    return compute_weighted_loss(losses, a.weights, scope, a.loss_collection, a.reduction);
  });
}

/**
 * tf.losses.mean_squared_error(labels, predictions, weights=1.0, scope, loss_collection,
 * reduction): the weighted mean (by default) of (predictions - labels)^2.
 */
export function mean_squared_error(...args: unknown[]): Tensor {
  const fn = 'mean_squared_error';
  const a = bindArgs<LossArgs & { labels: TensorLike; predictions: TensorLike }>(fn, args,
    ['labels', 'predictions', 'weights', 'scope', 'loss_collection', 'reduction'], LOSS_DEFAULTS);
  required(a.labels, 'labels', fn);
  required(a.predictions, 'predictions', fn);
  const g = graphOf([a.predictions, a.labels, a.weights]);
  return g.name_scope(a.scope ?? 'mean_squared_error', (scope) => {
    const predictions = toFloat(a.predictions, g);
    const labels = toFloat(a.labels, g);
    checkCompatible(predictions, labels, fn, 'predictions and labels');
    const losses = square(subtract(predictions, labels));
    return compute_weighted_loss(losses, a.weights, scope, a.loss_collection, a.reduction);
  });
}

/** tf.losses.add_loss(loss, loss_collection=LOSSES); null adds it nowhere. */
export const add_loss = pyfunc('add_loss', ['loss', 'loss_collection'], 1,
  function add_loss(loss: Tensor, loss_collection: string | null = GraphKeys.LOSSES): void {
  if (loss_collection) loss.graph.add_to_collection(loss_collection, loss);
});


function inScope<T extends Tensor>(items: T[], scope?: string | null): T[] {
  if (!scope) return items;
  const re = new RegExp('^' + scope);
  return items.filter((t) => re.test(t.name));
}

/** tf.losses.get_losses(scope?, loss_collection=LOSSES) */
export const get_losses = pyfunc('get_losses', ['scope', 'loss_collection'], 0,
  function get_losses(scope?: string | null, loss_collection?: string | null): Tensor[] {
  return inScope(graphOf([]).get_collection<Tensor>(loss_collection ?? GraphKeys.LOSSES), scope);
});

/** tf.losses.get_regularization_losses(scope?) */
export const get_regularization_losses = pyfunc('get_regularization_losses', ['scope'], 0,
  function get_regularization_losses(scope?: string | null): Tensor[] {
  return get_losses(scope, GraphKeys.REGULARIZATION_LOSSES);
});

/** tf.losses.get_regularization_loss(scope?, name='total_regularization_loss'): their sum, or a Const 0.0 (TF1 does not name it). */
export const get_regularization_loss = pyfunc('get_regularization_loss', ['scope', 'name'], 0,
  function get_regularization_loss(scope?: string | null, name = 'total_regularization_loss'): Tensor {
  const losses = get_regularization_losses(scope);
  if (losses.length === 0) return constantFloat(graphOf([]), 0, 'Const');
  return add_n(losses, name);
});

/** tf.losses.get_total_loss(add_regularization_losses=true, name='total_loss'): the sum of the collected losses. */
export const get_total_loss = pyfunc('get_total_loss', ['add_regularization_losses', 'name', 'scope'], 0,
  function get_total_loss(add_regularization_losses = true, name = 'total_loss', scope?: string | null): Tensor {
  const losses = get_losses(scope);
  if (add_regularization_losses) losses.push(...get_regularization_losses(scope));
  if (losses.length === 0) throw new ValueError('get_total_loss: no losses found in the LOSSES (or regularization) collection.');
  return add_n(losses, name);
});
