import type { OpSpec } from '../../register_op';
import { makeOp1 } from '../../op_builder';
import { multiply, subtract } from '../../math_ops';
import { FLOAT32, typeAttr } from '../type_attrs';
import { pairShape, sameShape } from './elementwise';

/** Sigmoid(x) = 1 / (1 + exp(-x)) (kernels of this file: kernels/cpu/activations.ts). */
export const Sigmoid: OpSpec = {
  name: 'Sigmoid',
  inputs: [{ name: 'x', type_attr: 'T' }],
  outputs: [{ name: 'y', type_attr: 'T' }],
  attrs: { T: typeAttr(FLOAT32) },
  shape: sameShape,
  gradient: (op, [dy]) => [makeOp1('SigmoidGrad', [op.outputs[0], dy!])],
};

/** SigmoidGrad(y, dy) = dy * y * (1 - y), y being the sigmoid's output. */
export const SigmoidGrad: OpSpec = {
  name: 'SigmoidGrad',
  inputs: [{ name: 'y', type_attr: 'T' }, { name: 'dy', type_attr: 'T' }],
  outputs: [{ name: 'z', type_attr: 'T' }],
  attrs: { T: typeAttr(FLOAT32) },
  shape: pairShape('SigmoidGrad'),
  // d/dy [dy·y(1-y)] = dy(1 - 2y); d/d(dy) is the same SigmoidGrad.
  gradient: (op, [g]) => {
    const [y, dy] = op.inputs;
    const gdy = multiply(g!, dy);
    return [subtract(gdy, multiply(multiply(gdy, 2), y)), makeOp1('SigmoidGrad', [y, g!])];
  },
};

/** Tanh(x). */
export const Tanh: OpSpec = {
  name: 'Tanh',
  inputs: [{ name: 'x', type_attr: 'T' }],
  outputs: [{ name: 'y', type_attr: 'T' }],
  attrs: { T: typeAttr(FLOAT32) },
  shape: sameShape,
  gradient: (op, [dy]) => [makeOp1('TanhGrad', [op.outputs[0], dy!])],
};

/** TanhGrad(y, dy) = dy * (1 - y²), y being the tanh's output. */
export const TanhGrad: OpSpec = {
  name: 'TanhGrad',
  inputs: [{ name: 'y', type_attr: 'T' }, { name: 'dy', type_attr: 'T' }],
  outputs: [{ name: 'z', type_attr: 'T' }],
  attrs: { T: typeAttr(FLOAT32) },
  shape: pairShape('TanhGrad'),
  // d/dy [dy(1 - y²)] = -2·dy·y; d/d(dy) is the same TanhGrad.
  gradient: (op, [g]) => {
    const [y, dy] = op.inputs;
    return [multiply(multiply(g!, dy), multiply(y, -2)), makeOp1('TanhGrad', [y, g!])];
  },
};
