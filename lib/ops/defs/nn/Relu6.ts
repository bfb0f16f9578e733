import type { OpSpec } from '../../register_op';
import { makeOp1 } from '../../op_builder';
import { FLOAT32, typeAttr } from '../type_attrs';
import { pairShape, sameShape } from './elementwise';

/** Relu6(features) = min(max(features, 0), 6) (kernel: kernels/cpu/Relu6.ts). */
export const Relu6: OpSpec = {
  name: 'Relu6',
  inputs: [{ name: 'features', type_attr: 'T' }],
  outputs: [{ name: 'activations', type_attr: 'T' }],
  attrs: { T: typeAttr(FLOAT32) },
  shape: sameShape,
  gradient: (op, [dy]) => [makeOp1('Relu6Grad', [dy!, op.inputs[0]])],
};

/** Relu6Grad(gradients, features): gradients where 0 < features < 6. */
export const Relu6Grad: OpSpec = {
  name: 'Relu6Grad',
  inputs: [{ name: 'gradients', type_attr: 'T' }, { name: 'features', type_attr: 'T' }],
  outputs: [{ name: 'backprops', type_attr: 'T' }],
  attrs: { T: typeAttr(FLOAT32) },
  shape: pairShape('Relu6Grad'),
  // Linear in gradients with a piecewise-constant mask: features get none.
  gradient: (op, [g]) => [makeOp1('Relu6Grad', [g!, op.inputs[1]]), null],
};
