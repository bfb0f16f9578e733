import type { OpSpec } from '../../register_op';
import { REAL_NUMBER_TYPES } from './summary_dtypes';

/** A Summary with one simple_value per element of `values`, tagged by the same element of `tags` (kernel: kernels/cpu/summary/ScalarSummary.ts). */
export const ScalarSummary: OpSpec = {
  name: 'ScalarSummary',
  inputs: [{ name: 'tags', type: 'string' }, { name: 'values', type_attr: 'T' }],
  outputs: [{ name: 'summary', type: 'string' }],
  attrs: { T: { type: 'type', allowed_values: REAL_NUMBER_TYPES } },
  shape: () => ({ shape: [] }),
  gradient: null,
};
