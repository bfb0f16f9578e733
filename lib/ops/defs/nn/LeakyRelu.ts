import { LegacyOpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { leakyReluKernel, leakyReluGradKernel } from '../../../../kernels/cpu/LeakyRelu';
import { makeOp1 } from '../../op_builder';
import { float32Unary, sameShapePair } from './elementwise';

function checkAlpha(alpha: unknown, opType: string, opName: string): void {
  if (alpha !== undefined && (typeof alpha !== 'number' || !Number.isFinite(alpha))) {
    throw new ValueError(`${opType} '${opName}': alpha must be a finite number, got ${JSON.stringify(alpha)}`);
  }
}

/** LeakyRelu(features), attr alpha (default 0.2): features > 0 ? features : alpha * features. */
export const LeakyRelu: LegacyOpSpec = {
  name: 'LeakyRelu',
  inputs: 1,
  outputs: (inputs, attrs, opName) => { checkAlpha(attrs.alpha, 'LeakyRelu', opName); return float32Unary(inputs, 'LeakyRelu', opName); },
  cpu: leakyReluKernel,
  gradient: (op, [dy]) => [makeOp1('LeakyReluGrad', [dy!, op.inputs[0]], { alpha: op.attrs.alpha ?? 0.2 })],
};

/** LeakyReluGrad(gradients, features): gradients where features > 0, alpha * gradients elsewhere. */
export const LeakyReluGrad: LegacyOpSpec = {
  name: 'LeakyReluGrad',
  inputs: 2,
  outputs: (inputs, attrs, opName) => { checkAlpha(attrs.alpha, 'LeakyReluGrad', opName); return sameShapePair(inputs, 'LeakyReluGrad', opName); },
  cpu: leakyReluGradKernel,
  gradient: (op, [g]) => [makeOp1('LeakyReluGrad', [g!, op.inputs[1]], { alpha: op.attrs.alpha ?? 0.2 }), null],
};
