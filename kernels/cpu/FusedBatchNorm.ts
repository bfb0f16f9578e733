import { InvalidArgumentError } from '../../lib/framework/errors';
import { formatShape, NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/** How a 4-D tensor's elements map to channels: element i is in channel ⌊i / inner⌋ mod channels. */
export interface ChannelLayout { channels: number; inner: number; perChannel: number }

/** The layout of x (rank 4, TF's message otherwise). */
export function channelLayout(shape: readonly number[], dataFormat: string, opName: string): ChannelLayout {
  if (shape.length !== 4) {
    throw new InvalidArgumentError(`input must be 4-dimensional${formatShape(shape)}`, opName);
  }
  const nchw = dataFormat === 'NCHW';
  const channels = shape[nchw ? 1 : 3];
  const inner = nchw ? shape[2] * shape[3] : 1;
  return { channels, inner, perChannel: channels === 0 ? 0 : shape.reduce((a, b) => a * b, 1) / channels };
}

/** A per-channel input (scale, offset, mean, variance) must be a vector of the channel count. */
export function requireChannels(v: { shape: readonly number[]; size: number }, what: string, channels: number, opName: string): void {
  if (v.shape.length !== 1) throw new InvalidArgumentError(`${what} must be 1-dimensional${formatShape(v.shape)}`, opName);
  if (v.size !== channels) {
    throw new InvalidArgumentError(`${what} must have the same number of elements as the channels of x, got ${v.size} and ${channels}`, opName);
  }
}

type Shaped = { shape: readonly number[]; size: number };

/** FusedBatchNorm's input checks, shared by its CPU and gpu.js kernels: x's layout, and the per-channel inputs it uses. */
export function checkFusedBatchNormInputs(x: Shaped, scale: Shaped, offset: Shaped, mean: Shaped, variance: Shaped,
  attrs: { data_format?: unknown; is_training?: unknown }, opName: string): ChannelLayout {
  const l = channelLayout(x.shape, attrs.data_format as string, opName);
  requireChannels(scale, 'scale', l.channels, opName);
  requireChannels(offset, 'offset', l.channels, opName);
  if (!attrs.is_training) {
    requireChannels(mean, 'mean', l.channels, opName);
    requireChannels(variance, 'variance', l.channels, opName);
  }
  return l;
}

/** Per-channel mean and biased variance (two passes in float64: the one-pass formula cancels badly). */
function batchMoments(x: ArrayLike<number>, l: ChannelLayout): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(l.channels), variance = new Float64Array(l.channels);
  for (let i = 0; i < x.length; i++) mean[Math.floor(i / l.inner) % l.channels] += x[i];
  for (let c = 0; c < l.channels; c++) mean[c] /= l.perChannel; // no elements: NaN, as TF's
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - mean[Math.floor(i / l.inner) % l.channels];
    variance[Math.floor(i / l.inner) % l.channels] += d * d;
  }
  for (let c = 0; c < l.channels; c++) variance[c] /= l.perChannel;
  return { mean, variance };
}

/**
 * FusedBatchNorm(x, scale, offset, mean, variance) -> y, batch_mean, batch_variance,
 * reserve_space_1, reserve_space_2 (see lib/ops/defs/nn/FusedBatchNorm.ts).
 */
export const fusedBatchNormKernel: CpuKernel = ([x, scale, offset, estMean, estVariance], ctx) => {
  const name = ctx.op.name, training = ctx.attrs.is_training as boolean, eps = ctx.attrs.epsilon as number;
  const l = checkFusedBatchNormInputs(x, scale, offset, estMean, estVariance, ctx.attrs, name);
  const { mean, variance } = training ? batchMoments(x.data, l)
    : { mean: Float64Array.from(estMean.data), variance: Float64Array.from(estVariance.data) };
  const gain = new Float64Array(l.channels), shift = new Float64Array(l.channels);
  for (let c = 0; c < l.channels; c++) {
    gain[c] = scale.data[c] / Math.sqrt(variance[c] + eps);
    shift[c] = offset.data[c] - mean[c] * gain[c];
  }
  const xd = x.data, y = ctx.allocate('float32', xd.length, false) as Float32Array;
  for (let i = 0; i < xd.length; i++) {
    const c = Math.floor(i / l.inner) % l.channels;
    y[i] = xd[i] * gain[c] + shift[c];
  }
  // The output variance is Bessel-corrected for the moving average; normalizing used the biased one.
  const correction = training ? l.perChannel / Math.max(l.perChannel - 1, 1) : 1;
  const vector = (values: Float64Array, factor = 1) => {
    const out = ctx.allocate('float32', l.channels, false) as Float32Array;
    for (let c = 0; c < l.channels; c++) out[c] = values[c] * factor;
    return new NDArray(out, [l.channels], 'float32');
  };
  return [
    new NDArray(y, x.shape, 'float32'), vector(mean), vector(variance, correction), vector(mean), vector(variance),
  ];
};
