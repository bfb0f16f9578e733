import type { OpSpec } from '../../register_op';
import { makeOp1 } from '../../op_builder';
import { cast, less, multiply } from '../../math_ops';
import { FLOAT32, typeAttr } from '../type_attrs';
import { pairShape, sameShape } from './elementwise';

/** Elu(features) = features > 0 ? features : exp(features) - 1 (kernel: kernels/cpu/Elu.ts). */
export const Elu: OpSpec = {
  name: 'Elu',
  inputs: [{ name: 'features', type_attr: 'T' }],
  outputs: [{ name: 'activations', type_attr: 'T' }],
  attrs: { T: typeAttr(FLOAT32) },
  shape: sameShape,
  // TF1 differentiates through the output: exp(x) = elu(x) + 1 where x < 0.
  gradient: (op, [dy]) => [makeOp1('EluGrad', [dy!, op.outputs[0]])],
};

/** EluGrad(gradients, outputs): gradients * (outputs + 1) where outputs < 0, else gradients. */
export const EluGrad: OpSpec = {
  name: 'EluGrad',
  inputs: [{ name: 'gradients', type_attr: 'T' }, { name: 'outputs', type_attr: 'T' }],
  outputs: [{ name: 'backprops', type_attr: 'T' }],
  attrs: { T: typeAttr(FLOAT32) },
  shape: pairShape('EluGrad'),
  // Linear in gradients; below zero the result is gradients * (outputs + 1), whose
  // derivative in outputs is gradients (TF1's _EluGradGrad).
  gradient: (op, [g]) => {
    const [dy, y] = op.inputs;
    const negative = cast(less(y, 0), 'float32');
    return [makeOp1('EluGrad', [g!, y]), multiply(multiply(g!, dy), negative)];
  },
};
