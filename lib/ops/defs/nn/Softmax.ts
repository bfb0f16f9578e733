import type { OpSpec, OutputSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import type { TensorSpec } from '../../../registry/op_registry';
import type { Tensor } from '../../../framework/tensor';
import { makeOp1 } from '../../op_builder';
import { convertToTensor } from '../../../framework/convert';
import { multiply, subtract, negative } from '../../math_ops';
import { FLOAT32, typeAttr } from '../type_attrs';
import { pairShape } from './elementwise';

function logitsShape(opType: string) {
  return ([x]: TensorSpec[], _attrs: unknown, opName: string): OutputSpec => {
    if (x.shape !== null && x.shape.length < 1) {
      throw new ValueError(`Shape must be at least rank 1 but is rank 0 for '${opName}' (op: '${opType}') with input shapes: [].`);
    }
    return { shape: x.shape };
  };
}

/** Row sums over the last axis, kept as a size-1 dimension so they broadcast back. */
function rowSum(x: Tensor): Tensor {
  return makeOp1('Sum', [x, convertToTensor([-1], 'int32', undefined, x.graph)], { keep_dims: true });
}

/** Softmax(logits) = exp(x) / sum(exp(x)) over the last dimension (kernels of this file: kernels/cpu/Softmax.ts). */
export const Softmax: OpSpec = {
  name: 'Softmax',
  inputs: [{ name: 'logits', type_attr: 'T' }],
  outputs: [{ name: 'softmax', type_attr: 'T' }],
  attrs: { T: typeAttr(FLOAT32) },
  shape: logitsShape('Softmax'),
  gradient: (op, [dy]) => [makeOp1('SoftmaxGrad', [op.outputs[0], dy!])],
};

/**
 * Softmax's backward pass fused into one row-wise op: (dy - sum(dy * y)) * y.
 * (TF1 composes it from Mul/Sum/Sub; one pass over each row is cheaper.) Not a TF op:
 * its schema follows TF's style, inputs (softmax, grad).
 */
export const SoftmaxGrad: OpSpec = {
  name: 'SoftmaxGrad',
  inputs: [{ name: 'softmax', type_attr: 'T' }, { name: 'grad', type_attr: 'T' }],
  outputs: [{ name: 'backprops', type_attr: 'T' }],
  attrs: { T: typeAttr(FLOAT32) },
  shape: pairShape('SoftmaxGrad'),
  // With s = Σ dy·y and t = Σ g·y per row: d/dy = g(dy - s) - dy·t, and d/d(dy) = SoftmaxGrad(y, g).
  gradient: (op, [g]) => {
    const [y, dy] = op.inputs;
    const s = rowSum(multiply(dy, y));
    const t = rowSum(multiply(g!, y));
    return [subtract(multiply(g!, subtract(dy, s)), multiply(dy, t)), makeOp1('SoftmaxGrad', [y, g!])];
  },
};

/** x - log(sum(exp(x))) over the last dimension, computed stably. */
export const LogSoftmax: OpSpec = {
  name: 'LogSoftmax',
  inputs: [{ name: 'logits', type_attr: 'T' }],
  outputs: [{ name: 'logsoftmax', type_attr: 'T' }],
  attrs: { T: typeAttr(FLOAT32) },
  shape: logitsShape('LogSoftmax'),
  gradient: (op, [dy]) => [makeOp1('LogSoftmaxGrad', [op.outputs[0], dy!])],
};

/** LogSoftmax's backward pass as one row-wise op: dy - exp(y) * sum(dy). Not a TF op (TF1 composes it); inputs (logsoftmax, grad). */
export const LogSoftmaxGrad: OpSpec = {
  name: 'LogSoftmaxGrad',
  inputs: [{ name: 'logsoftmax', type_attr: 'T' }, { name: 'grad', type_attr: 'T' }],
  outputs: [{ name: 'backprops', type_attr: 'T' }],
  attrs: { T: typeAttr(FLOAT32) },
  shape: pairShape('LogSoftmaxGrad'),
  // With S = Σ dy per row: d/dy = -g·exp(y)·S, and d/d(dy) = g - Σ g·exp(y).
  gradient: (op, [g]) => {
    const [y, dy] = op.inputs;
    const ey = makeOp1('Exp', [y]);
    return [negative(multiply(multiply(g!, ey), rowSum(dy))), subtract(g!, rowSum(multiply(g!, ey)))];
  },
};
