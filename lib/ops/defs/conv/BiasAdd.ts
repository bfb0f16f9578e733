import { LegacyOpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { biasAddKernel, biasAddGradKernel } from '../../../../kernels/cpu/BiasAdd';
import { makeOp1 } from '../../op_builder';
import { requireFloat32 } from './window_attrs';

function checkDataFormat(format: unknown, opType: string, opName: string): void {
  if ((format ?? 'NHWC') !== 'NHWC') {
    throw new ValueError(`${opType} '${opName}': data_format '${format}' is not supported; tensorgraph implements NHWC only`);
  }
}

/** BiasAdd(value, bias): adds the 1-D bias to the last dimension of value. */
export const BiasAdd: LegacyOpSpec = {
  name: 'BiasAdd',
  inputs: 2,
  outputs: ([value, bias], attrs, opName) => {
    checkDataFormat(attrs.data_format, 'BiasAdd', opName);
    requireFloat32(value, 'value', 'BiasAdd', opName);
    requireFloat32(bias, 'bias', 'BiasAdd', opName);
    const v = value.shape, b = bias.shape;
    if (v !== null && v.length < 2) {
      throw new ValueError(`Shape must be at least rank 2 but is rank ${v.length} for '${opName}' (op: 'BiasAdd') ` +
        `with input shapes: ${shapeToString(v)}, ${shapeToString(b)}.`);
    }
    if (b !== null && b.length !== 1) {
      throw new ValueError(`Shape must be rank 1 but is rank ${b.length} for '${opName}' (op: 'BiasAdd') ` +
        `with input shapes: ${shapeToString(v)}, ${shapeToString(b)}.`);
    }
    if (v === null) return { dtype: 'float32', shape: null };
    const last = v[v.length - 1], c = b?.[0] ?? null;
    if (last !== null && c !== null && last !== c) {
      throw new ValueError(`Dimensions must be equal, but are ${last} and ${c} for '${opName}' (op: 'BiasAdd') ` +
        `with input shapes: ${shapeToString(v)}, ${shapeToString(b)}.`);
    }
    return { dtype: 'float32', shape: [...v.slice(0, -1), last ?? c] };
  },
  cpu: biasAddKernel,
  gradient: (op, [dy]) => [dy, makeOp1('BiasAddGrad', [dy!], { data_format: op.attrs.data_format ?? 'NHWC' })],
};

/** BiasAddGrad(out_backprop): the bias gradient, out_backprop summed over all but its last dimension. */
export const BiasAddGrad: LegacyOpSpec = {
  name: 'BiasAddGrad',
  inputs: 1,
  outputs: ([dy], attrs, opName) => {
    checkDataFormat(attrs.data_format, 'BiasAddGrad', opName);
    requireFloat32(dy, 'out_backprop', 'BiasAddGrad', opName);
    if (dy.shape !== null && dy.shape.length < 2) {
      throw new ValueError(`Shape must be at least rank 2 but is rank ${dy.shape.length} for '${opName}' (op: 'BiasAddGrad') ` +
        `with input shapes: ${shapeToString(dy.shape)}.`);
    }
    return { dtype: 'float32', shape: [dy.shape === null ? null : dy.shape[dy.shape.length - 1]] };
  },
  cpu: biasAddGradKernel,
  // Its adjoint broadcasts the bias-shaped gradient over out_backprop's shape: a BiasAdd onto zeros.
  gradient: (op, [g]) => [makeOp1('BiasAdd', [makeOp1('ZerosLike', [op.inputs[0]]), g!], { data_format: op.attrs.data_format ?? 'NHWC' })],
};
