import type { OpSpec } from '../../register_op';

/** One Summary with the values of N serialized Summaries; a tag twice is an error (kernel: kernels/cpu/summary/MergeSummary.ts). */
export const MergeSummary: OpSpec = {
  name: 'MergeSummary',
  inputs: [{ name: 'inputs', number_attr: 'N', type: 'string' }],
  outputs: [{ name: 'summary', type: 'string' }],
  attrs: { N: { type: 'int', minimum: 1 } },
  shape: () => ({ shape: [] }),
  gradient: null,
};
