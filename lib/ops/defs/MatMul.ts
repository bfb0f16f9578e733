import { OpSpec } from '../register_op';
import { ValueError } from '../../framework/errors';
import { shapeToString } from '../../framework/shape_utils';
import { matMulKernel } from '../../../kernels/cpu/MatMul';
import { matmul } from '../math_ops';

/** Matrix product of 2-D float tensors, either operand optionally transposed. */
export const MatMul: OpSpec = {
  name: 'MatMul',
  inputs: 2,
  outputs: ([a, b], attrs, opName) => {
    if (a.dtype !== b.dtype) throw new ValueError(`MatMul '${opName}': operands have dtypes ${a.dtype} and ${b.dtype}`);
    if (a.dtype !== 'float32') throw new ValueError(`MatMul '${opName}' supports float32 only; got ${a.dtype}`);
    if (a.shape === null || b.shape === null) return { dtype: a.dtype, shape: [null, null] };
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
    return { dtype: a.dtype, shape: [m, n] };
  },
  cpu: matMulKernel,
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
