import type { OpSpec } from '../../register_op';

/** A Summary holding `tensor` itself as a TensorProto, with the given SummaryMetadata (tf.summary.text's plugin) (kernel: kernels/cpu/summary/TensorSummaryV2.ts). */
export const TensorSummaryV2: OpSpec = {
  name: 'TensorSummaryV2',
  inputs: [{ name: 'tag', type: 'string' }, { name: 'tensor', type_attr: 'T' }, { name: 'serialized_summary_metadata', type: 'string' }],
  outputs: [{ name: 'summary', type: 'string' }],
  attrs: { T: { type: 'type' } },
  shape: () => ({ shape: [] }),
  gradient: null,
};
