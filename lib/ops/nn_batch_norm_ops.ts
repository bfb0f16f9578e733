/* tf.nn moments, batch_normalization, fused_batch_norm and l2_normalize (TF1 signatures and op names). */
import { Tensor, TensorLike } from '../framework/tensor';
import { convertToTensor, graphOf, NameArg, nameFrom } from '../framework/convert';
import { pyfunc } from '../framework/python_args';
import { add, maximum, multiply, negative, reduce_mean, reduce_sum, rsqrt, square, squared_difference, subtract } from './math_ops';
import { squeeze } from './array_ops';
import { stop_gradient } from './gradients';

type Axes = number | number[];

/**
 * tf.nn.moments(x, axes, shift=None, name=None, keep_dims=None, keepdims=None) -> [mean, variance]
 * over `axes`: `moments/mean` and `moments/variance` = mean((x - mean)²), the mean held
 * constant there (StopGradient) as TF1 does; `shift` is accepted and unused, as in TF1.
 * Without keep_dims the reduced dimensions are squeezed away.
 */
export const moments = pyfunc('moments', ['x', 'axes', 'shift', 'name', 'keep_dims', 'keepdims'], 2,
  function moments(x: TensorLike, axes: Axes, _shift?: TensorLike | null, name?: NameArg, keep_dims?: boolean | null,
  keepdims?: boolean | null): [Tensor, Tensor] {
  const keep = keepdims ?? keep_dims ?? false;
  const g = graphOf([x]);
  return g.name_scope(nameFrom(name) ?? 'moments', () => {
    const y = convertToTensor(x, undefined, undefined, g);
    const list = Array.isArray(axes) ? axes : [axes];
    let mean = reduce_mean(y, list, true, 'mean');
    let variance = reduce_mean(squared_difference(y, stop_gradient(mean)), list, true, 'variance');
    if (!keep) {
      mean = squeeze(mean, list);
      variance = squeeze(variance, list);
    }
    return [mean, variance];
  });
});

/**
 * tf.nn.batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
 * x·inv + (offset - mean·inv) with inv = rsqrt(variance + variance_epsilon)·scale, all
 * broadcasting; offset and scale may be null (0 and 1). Ops under `batchnorm/`.
 */
export const batch_normalization = pyfunc('batch_normalization',
  ['x', 'mean', 'variance', 'offset', 'scale', 'variance_epsilon', 'name'], 6,
  function batch_normalization(x: TensorLike, mean: TensorLike, variance: TensorLike, offset: TensorLike | null,
  scale: TensorLike | null, variance_epsilon: number, name?: NameArg): Tensor {
  const g = graphOf([x, mean, variance, ...(offset === null ? [] : [offset]), ...(scale === null ? [] : [scale])]);
  return g.name_scope(nameFrom(name) ?? 'batchnorm', () => {
    let inv = rsqrt(add(variance, variance_epsilon));
    if (scale !== null) inv = multiply(inv, scale);
    const shift = offset !== null ? subtract(offset, multiply(mean, inv)) : multiply(negative(mean), inv);
    return add(multiply(x, inv), shift);
  });
});

/** cuDNN's smallest epsilon; TF1's fused_batch_norm raises smaller ones to it on every device. */
const MIN_EPSILON = 1.001e-5;

/**
 * tf.nn.fused_batch_norm(x, scale, offset, mean=None, variance=None, epsilon=0.001,
 * data_format='NHWC', is_training=True, name=None) -> [y, batch_mean, batch_variance]:
 * one FusedBatchNorm op on a 4-D x. In training batch_variance is the unbiased batch
 * variance (normalizing uses the biased one); in inference mean and variance are
 * required and y uses them.
 */
export const fused_batch_norm = pyfunc('fused_batch_norm',
  ['x', 'scale', 'offset', 'mean', 'variance', 'epsilon', 'data_format', 'is_training', 'name'], 3,
  function fused_batch_norm(x: TensorLike, scale: TensorLike, offset: TensorLike, mean?: TensorLike | null,
  variance?: TensorLike | null, epsilon?: number | null, data_format?: string | null, is_training?: boolean | null,
  name?: NameArg): [Tensor, Tensor, Tensor] {
  const g = graphOf([x, scale, offset]);
  const xt = convertToTensor(x, undefined, 'input', g);
  const st = convertToTensor(scale, undefined, 'scale', g);
  const ot = convertToTensor(offset, undefined, 'offset', g);
  // TF1 passes empty vectors when none are given; in inference the shape check then refuses them.
  const m = convertToTensor(mean ?? new Float32Array(0), undefined, undefined, g);
  const v = convertToTensor(variance ?? new Float32Array(0), undefined, undefined, g);
  const eps = Math.max(epsilon ?? 0.001, MIN_EPSILON);
  const op = g.create_op('FusedBatchNorm', [xt, st, ot, m, v],
    { epsilon: eps, data_format: data_format ?? 'NHWC', is_training: is_training ?? true }, nameFrom(name) ?? 'FusedBatchNorm');
  return [op.outputs[0], op.outputs[1], op.outputs[2]];
});

/**
 * tf.nn.l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
 * x / sqrt(max(sum(x², axis), epsilon)), the last op named after the scope.
 */
export const l2_normalize = pyfunc('l2_normalize', ['x', 'axis', 'epsilon', 'name', 'dim'], 1,
  function l2_normalize(x: TensorLike, axis?: Axes | null, epsilon?: number | null, name?: NameArg, dim?: Axes | null): Tensor {
  const g = graphOf([x]);
  return g.name_scope(nameFrom(name) ?? 'l2_normalize', (scope) => {
    const xt = convertToTensor(x, undefined, 'x', g);
    const squareSum = reduce_sum(square(xt), axis ?? dim ?? null, true);
    const invNorm = rsqrt(maximum(squareSum, epsilon ?? 1e-12));
    return multiply(xt, invNorm, scope);
  });
});
