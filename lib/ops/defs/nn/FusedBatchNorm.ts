import type { OpSpec } from '../../register_op';
import type { Operation } from '../../../framework/operation';
import type { Tensor } from '../../../framework/tensor';
import type { StaticShape, TensorSpec } from '../../../registry/op_registry';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { add, multiply, rsqrt, subtract, reduce_mean, reduce_sum } from '../../math_ops';
import { reshape } from '../../shape_ops';
import { requireRank } from '../conv/window_attrs';
import { FLOATS, typeAttr } from '../type_attrs';

/*
 * FusedBatchNorm (kernel: kernels/cpu/FusedBatchNorm.ts): batch normalization of a 4-D
 * x per channel. Training: normalizes by the batch's mean and biased variance and
 * outputs the mean and the unbiased (n/(n-1)) variance, for the moving averages;
 * reserve_space_1/2 keep the mean and the biased variance for the gradient. Inference:
 * normalizes by the given mean and variance and passes them through.
 */

/** The index of the channel dimension. */
export function channelAxis(dataFormat: string): number {
  return dataFormat === 'NCHW' ? 1 : 3;
}

/** TF's Merge of one per-channel vector's length with the channel count seen so far. */
function mergeChannels(channels: number | null, spec: TensorSpec, opName: string, inputs: TensorSpec[]): number | null {
  requireRank(spec.shape, 1, 'FusedBatchNorm', opName, inputs);
  const n = spec.shape?.[0] ?? null;
  if (channels !== null && n !== null && channels !== n) {
    throw new ValueError(`Dimensions must be equal, but are ${channels} and ${n} for '${opName}' (op: 'FusedBatchNorm') ` +
      `with input shapes: ${inputs.map((s) => shapeToString(s.shape)).join(', ')}.`);
  }
  return channels ?? n;
}

export const FusedBatchNorm: OpSpec = {
  name: 'FusedBatchNorm',
  inputs: [
    { name: 'x', type_attr: 'T' }, { name: 'scale', type_attr: 'T' }, { name: 'offset', type_attr: 'T' },
    { name: 'mean', type_attr: 'T' }, { name: 'variance', type_attr: 'T' },
  ],
  outputs: [
    { name: 'y', type_attr: 'T' }, { name: 'batch_mean', type_attr: 'T' }, { name: 'batch_variance', type_attr: 'T' },
    { name: 'reserve_space_1', type_attr: 'T' }, { name: 'reserve_space_2', type_attr: 'T' },
  ],
  attrs: {
    T: typeAttr(FLOATS),
    epsilon: { type: 'float', default: 0.0001 },
    data_format: { type: 'string', default: 'NHWC', allowed_values: ['NHWC', 'NCHW'] },
    is_training: { type: 'bool', default: true },
  },
  shape: (inputs, attrs, opName) => {
    const [x, scale, offset, mean, variance] = inputs;
    if (!Number.isFinite(attrs.epsilon) || attrs.epsilon < 0) {
      throw new ValueError(`FusedBatchNorm '${opName}': epsilon must be a finite number >= 0, got ${attrs.epsilon}`);
    }
    requireRank(x.shape, 4, 'FusedBatchNorm', opName, inputs);
    let channels: number | null = x.shape?.[channelAxis(attrs.data_format)] ?? null;
    // In training the mean and variance inputs are unused (TF1 passes empty vectors).
    const perChannel = attrs.is_training ? [scale, offset] : [scale, offset, mean, variance];
    for (const spec of perChannel) channels = mergeChannels(channels, spec, opName, inputs);
    const vector: StaticShape = [channels];
    return [{ shape: x.shape }, ...Array.from({ length: 4 }, () => ({ shape: vector }))];
  },
  gradient: fusedBatchNormGradient,
};

/**
 * The gradient with respect to x, scale and offset from y's gradient, composed from
 * primitive ops so every backend runs it (and it differentiates again). With
 * x̂ = (x - μ)·rsqrt(σ² + ε): doffset = Σdy, dscale = Σdy·x̂ over all but the channel
 * dimension; in training μ and σ² depend on x, which gives
 * dx = scale·rsqrt(σ² + ε)·(dy - mean(dy) - x̂·mean(dy·x̂)); in inference
 * dx = scale·rsqrt(σ² + ε)·dy. As TF1, gradients reaching batch_mean and
 * batch_variance are not propagated, nor any to the mean and variance inputs.
 */
function fusedBatchNormGradient(op: Operation, [dy]: (Tensor | null)[]): (Tensor | null)[] {
  if (!dy) return [null, null, null, null, null];
  const [x, scale] = op.inputs;
  const training = op.attrs.is_training as boolean;
  const [mean, variance] = training ? [op.outputs[3], op.outputs[4]] : [op.inputs[3], op.inputs[4]];
  const nchw = op.attrs.data_format === 'NCHW';
  const axes = nchw ? [0, 2, 3] : [0, 1, 2];
  const broadcast = (v: Tensor) => (nchw ? reshape(v, [-1, 1, 1]) : v);
  const inv = rsqrt(add(variance, op.attrs.epsilon as number));
  const xHat = multiply(subtract(x, broadcast(mean)), broadcast(inv));
  const dOffset = reduce_sum(dy, axes);
  const dScale = reduce_sum(multiply(dy, xHat), axes);
  const gain = broadcast(multiply(scale, inv));
  const dx = training
    ? multiply(gain, subtract(subtract(dy, reduce_mean(dy, axes, true)), multiply(xHat, reduce_mean(multiply(dy, xHat), axes, true))))
    : multiply(dy, gain);
  return [dx, dScale, dOffset, null, null];
}
