import { LegacyOpSpec } from '../register_op';
import type { NDArray } from '../../framework/ndarray';

/** A constant; its value is the `value` attr (an NDArray), shared read-only by every run. */
export const Const: LegacyOpSpec = {
  name: 'Const',
  inputs: 0,
  outputs: (_inputs, attrs) => ({ dtype: (attrs.value as NDArray).dtype, shape: (attrs.value as NDArray).shape }),
  cpu: (_inputs, ctx) => ctx.attrs.value as NDArray,
  gradient: null,
};
