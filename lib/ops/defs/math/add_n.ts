import type { OpSpec } from '../../register_op';
import { mergeStatic } from '../../../framework/shape_utils';
import { NUMERIC, typeAttr } from '../type_attrs';

/**
 * AddN(inputs: N * T) -> sum: T: the sum of n tensors of one dtype and shape (no
 * broadcasting); tf.gradients sums contributions with it (kernel: kernels/cpu/AddN.ts).
 */
export const AddN: OpSpec = {
  name: 'AddN',
  inputs: [{ name: 'inputs', number_attr: 'N', type_attr: 'T' }],
  outputs: [{ name: 'sum', type_attr: 'T' }],
  attrs: { N: { type: 'int', minimum: 1 }, T: typeAttr(NUMERIC) },
  shape: (inputs, _attrs, opName) => {
    let shape = inputs[0].shape;
    for (let i = 1; i < inputs.length; i++) {
      shape = mergeStatic(shape, inputs[i].shape, `inputs of AddN '${opName}' must all have the same shape`);
    }
    return { shape };
  },
  gradient: (op, [dy]) => op.inputs.map(() => dy),
};
