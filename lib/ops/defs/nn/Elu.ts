import { LegacyOpSpec } from '../../register_op';
import { eluKernel, eluGradKernel } from '../../../../kernels/cpu/Elu';
import { makeOp1 } from '../../op_builder';
import { cast, less, multiply } from '../../math_ops';
import { float32Unary, sameShapePair } from './elementwise';

/** Elu(features): features > 0 ? features : exp(features) - 1. */
export const Elu: LegacyOpSpec = {
  name: 'Elu',
  inputs: 1,
  outputs: (inputs, _attrs, opName) => float32Unary(inputs, 'Elu', opName),
  cpu: eluKernel,
  // TF1 differentiates through the output: exp(x) = elu(x) + 1 where x < 0.
  gradient: (op, [dy]) => [makeOp1('EluGrad', [dy!, op.outputs[0]])],
};

/** EluGrad(gradients, outputs): gradients * (outputs + 1) where outputs < 0, else gradients. */
export const EluGrad: LegacyOpSpec = {
  name: 'EluGrad',
  inputs: 2,
  outputs: (inputs, _attrs, opName) => sameShapePair(inputs, 'EluGrad', opName),
  cpu: eluGradKernel,
  // Linear in gradients; below zero the result is gradients * (outputs + 1), whose
  // derivative in outputs is gradients (TF1's _EluGradGrad).
  gradient: (op, [g]) => {
    const [dy, y] = op.inputs;
    const negative = cast(less(y, 0), 'float32');
    return [makeOp1('EluGrad', [g!, y]), multiply(multiply(g!, dy), negative)];
  },
};
