import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import type { Attrs, StaticShape, TensorSpec } from '../../../registry/op_registry';
import type { Operation } from '../../../framework/operation';
import { conv2d, conv2d_backprop_filter, conv2d_backprop_input } from '../../nn_conv_ops';
import { checkWindowAttrs, convAttrSpecs, mergeDims, requireRank, requireShapeVector, staticWindowOutput } from './window_attrs';
import { shapeOf, shapeOperand } from '../known_inputs';

/*
 * Conv2D and its two backprops (kernels: kernels/cpu/Conv2D.ts,
 * Conv2DBackpropInput.ts, Conv2DBackpropFilter.ts), all with Conv2D's attrs.
 */

/** The attributes a convolution's gradient ops inherit from it. */
function convAttrs(op: Operation): {
  strides: number[]; padding: string; dilations: number[]; data_format: string; use_cudnn_on_gpu: boolean; explicit_paddings: number[];
} {
  const a = op.attrs;
  return {
    strides: a.strides, padding: a.padding, dilations: a.dilations, data_format: a.data_format,
    use_cudnn_on_gpu: a.use_cudnn_on_gpu, explicit_paddings: a.explicit_paddings,
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

/**
 * TF's message for out_backprop's height or width not being what the convolution of
 * input_sizes gives (conv2d_transpose's usual mistake), checked here at build time.
 */
function checkSpatialSizes(input: (number | null)[], filter: (number | null)[], computed: (number | null)[],
  actual: StaticShape, attrs: Attrs, opName: string): void {
  for (const dim of [1, 2]) {
    const got = actual?.[dim] ?? null, want = computed[dim];
    if (got === null || want === null || got === want) continue;
    throw new ValueError(`Conv2DBackpropInput '${opName}': Conv2DCustomBackpropInput: Size of out_backprop doesn't match computed: ` +
      `actual = ${got}, computed = ${want} spatial_dim: ${dim} input: ${input[dim]} filter: ${filter[dim - 1]} ` +
      `output: ${got} stride: ${attrs.strides[dim]} dilation: ${attrs.dilations[dim]}`);
  }
}

/** tf.nn.conv2d: NHWC input [N,H,W,C] convolved with filter [kh,kw,C,O] (a cross-correlation, as TF's). */
export const Conv2D: OpSpec = {
  name: 'Conv2D',
  inputs: [{ name: 'input', type_attr: 'T' }, { name: 'filter', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: convAttrSpecs(),
  shape: (inputs, attrs, opName) => {
    const [input, filter] = inputs;
    checkWindowAttrs(attrs, 'Conv2D', opName, 'conv');
    return { shape: convOutputShape(input, filter, attrs, 'Conv2D', opName, inputs) };
  },
  gradient: (op, [dy]) => {
    const [input, filter] = op.inputs;
    const attrs = convAttrs(op);
    return [
      conv2d_backprop_input(shapeOf(input), filter, dy!, attrs),
      conv2d_backprop_filter(input, shapeOf(filter), dy!, attrs),
    ];
  },
};

/** Gradient of Conv2D with respect to its input, given the input's shape. */
export const Conv2DBackpropInput: OpSpec = {
  name: 'Conv2DBackpropInput',
  inputs: [{ name: 'input_sizes', type: 'int32' }, { name: 'filter', type_attr: 'T' }, { name: 'out_backprop', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: convAttrSpecs(),
  shape: (inputs, attrs, opName) => {
    const type = 'Conv2DBackpropInput';
    const [sizes, filter, dy] = inputs;
    checkWindowAttrs(attrs, type, opName, 'conv');
    requireShapeVector(sizes, 4, 'input_sizes', type, opName);
    requireRank(filter.shape, 4, type, opName, inputs);
    requireRank(dy.shape, 4, type, opName, inputs);
    const f = filter.shape ?? [null, null, null, null];
    mergeDims([null, null, null, f[3]], dy.shape, 'out_backprop (its depth must be the filter\'s out_channels)', type, opName);
    const described = shapeOperand(sizes);
    let shape: (number | null)[] = [dy.shape?.[0] ?? null, null, null, f[2]];
    if (described) {
      shape = mergeDims(described, shape, 'input_sizes', type, opName);
      const expected = convOutputShape({ dtype: filter.dtype, shape }, filter, attrs, type, opName, inputs);
      checkSpatialSizes(shape, f, expected, dy.shape, attrs, opName);
      mergeDims(expected, dy.shape, 'out_backprop', type, opName);
    }
    return { shape };
  },
  // Linear in filter and out_backprop: each gradient is the other convolution of the pair.
  gradient: (op, [grad]) => {
    const [, filter, dy] = op.inputs;
    const attrs = convAttrs(op);
    return [
      null,
      conv2d_backprop_filter(grad!, shapeOf(filter), dy, attrs),
      conv2d(grad!, filter, attrs),
    ];
  },
};

/** Gradient of Conv2D with respect to its filter, given the filter's shape. */
export const Conv2DBackpropFilter: OpSpec = {
  name: 'Conv2DBackpropFilter',
  inputs: [{ name: 'input', type_attr: 'T' }, { name: 'filter_sizes', type: 'int32' }, { name: 'out_backprop', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: convAttrSpecs(),
  shape: (inputs, attrs, opName) => {
    const type = 'Conv2DBackpropFilter';
    const [input, sizes, dy] = inputs;
    checkWindowAttrs(attrs, type, opName, 'conv');
    requireShapeVector(sizes, 4, 'filter_sizes', type, opName);
    requireRank(input.shape, 4, type, opName, inputs);
    requireRank(dy.shape, 4, type, opName, inputs);
    mergeDims([input.shape?.[0] ?? null, null, null, null], dy.shape, 'out_backprop (its batch must be the input\'s)', type, opName);
    const described = shapeOperand(sizes);
    let shape: (number | null)[] = [null, null, input.shape?.[3] ?? null, dy.shape?.[3] ?? null];
    if (described) {
      shape = mergeDims(described, shape, 'filter_sizes', type, opName);
      const expected = convOutputShape(input, { dtype: input.dtype, shape }, attrs, type, opName, inputs);
      mergeDims(expected, dy.shape, 'out_backprop', type, opName);
    }
    return { shape };
  },
  gradient: (op, [grad]) => {
    const [input, , dy] = op.inputs;
    const attrs = convAttrs(op);
    return [
      conv2d_backprop_input(shapeOf(input), grad!, dy, attrs),
      null,
      conv2d(input, grad!, attrs),
    ];
  },
};
