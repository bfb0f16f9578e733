import { LegacyOpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import type { TensorSpec } from '../../../registry/op_registry';
import type { Tensor } from '../../../framework/tensor';
import { softmaxKernel, logSoftmaxKernel, softmaxGradKernel, logSoftmaxGradKernel } from '../../../../kernels/cpu/Softmax';
import { makeOp1 } from '../../op_builder';
import { convertToTensor } from '../../../framework/convert';
import { multiply, subtract, negative } from '../../math_ops';
import { pairOutputs } from './elementwise';

function logitsOutputs(opType: string) {
  return ([x]: TensorSpec[], _attrs: unknown, opName: string): TensorSpec => {
    if (x.dtype !== 'float32') throw new ValueError(`${opType} '${opName}' supports float32; got ${x.dtype}`);
    if (x.shape !== null && x.shape.length < 1) {
      throw new ValueError(`Shape must be at least rank 1 but is rank 0 for '${opName}' (op: '${opType}') with input shapes: [].`);
    }
    return x;
  };
}

/** Row sums over the last axis, kept as a size-1 dimension so they broadcast back. */
function rowSum(x: Tensor): Tensor {
  return makeOp1('Sum', [x, convertToTensor([-1], 'int32', undefined, x.graph)], { keep_dims: true });
}

/** exp(x) / sum(exp(x)) over the last dimension. */
export const Softmax: LegacyOpSpec = {
  name: 'Softmax',
  inputs: 1,
  outputs: logitsOutputs('Softmax'),
  cpu: softmaxKernel,
  gradient: (op, [dy]) => [makeOp1('SoftmaxGrad', [op.outputs[0], dy!])],
};

/**
 * Softmax's backward pass fused into one row-wise op: (dy - sum(dy * y)) * y.
 * (TF1 composes it from Mul/Sum/Sub; one pass over each row is cheaper.)
 */
export const SoftmaxGrad: LegacyOpSpec = {
  name: 'SoftmaxGrad',
  inputs: 2,
  outputs: pairOutputs('SoftmaxGrad', ['float32']),
  cpu: softmaxGradKernel,
  // With s = Σ dy·y and t = Σ g·y per row: d/dy = g(dy - s) - dy·t, and d/d(dy) = SoftmaxGrad(y, g).
  gradient: (op, [g]) => {
    const [y, dy] = op.inputs;
    const s = rowSum(multiply(dy, y));
    const t = rowSum(multiply(g!, y));
    return [subtract(multiply(g!, subtract(dy, s)), multiply(dy, t)), makeOp1('SoftmaxGrad', [y, g!])];
  },
};

/** x - log(sum(exp(x))) over the last dimension, computed stably. */
export const LogSoftmax: LegacyOpSpec = {
  name: 'LogSoftmax',
  inputs: 1,
  outputs: logitsOutputs('LogSoftmax'),
  cpu: logSoftmaxKernel,
  gradient: (op, [dy]) => [makeOp1('LogSoftmaxGrad', [op.outputs[0], dy!])],
};

/** LogSoftmax's backward pass as one row-wise op: dy - exp(y) * sum(dy). */
export const LogSoftmaxGrad: LegacyOpSpec = {
  name: 'LogSoftmaxGrad',
  inputs: 2,
  outputs: pairOutputs('LogSoftmaxGrad', ['float32']),
  cpu: logSoftmaxGradKernel,
  // With S = Σ dy per row: d/dy = -g·exp(y)·S, and d/d(dy) = g - Σ g·exp(y).
  gradient: (op, [g]) => {
    const [y, dy] = op.inputs;
    const ey = makeOp1('Exp', [y]);
    return [negative(multiply(multiply(g!, ey), rowSum(dy))), subtract(g!, rowSum(multiply(g!, ey)))];
  },
};
