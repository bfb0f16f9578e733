import { LegacyOpSpec } from '../../register_op';
import { reluKernel, reluGradKernel } from '../../../../kernels/cpu/activations';
import { makeOp1 } from '../../op_builder';
import { unaryOutputs, pairOutputs } from './elementwise';

const REAL: import('../../../framework/dtypes').DType[] = ['float32', 'int32', 'int64', 'uint8'];

/** max(features, 0). */
export const Relu: LegacyOpSpec = {
  name: 'Relu',
  inputs: 1,
  outputs: unaryOutputs('Relu', REAL),
  cpu: reluKernel,
  // The output is positive exactly where the input is, so the gradient reads the output, as TF1's does.
  gradient: (op, [dy]) => [makeOp1('ReluGrad', [dy!, op.outputs[0]])],
};

/** ReluGrad(gradients, features): gradients where features > 0, else 0. */
export const ReluGrad: LegacyOpSpec = {
  name: 'ReluGrad',
  inputs: 2,
  outputs: pairOutputs('ReluGrad', REAL),
  cpu: reluGradKernel,
  // Linear in the gradients with the same mask; piecewise constant in the features.
  gradient: (op, [g]) => [makeOp1('ReluGrad', [g!, op.inputs[1]]), makeOp1('ZerosLike', [op.inputs[1]])],
};
