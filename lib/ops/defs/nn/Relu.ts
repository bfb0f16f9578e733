import type { OpSpec } from '../../register_op';
import { makeOp1 } from '../../op_builder';
import { NUMERIC, typeAttr } from '../type_attrs';
import { pairShape, sameShape } from './elementwise';

/** Relu(features) = max(features, 0) (kernel: kernels/cpu/activations.ts). */
export const Relu: OpSpec = {
  name: 'Relu',
  inputs: [{ name: 'features', type_attr: 'T' }],
  outputs: [{ name: 'activations', type_attr: 'T' }],
  attrs: { T: typeAttr(NUMERIC) },
  shape: sameShape,
  // The output is positive exactly where the input is, so the gradient reads the output, as TF1's does.
  gradient: (op, [dy]) => [makeOp1('ReluGrad', [dy!, op.outputs[0]])],
};

/** ReluGrad(gradients, features): gradients where features > 0, else 0. */
export const ReluGrad: OpSpec = {
  name: 'ReluGrad',
  inputs: [{ name: 'gradients', type_attr: 'T' }, { name: 'features', type_attr: 'T' }],
  outputs: [{ name: 'backprops', type_attr: 'T' }],
  attrs: { T: typeAttr(NUMERIC) },
  shape: pairShape('ReluGrad'),
  // Linear in the gradients with the same mask; piecewise constant in the features.
  gradient: (op, [g]) => [makeOp1('ReluGrad', [g!, op.inputs[1]]), makeOp1('ZerosLike', [op.inputs[1]])],
};
