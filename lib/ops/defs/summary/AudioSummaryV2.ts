import type { OpSpec } from '../../register_op';

/** Up to `max_outputs` 16-bit PCM WAV clips from a [batch, frames(, channels)] float tensor in [-1, 1] (kernel: kernels/cpu/summary/AudioSummaryV2.ts). */
export const AudioSummaryV2: OpSpec = {
  name: 'AudioSummaryV2',
  inputs: [{ name: 'tag', type: 'string' }, { name: 'tensor', type: 'float32' }, { name: 'sample_rate', type: 'float32' }],
  outputs: [{ name: 'summary', type: 'string' }],
  attrs: { max_outputs: { type: 'int', default: 3, minimum: 1 } },
  shape: () => ({ shape: [] }),
  gradient: null,
};
