import type { AttrSpec, OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { makeOp1 } from '../../op_builder';
import { requireNHWC, WINDOW_TYPES } from './window_attrs';

/** BiasAdd's and BiasAddGrad's attrs, as TF declares them. */
const BIAS_ATTRS: Record<string, AttrSpec> = {
  T: { type: 'type', allowed_values: WINDOW_TYPES },
  data_format: { type: 'string', default: 'NHWC', allowed_values: ['NHWC', 'NCHW'] },
};

/** BiasAdd(value, bias): adds the 1-D bias to the last dimension of value (kernels of this file: kernels/cpu/BiasAdd.ts). */
export const BiasAdd: OpSpec = {
  name: 'BiasAdd',
  inputs: [{ name: 'value', type_attr: 'T' }, { name: 'bias', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: BIAS_ATTRS,
  shape: ([value, bias], attrs, opName) => {
    requireNHWC(attrs, 'BiasAdd', opName);
    const v = value.shape, b = bias.shape;
    if (v !== null && v.length < 2) {
      throw new ValueError(`Shape must be at least rank 2 but is rank ${v.length} for '${opName}' (op: 'BiasAdd') ` +
        `with input shapes: ${shapeToString(v)}, ${shapeToString(b)}.`);
    }
    if (b !== null && b.length !== 1) {
      throw new ValueError(`Shape must be rank 1 but is rank ${b.length} for '${opName}' (op: 'BiasAdd') ` +
        `with input shapes: ${shapeToString(v)}, ${shapeToString(b)}.`);
    }
    if (v === null) return { shape: null };
    const last = v[v.length - 1], c = b?.[0] ?? null;
    if (last !== null && c !== null && last !== c) {
      throw new ValueError(`Dimensions must be equal, but are ${last} and ${c} for '${opName}' (op: 'BiasAdd') ` +
        `with input shapes: ${shapeToString(v)}, ${shapeToString(b)}.`);
    }
    return { shape: [...v.slice(0, -1), last ?? c] };
  },
  gradient: (op, [dy]) => [dy, makeOp1('BiasAddGrad', [dy!], { data_format: op.attrs.data_format })],
};

/** BiasAddGrad(out_backprop): the bias gradient, out_backprop summed over all but its last dimension. */
export const BiasAddGrad: OpSpec = {
  name: 'BiasAddGrad',
  inputs: [{ name: 'out_backprop', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: BIAS_ATTRS,
  shape: ([dy], attrs, opName) => {
    requireNHWC(attrs, 'BiasAddGrad', opName);
    if (dy.shape !== null && dy.shape.length < 2) {
      throw new ValueError(`Shape must be at least rank 2 but is rank ${dy.shape.length} for '${opName}' (op: 'BiasAddGrad') ` +
        `with input shapes: ${shapeToString(dy.shape)}.`);
    }
    return { shape: [dy.shape === null ? null : dy.shape[dy.shape.length - 1]] };
  },
  // Its adjoint broadcasts the bias-shaped gradient over out_backprop's shape: a BiasAdd onto zeros.
  gradient: (op, [g]) => [makeOp1('BiasAdd', [makeOp1('ZerosLike', [op.inputs[0]]), g!], { data_format: op.attrs.data_format })],
};
