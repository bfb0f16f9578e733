import { LegacyOpSpec } from '../../register_op';
import { sigmoidKernel, sigmoidGradKernel, tanhKernel, tanhGradKernel } from '../../../../kernels/cpu/activations';
import { makeOp1 } from '../../op_builder';
import { multiply, subtract } from '../../math_ops';
import { unaryOutputs, pairOutputs } from './elementwise';

/** 1 / (1 + exp(-x)). */
export const Sigmoid: LegacyOpSpec = {
  name: 'Sigmoid',
  inputs: 1,
  outputs: unaryOutputs('Sigmoid', ['float32']),
  cpu: sigmoidKernel,
  gradient: (op, [dy]) => [makeOp1('SigmoidGrad', [op.outputs[0], dy!])],
};

/** SigmoidGrad(y, dy) = dy * y * (1 - y), y being the sigmoid's output. */
export const SigmoidGrad: LegacyOpSpec = {
  name: 'SigmoidGrad',
  inputs: 2,
  outputs: pairOutputs('SigmoidGrad', ['float32']),
  cpu: sigmoidGradKernel,
  // d/dy [dy·y(1-y)] = dy(1 - 2y); d/d(dy) is the same SigmoidGrad.
  gradient: (op, [g]) => {
    const [y, dy] = op.inputs;
    const gdy = multiply(g!, dy);
    return [subtract(gdy, multiply(multiply(gdy, 2), y)), makeOp1('SigmoidGrad', [y, g!])];
  },
};

export const Tanh: LegacyOpSpec = {
  name: 'Tanh',
  inputs: 1,
  outputs: unaryOutputs('Tanh', ['float32']),
  cpu: tanhKernel,
  gradient: (op, [dy]) => [makeOp1('TanhGrad', [op.outputs[0], dy!])],
};

/** TanhGrad(y, dy) = dy * (1 - y²), y being the tanh's output. */
export const TanhGrad: LegacyOpSpec = {
  name: 'TanhGrad',
  inputs: 2,
  outputs: pairOutputs('TanhGrad', ['float32']),
  cpu: tanhGradKernel,
  // d/dy [dy(1 - y²)] = -2·dy·y; d/d(dy) is the same TanhGrad.
  gradient: (op, [g]) => {
    const [y, dy] = op.inputs;
    return [multiply(multiply(g!, dy), multiply(y, -2)), makeOp1('TanhGrad', [y, g!])];
  },
};
