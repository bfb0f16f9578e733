import type { OpSpec } from '../../register_op';
import { REAL_NUMBER_TYPES } from './summary_dtypes';

/** A Summary with one HistogramProto of all of `values` in TF's default buckets (kernel: kernels/cpu/summary/HistogramSummary.ts). */
export const HistogramSummary: OpSpec = {
  name: 'HistogramSummary',
  inputs: [{ name: 'tag', type: 'string' }, { name: 'values', type_attr: 'T' }],
  outputs: [{ name: 'summary', type: 'string' }],
  attrs: { T: { type: 'type', default: 'float32', allowed_values: REAL_NUMBER_TYPES } },
  shape: () => ({ shape: [] }),
  gradient: null,
};
