import type { OpSpec } from '../../register_op';
import type { NDArray } from '../../../framework/ndarray';
import { ValueError } from '../../../framework/errors';

/** A constant: its value is the `value` attr, shared read-only by every run (kernel: kernels/cpu/Const.ts). */
export const Const: OpSpec = {
  name: 'Const',
  inputs: [],
  outputs: [{ name: 'output', type_attr: 'dtype' }],
  attrs: {
    value: { type: 'tensor' },
    dtype: { type: 'type' },
  },
  shape: (_inputs, attrs, opName) => {
    const value = attrs.value as NDArray;
    // TF1 refuses this when it builds the kernel; here the graph refuses it while building.
    if (value.dtype !== attrs.dtype) {
      throw new ValueError(`Type mismatch between value (${value.dtype}) and dtype (${attrs.dtype}) for '${opName}' (op: 'Const')`);
    }
    return { shape: value.shape.slice() };
  },
  gradient: null,
};
