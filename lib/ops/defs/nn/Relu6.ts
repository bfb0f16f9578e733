import { LegacyOpSpec } from '../../register_op';
import { relu6Kernel, relu6GradKernel } from '../../../../kernels/cpu/Relu6';
import { makeOp1 } from '../../op_builder';
import { float32Unary, sameShapePair } from './elementwise';

/** Relu6(features): min(max(features, 0), 6). */
export const Relu6: LegacyOpSpec = {
  name: 'Relu6',
  inputs: 1,
  outputs: (inputs, _attrs, opName) => float32Unary(inputs, 'Relu6', opName),
  cpu: relu6Kernel,
  gradient: (op, [dy]) => [makeOp1('Relu6Grad', [dy!, op.inputs[0]])],
};

/** Relu6Grad(gradients, features): gradients where 0 < features < 6. */
export const Relu6Grad: LegacyOpSpec = {
  name: 'Relu6Grad',
  inputs: 2,
  outputs: (inputs, _attrs, opName) => sameShapePair(inputs, 'Relu6Grad', opName),
  cpu: relu6GradKernel,
  // Linear in gradients with a piecewise-constant mask: features get none.
  gradient: (op, [g]) => [makeOp1('Relu6Grad', [g!, op.inputs[1]]), null],
};
