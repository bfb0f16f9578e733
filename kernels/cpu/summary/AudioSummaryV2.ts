import { InvalidArgumentError } from '../../../lib/framework/errors';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { serializedSummary, debugShape } from './summary_value';
import { encodeWav16 } from './wav';

/** AudioSummaryV2: the first `max_outputs` clips as WAVs, tagged `tag/audio/i` (`tag/audio` when max_outputs is 1). */
export const audioSummaryKernel: CpuKernel = ([tag, tensor, sampleRate], ctx) => {
  const maxOutputs = ctx.attrs.max_outputs as number;
  if (sampleRate.rank !== 0) throw new InvalidArgumentError(`sample_rate must be rank 0, got shape ${debugShape(sampleRate.shape)}`, ctx.op.name);
  if (tensor.rank !== 2 && tensor.rank !== 3) throw new InvalidArgumentError(`Tensor must be 3-D or 2-D, got: ${debugShape(tensor.shape)}`, ctx.op.name);
  const rate = sampleRate.data[0];
  if (!(rate > 0)) throw new InvalidArgumentError(`sample_rate must be > 0, got ${rate}`, ctx.op.name);
  const [batch, frames] = tensor.shape;
  const channels = tensor.rank === 3 ? tensor.shape[2] : 1;
  const base = tag.stringAt(0);
  const values = [];
  for (let i = 0; i < Math.min(batch, maxOutputs); i++) {
    const clip = tensor.data.subarray(i * frames * channels, (i + 1) * frames * channels);
    values.push({
      tag: maxOutputs > 1 ? `${base}/audio/${i}` : `${base}/audio`,
      value: { case: 'audio' as const, value: {
        sampleRate: rate, numChannels: BigInt(channels), lengthFrames: BigInt(frames),
        encodedAudioString: encodeWav16(clip, Math.round(rate), channels), contentType: 'audio/wav',
      } },
    });
  }
  return serializedSummary(values);
};
