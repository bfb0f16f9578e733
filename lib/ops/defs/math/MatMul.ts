import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { matmul } from '../../math_ops';

/** Matrix product of 2-D tensors, either operand optionally transposed (kernels: kernels/cpu/MatMul.ts, kernels/gpu/MatMul.ts). */
export const MatMul: OpSpec = {
  name: 'MatMul',
  inputs: [{ name: 'a', type_attr: 'T' }, { name: 'b', type_attr: 'T' }],
  outputs: [{ name: 'product', type_attr: 'T' }],
  attrs: {
    transpose_a: { type: 'bool', default: false },
    transpose_b: { type: 'bool', default: false },
    T: { type: 'type', allowed_values: ['float32', 'float64'] }, // float64 takes the JS loop
  },
  shape: ([a, b], attrs, opName) => {
    if (a.shape === null || b.shape === null) return { shape: [null, null] };
    if (a.shape.length !== 2 || b.shape.length !== 2) {
      throw new ValueError(`Shape must be rank 2 but is rank ${a.shape.length !== 2 ? a.shape.length : b.shape.length} ` +
        `for '${opName}' (op: 'MatMul') with input shapes: ${shapeToString(a.shape)}, ${shapeToString(b.shape)}.`);
    }
    const [m, ka] = attrs.transpose_a ? [a.shape[1], a.shape[0]] : a.shape;
    const [kb, n] = attrs.transpose_b ? [b.shape[1], b.shape[0]] : b.shape;
    if (ka !== null && kb !== null && ka !== kb) {
      throw new ValueError(`Dimensions must be equal, but are ${ka} and ${kb} for '${opName}' (op: 'MatMul') ` +
        `with input shapes: ${shapeToString(a.shape)}, ${shapeToString(b.shape)}.`);
    }
    return { shape: [m, n] };
  },
  // d/dA (A·B) = dY·Bᵀ and d/dB = Aᵀ·dY, with the transposes folded into the products.
  gradient: (op, [dy]) => {
    const [a, b] = op.inputs;
    const ta = !!op.attrs.transpose_a, tb = !!op.attrs.transpose_b;
    if (!ta && !tb) return [matmul(dy!, b, { transpose_b: true }), matmul(a, dy!, { transpose_a: true })];
    if (!ta && tb) return [matmul(dy!, b), matmul(dy!, a, { transpose_a: true })];
    if (ta && !tb) return [matmul(b, dy!, { transpose_b: true }), matmul(a, dy!)];
    return [matmul(b, dy!, { transpose_a: true, transpose_b: true }), matmul(dy!, a, { transpose_a: true, transpose_b: true })];
  },
};
