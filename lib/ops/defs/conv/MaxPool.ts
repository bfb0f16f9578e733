import type { OpSpec } from '../../register_op';
import type { Attrs, TensorSpec } from '../../../registry/op_registry';
import type { Operation } from '../../../framework/operation';
import { makeOp1 } from '../../op_builder';
import { checkWindowAttrs, mergeDims, poolAttrSpecs, requireRank, staticWindowOutput } from './window_attrs';

/** The window attrs a pool's gradient op takes from it (every pool and pool gradient has these). */
export function poolAttrs(op: Operation): Attrs {
  return { ksize: op.attrs.ksize, strides: op.attrs.strides, padding: op.attrs.padding, data_format: op.attrs.data_format };
}

/** Static output shape of a pool over `input`, after checking the attrs. */
export function poolOutputShape(input: TensorSpec, attrs: Attrs, opType: string, opName: string, all: TensorSpec[]): (number | null)[] {
  checkWindowAttrs(attrs, opType, opName, 'pool');
  requireRank(input.shape, 4, opType, opName, all);
  return [...staticWindowOutput(input.shape, attrs.ksize[1], attrs.ksize[2], attrs, opType, opName), input.shape?.[3] ?? null];
}

/** MaxPool(input): the max over each ksize window, NHWC (kernel: kernels/cpu/MaxPool.ts). */
export const MaxPool: OpSpec = {
  name: 'MaxPool',
  inputs: [{ name: 'input', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: poolAttrSpecs({ explicit: true, formats: ['NHWC', 'NCHW', 'NCHW_VECT_C'], defaultT: 'float32' }),
  shape: (inputs, attrs, opName) => ({ shape: poolOutputShape(inputs[0], attrs, 'MaxPool', opName, inputs) }),
  gradient: (op, [dy]) => [makeOp1('MaxPoolGrad', [op.inputs[0], op.outputs[0], dy!],
    { ...poolAttrs(op), explicit_paddings: op.attrs.explicit_paddings })],
};

/** MaxPoolGrad(orig_input, orig_output, grad): routes each window's gradient to its max (kernels: kernels/cpu/MaxPoolGrad.ts). */
export const MaxPoolGrad: OpSpec = {
  name: 'MaxPoolGrad',
  inputs: [{ name: 'orig_input', type_attr: 'T' }, { name: 'orig_output', type_attr: 'T' }, { name: 'grad', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: poolAttrSpecs({ explicit: true, formats: ['NHWC', 'NCHW'], defaultT: 'float32' }),
  shape: (inputs, attrs, opName) => {
    const [origInput, origOutput, grad] = inputs;
    const out = poolOutputShape(origInput, attrs, 'MaxPoolGrad', opName, inputs);
    mergeDims(mergeDims(out, origOutput.shape, 'orig_output', 'MaxPoolGrad', opName), grad.shape, 'grad', 'MaxPoolGrad', opName);
    return { shape: origInput.shape ?? [null, null, null, null] };
  },
  // Linear in grad; the max positions are locally constant, so orig_input/orig_output get none.
  gradient: (op, [g]) => [null, null, makeOp1('MaxPoolGradGrad', [op.inputs[0], op.inputs[1], g!], poolAttrs(op))],
};

/** MaxPoolGradGrad(orig_input, orig_output, grad): reads `grad` at each window's max (the adjoint of MaxPoolGrad). */
export const MaxPoolGradGrad: OpSpec = {
  name: 'MaxPoolGradGrad',
  inputs: [{ name: 'orig_input', type_attr: 'T' }, { name: 'orig_output', type_attr: 'T' }, { name: 'grad', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: poolAttrSpecs({ explicit: false, formats: ['NHWC', 'NCHW'] }),
  shape: (inputs, attrs, opName) => {
    const [origInput, origOutput, grad] = inputs;
    const out = poolOutputShape(origInput, attrs, 'MaxPoolGradGrad', opName, inputs);
    if (origInput.shape) mergeDims(origInput.shape, grad.shape, 'grad', 'MaxPoolGradGrad', opName);
    return { shape: mergeDims(out, origOutput.shape, 'orig_output', 'MaxPoolGradGrad', opName) };
  },
  gradient: (op, [g]) => [null, null, makeOp1('MaxPoolGrad', [op.inputs[0], op.inputs[1], g!], poolAttrs(op))],
};
