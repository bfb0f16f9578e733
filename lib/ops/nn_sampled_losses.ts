/* tf.nn.nce_loss and tf.nn.sampled_softmax_loss over TF1's _compute_sampled_logits. */
import { Tensor, TensorLike } from '../framework/tensor';
import { convertToTensor, graphOf, NameArg, nameFrom } from '../framework/convert';
import { pyfunc } from '../framework/python_args';
import { ValueError } from '../framework/errors';
import type { Graph } from '../framework/graph';
import type { Variable } from './variables';
import { embedding_lookup } from './embedding_ops';
import { concat, expand_dims, slice } from './array_ops';
import { reshape, shape, ones_like, zeros_like } from './shape_ops';
import { add, cast, divide, log, matmul, maximum, multiply, reduce_sum, subtract } from './math_ops';
import { stop_gradient } from './gradients';
import { scatter_nd } from './gather_ops';
import { sigmoid_cross_entropy_with_logits, softmax_cross_entropy_with_logits_v2 } from './nn_loss_ops';
import { compute_accidental_hits, log_uniform_candidate_sampler, SampledValues } from './candidate_sampling_ops';

type Weights = TensorLike | Variable | (TensorLike | Variable)[];

const FLT_MAX = 3.4028234663852886e38;

interface SampledLogitsArgs {
  weights: Weights; biases: TensorLike | Variable; labels: TensorLike; inputs: TensorLike;
  num_sampled: number; num_classes: number; num_true: number; sampled_values: SampledValues | null | undefined;
  remove_accidental_hits: boolean; partition_strategy: string; seed?: number | null;
}

const int32 = (v: number[], g: Graph) => convertToTensor(Int32Array.from(v), 'int32', undefined, g);

/**
 * TF1's _compute_sampled_logits: [logits, labels] of shape [batch, num_true + num_sampled]. The true
 * and sampled classes' rows of weights and biases come from one embedding_lookup (so their gradient
 * touches only those rows); each logit has log(expected count) subtracted, TF1's "subtract_log_q".
 */
function sampledLogits(a: SampledLogitsArgs, g: Graph): [Tensor, Tensor] {
  const numTrue = a.num_true;
  if (!Number.isInteger(numTrue) || numTrue < 1) throw new ValueError(`num_true must be a positive integer, got ${numTrue}`);
  let labels = convertToTensor(a.labels, Array.isArray(a.labels) ? 'int64' : undefined, 'labels', g);
  if (labels.dtype !== 'int64') labels = cast(labels, 'int64');
  const inputs = convertToTensor(a.inputs as TensorLike, 'float32', 'inputs', g);
  const labelsFlat = reshape(labels, [-1]);
  const sampledValues = a.sampled_values ?? log_uniform_candidate_sampler({
    true_classes: labels, num_true: numTrue, num_sampled: a.num_sampled, unique: true, range_max: a.num_classes, seed: a.seed,
  });
  const [sampledRaw, trueExpected, sampledExpected] = sampledValues.map((s) => stop_gradient(s));
  const sampled = sampledRaw.dtype === 'int64' ? sampledRaw : cast(sampledRaw, 'int64');
  const allIds = concat([labelsFlat, sampled], 0);
  const numFlat = shape(labelsFlat);
  const allW = embedding_lookup(a.weights, allIds, { partition_strategy: a.partition_strategy });
  const trueW = slice(allW, [0, 0], concat([numFlat, int32([-1], g)], 0));
  const sampledW = slice(allW, concat([numFlat, int32([0], g)], 0), [-1, -1]);
  let sampledLogit = matmul(inputs, sampledW, { transpose_b: true });
  const allB = embedding_lookup(a.biases as Weights, allIds, { partition_strategy: a.partition_strategy });
  const trueB = slice(allB, [0], numFlat);
  const sampledB = slice(allB, numFlat, [-1]);
  const dim = slice(shape(trueW), [1], [1]);
  // Each example's input dotted with each of its num_true rows.
  const rowDots = multiply(expand_dims(inputs, 1), reshape(trueW, concat([int32([-1, numTrue], g), dim], 0)));
  const dots = reshape(rowDots, concat([int32([-1], g), dim], 0));
  let trueLogit = add(reshape(reduce_sum(dots, 1), [-1, numTrue]), reshape(trueB, [-1, numTrue]));
  sampledLogit = add(sampledLogit, sampledB);
  if (a.remove_accidental_hits) {
    const [accIndices, accIds, accWeights] = compute_accidental_hits(labels, sampled, { num_true: numTrue });
    const sparseIndices = concat([reshape(accIndices, [-1, 1]), reshape(cast(accIds, 'int32'), [-1, 1])], 1, 'sparse_indices');
    const logitsShape = concat([slice(shape(labels), [0], [1]), int32([a.num_sampled], g)], 0);
    // scatter_nd adds a class listed twice in one row's true classes; the floor keeps that -FLT_MAX, not -inf.
    const hits = maximum(scatter_nd(sparseIndices, accWeights, logitsShape), convertToTensor(-FLT_MAX, 'float32', undefined, g));
    sampledLogit = add(sampledLogit, hits);
  }
  trueLogit = subtract(trueLogit, log(trueExpected));
  sampledLogit = subtract(sampledLogit, log(sampledExpected));
  const outLogits = concat([trueLogit, sampledLogit], 1);
  const outLabels = concat([divide(ones_like(trueLogit), convertToTensor(numTrue, 'float32', undefined, g)), zeros_like(sampledLogit)], 1);
  return [outLogits, outLabels];
}

const PARAMS = ['weights', 'biases', 'labels', 'inputs', 'num_sampled', 'num_classes', 'num_true', 'sampled_values',
  'remove_accidental_hits', 'partition_strategy', 'name'];

/**
 * tf.nn.nce_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1, sampled_values=None,
 * remove_accidental_hits=False, partition_strategy='mod', name='nce_loss'): per example, the summed logistic
 * losses of its true classes (label 1/num_true) and num_sampled classes drawn by the log-uniform sampler (label 0).
 * weights [num_classes, dim] (or a list of partitions), biases [num_classes], labels [batch, num_true], inputs [batch, dim].
 */
export const nce_loss = pyfunc('nce_loss', PARAMS, 6, function nce_loss(weights: Weights, biases: TensorLike | Variable, labels: TensorLike,
  inputs: TensorLike, num_sampled: number, num_classes: number, num_true?: number, sampled_values?: SampledValues | null,
  remove_accidental_hits?: boolean, partition_strategy?: string, name?: NameArg): Tensor {
  const g = graphOf([...(Array.isArray(weights) ? weights : [weights]), biases, labels, inputs]);
  return g.name_scope(nameFrom(name) ?? 'nce_loss', () => {
    const [logits, targets] = sampledLogits({
      weights, biases, labels, inputs, num_sampled, num_classes, num_true: num_true ?? 1, sampled_values,
      remove_accidental_hits: remove_accidental_hits ?? false, partition_strategy: partition_strategy ?? 'mod',
    }, g);
    const losses = sigmoid_cross_entropy_with_logits({ labels: targets, logits, name: 'sampled_losses' });
    return reduce_sum(losses, 1);
  });
});

/**
 * tf.nn.sampled_softmax_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1, sampled_values=None,
 * remove_accidental_hits=True, partition_strategy='mod', name='sampled_softmax_loss', seed=None): per example, the softmax
 * cross entropy over its true classes and the sampled ones, accidental hits of a true class among the samples removed.
 */
export const sampled_softmax_loss = pyfunc('sampled_softmax_loss', [...PARAMS, 'seed'], 6,
  function sampled_softmax_loss(weights: Weights, biases: TensorLike | Variable, labels: TensorLike, inputs: TensorLike,
    num_sampled: number, num_classes: number, num_true?: number, sampled_values?: SampledValues | null,
    remove_accidental_hits?: boolean, partition_strategy?: string, name?: NameArg, seed?: number | null): Tensor {
    const g = graphOf([...(Array.isArray(weights) ? weights : [weights]), biases, labels, inputs]);
    return g.name_scope(nameFrom(name) ?? 'sampled_softmax_loss', () => {
      const [logits, targets] = sampledLogits({
        weights, biases, labels, inputs, num_sampled, num_classes, num_true: num_true ?? 1, sampled_values,
        remove_accidental_hits: remove_accidental_hits ?? true, partition_strategy: partition_strategy ?? 'mod', seed,
      }, g);
      return softmax_cross_entropy_with_logits_v2({ labels: stop_gradient(targets, 'labels_stop_gradient'), logits });
    });
  });
