import { LegacyOpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import type { Attrs, TensorSpec } from '../../../registry/op_registry';
import type { Operation } from '../../../framework/operation';
import { conv2DKernel } from '../../../../kernels/cpu/Conv2D';
import { conv2DBackpropInputKernel } from '../../../../kernels/cpu/Conv2DBackpropInput';
import { conv2DBackpropFilterKernel } from '../../../../kernels/cpu/Conv2DBackpropFilter';
import { conv2d, conv2d_backprop_filter, conv2d_backprop_input } from '../../nn_conv_ops';
import {
  checkWindowAttrs, mergeDims, requireFloat32, requireRank, requireShapeVector, staticWindowOutput,
} from './window_attrs';
import { shapeOf, shapeOperand } from '../known_inputs';

/** The attributes a convolution's gradient ops inherit from it. */
function convAttrs(op: Operation): { strides: number[]; padding: string; dilations: number[]; data_format: string } {
  return {
    strides: op.attrs.strides, padding: op.attrs.padding,
    dilations: op.attrs.dilations ?? [1, 1, 1, 1], data_format: op.attrs.data_format ?? 'NHWC',
  };
}

/** Static output shape of a convolution of `input` by `filter`, checking that they fit. */
function convOutputShape(input: TensorSpec, filter: TensorSpec, attrs: Attrs, opType: string, opName: string,
  all: TensorSpec[]): (number | null)[] {
  requireRank(input.shape, 4, opType, opName, all);
  requireRank(filter.shape, 4, opType, opName, all);
  const f = filter.shape ?? [null, null, null, null];
  const inC = input.shape?.[3] ?? null;
  if (inC !== null && f[2] !== null && inC !== f[2]) {
    throw new ValueError(`${opType} '${opName}': input and filter must have the same depth: ${inC} vs ${f[2]} ` +
      `(input shapes: ${all.map((s) => JSON.stringify(s.shape)).join(', ')})`);
  }
  return [...staticWindowOutput(input.shape, f[0], f[1], attrs, opType, opName), f[3]];
}

/** tf.nn.conv2d: NHWC input [N,H,W,C] convolved with filter [kh,kw,C,O] (a cross-correlation, as TF's). */
export const Conv2D: LegacyOpSpec = {
  name: 'Conv2D',
  inputs: 2,
  outputs: (inputs, attrs, opName) => {
    const [input, filter] = inputs;
    checkWindowAttrs(attrs, 'Conv2D', opName, 'conv');
    requireFloat32(input, 'input', 'Conv2D', opName);
    requireFloat32(filter, 'filter', 'Conv2D', opName);
    return { dtype: 'float32', shape: convOutputShape(input, filter, attrs, 'Conv2D', opName, inputs) };
  },
  cpu: conv2DKernel,
  gradient: (op, [dy]) => {
    const [input, filter] = op.inputs;
    const attrs = convAttrs(op);
    return [
      conv2d_backprop_input(shapeOf(input), filter, dy!, attrs.strides, attrs.padding, attrs),
      conv2d_backprop_filter(input, shapeOf(filter), dy!, attrs.strides, attrs.padding, attrs),
    ];
  },
};

/** Gradient of Conv2D with respect to its input, given the input's shape. */
export const Conv2DBackpropInput: LegacyOpSpec = {
  name: 'Conv2DBackpropInput',
  inputs: 3,
  outputs: (inputs, attrs, opName) => {
    const type = 'Conv2DBackpropInput';
    const [sizes, filter, dy] = inputs;
    checkWindowAttrs(attrs, type, opName, 'conv');
    requireShapeVector(sizes, 4, 'input_sizes', type, opName);
    requireFloat32(filter, 'filter', type, opName);
    requireFloat32(dy, 'out_backprop', type, opName);
    requireRank(filter.shape, 4, type, opName, inputs);
    requireRank(dy.shape, 4, type, opName, inputs);
    const f = filter.shape ?? [null, null, null, null];
    mergeDims([null, null, null, f[3]], dy.shape, 'out_backprop (its depth must be the filter\'s out_channels)', type, opName);
    const described = shapeOperand(sizes);
    let shape: (number | null)[] = [dy.shape?.[0] ?? null, null, null, f[2]];
    if (described) {
      shape = mergeDims(described, shape, 'input_sizes', type, opName);
      const expected = convOutputShape({ dtype: 'float32', shape }, filter, attrs, type, opName, inputs);
      mergeDims(expected, dy.shape, 'out_backprop', type, opName);
    }
    return { dtype: 'float32', shape };
  },
  cpu: conv2DBackpropInputKernel,
  // Linear in filter and out_backprop: each gradient is the other convolution of the pair.
  gradient: (op, [grad]) => {
    const [, filter, dy] = op.inputs;
    const attrs = convAttrs(op);
    return [
      null,
      conv2d_backprop_filter(grad!, shapeOf(filter), dy, attrs.strides, attrs.padding, attrs),
      conv2d(grad!, filter, attrs.strides, attrs.padding, attrs),
    ];
  },
};

/** Gradient of Conv2D with respect to its filter, given the filter's shape. */
export const Conv2DBackpropFilter: LegacyOpSpec = {
  name: 'Conv2DBackpropFilter',
  inputs: 3,
  outputs: (inputs, attrs, opName) => {
    const type = 'Conv2DBackpropFilter';
    const [input, sizes, dy] = inputs;
    checkWindowAttrs(attrs, type, opName, 'conv');
    requireFloat32(input, 'input', type, opName);
    requireShapeVector(sizes, 4, 'filter_sizes', type, opName);
    requireFloat32(dy, 'out_backprop', type, opName);
    requireRank(input.shape, 4, type, opName, inputs);
    requireRank(dy.shape, 4, type, opName, inputs);
    mergeDims([input.shape?.[0] ?? null, null, null, null], dy.shape, 'out_backprop (its batch must be the input\'s)', type, opName);
    const described = shapeOperand(sizes);
    let shape: (number | null)[] = [null, null, input.shape?.[3] ?? null, dy.shape?.[3] ?? null];
    if (described) {
      shape = mergeDims(described, shape, 'filter_sizes', type, opName);
      const expected = convOutputShape(input, { dtype: 'float32', shape }, attrs, type, opName, inputs);
      mergeDims(expected, dy.shape, 'out_backprop', type, opName);
    }
    return { dtype: 'float32', shape };
  },
  cpu: conv2DBackpropFilterKernel,
  gradient: (op, [grad]) => {
    const [input, , dy] = op.inputs;
    const attrs = convAttrs(op);
    return [
      conv2d_backprop_input(shapeOf(input), grad!, dy, attrs.strides, attrs.padding, attrs),
      null,
      conv2d(input, grad!, attrs.strides, attrs.padding, attrs),
    ];
  },
};
