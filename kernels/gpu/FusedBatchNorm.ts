import type { GpuKernel, DeviceTensor } from './types';
import { NDArray } from '../../lib/framework/ndarray';
import { checkFusedBatchNormInputs } from '../cpu/FusedBatchNorm';
import { elementwise } from './elementwise';
import { reduce } from './reduce';

/**
 * FusedBatchNorm on the device (the CPU kernel, kernels/cpu/FusedBatchNorm.ts, is the
 * reference): per-channel mean, then the biased variance as a mapped reduction of the
 * centered squares (two passes, as the CPU kernel, for accuracy), then y = x·gain + shift.
 */
export const FusedBatchNorm: GpuKernel = ([x, scale, offset, estMean, estVariance], ctx) => {
  const name = ctx.op.name, training = ctx.attrs.is_training as boolean, eps = ctx.attrs.epsilon as number;
  const nchw = ctx.attrs.data_format === 'NCHW';
  const l = checkFusedBatchNormInputs(x, scale, offset, estMean, estVariance, ctx.attrs, name);
  const C = l.channels;
  if (x.size === 0) {
    // No elements: TF's NaN statistics, which the CPU kernel computes as 0/0.
    const nan = () => ctx.fromHost(NDArray.from(new Float32Array(C).fill(NaN)));
    return [ctx.fromHost(NDArray.zeros(x.shape)), ...(training ? [nan(), nan(), nan(), nan()] : [estMean, estVariance, estMean, estVariance])];
  }
  const axes = nchw ? [0, 2, 3] : [0, 1, 2];
  let mean = estMean, variance = estVariance;
  if (training) {
    mean = reduce(ctx, x, axes, [C], { kind: 'sum', mean: true });
    variance = reduce(ctx, x, axes, [C], { kind: 'sum', mean: true, map: '(v - e1[k]) * (v - e1[k])', extra: [mean] });
  }
  const gain = elementwise(ctx, [scale, variance], ['s', 'v'], `s / Math.sqrt(v + ${eps})`, 'float32', [C]);
  const shift = elementwise(ctx, [offset, mean, gain], ['o', 'm', 'g'], 'o - m * g', 'float32', [C]);
  const perChannel = (t: DeviceTensor) => (nchw ? ctx.alias(t, [C, 1, 1]) : t);
  const y = elementwise(ctx, [x, perChannel(gain), perChannel(shift)], ['x', 'g', 'b'], 'x * g + b', 'float32', x.shape);
  if (!training) return [y, estMean, estVariance, estMean, estVariance];
  // Bessel's correction for the moving average; normalizing used the biased variance.
  const correction = l.perChannel / Math.max(l.perChannel - 1, 1);
  const unbiased = elementwise(ctx, [variance], ['v'], `v * ${correction}`, 'float32', [C]);
  return [y, mean, unbiased, mean, variance];
};
