import { LegacyOpSpec } from '../../register_op';
import type { Attrs, TensorSpec } from '../../../registry/op_registry';
import type { Operation } from '../../../framework/operation';
import { maxPoolKernel } from '../../../../kernels/cpu/MaxPool';
import { maxPoolGradKernel, maxPoolGradGradKernel } from '../../../../kernels/cpu/MaxPoolGrad';
import { makeOp1 } from '../../op_builder';
import { checkWindowAttrs, mergeDims, requireFloat32, requireRank, staticWindowOutput } from './window_attrs';

export function poolAttrs(op: Operation): Attrs {
  return { ksize: op.attrs.ksize, strides: op.attrs.strides, padding: op.attrs.padding, data_format: op.attrs.data_format ?? 'NHWC' };
}

/** Static output shape of a pool over `input`, after checking the attrs. */
export function poolOutputShape(input: TensorSpec, attrs: Attrs, opType: string, opName: string, all: TensorSpec[]): (number | null)[] {
  checkWindowAttrs(attrs, opType, opName, 'pool');
  requireFloat32(input, 'input', opType, opName);
  requireRank(input.shape, 4, opType, opName, all);
  return [...staticWindowOutput(input.shape, attrs.ksize[1], attrs.ksize[2], attrs, opType, opName), input.shape?.[3] ?? null];
}

/** MaxPool(value): the max over each ksize window (NHWC). */
export const MaxPool: LegacyOpSpec = {
  name: 'MaxPool',
  inputs: 1,
  outputs: (inputs, attrs, opName) => ({ dtype: 'float32', shape: poolOutputShape(inputs[0], attrs, 'MaxPool', opName, inputs) }),
  cpu: maxPoolKernel,
  gradient: (op, [dy]) => [makeOp1('MaxPoolGrad', [op.inputs[0], op.outputs[0], dy!], poolAttrs(op))],
};

/** MaxPoolGrad(orig_input, orig_output, grad): routes each window's gradient to its max. */
export const MaxPoolGrad: LegacyOpSpec = {
  name: 'MaxPoolGrad',
  inputs: 3,
  outputs: (inputs, attrs, opName) => {
    const [origInput, origOutput, grad] = inputs;
    const out = poolOutputShape(origInput, attrs, 'MaxPoolGrad', opName, inputs);
    requireFloat32(grad, 'grad', 'MaxPoolGrad', opName);
    mergeDims(mergeDims(out, origOutput.shape, 'orig_output', 'MaxPoolGrad', opName), grad.shape, 'grad', 'MaxPoolGrad', opName);
    return { dtype: 'float32', shape: origInput.shape ?? [null, null, null, null] };
  },
  cpu: maxPoolGradKernel,
  // Linear in grad; the max positions are locally constant, so orig_input/orig_output get none.
  gradient: (op, [g]) => [null, null, makeOp1('MaxPoolGradGrad', [op.inputs[0], op.inputs[1], g!], poolAttrs(op))],
};

/** MaxPoolGradGrad(orig_input, orig_output, grad): reads `grad` at each window's max (the adjoint of MaxPoolGrad). */
export const MaxPoolGradGrad: LegacyOpSpec = {
  name: 'MaxPoolGradGrad',
  inputs: 3,
  outputs: (inputs, attrs, opName) => {
    const [origInput, origOutput, grad] = inputs;
    const out = poolOutputShape(origInput, attrs, 'MaxPoolGradGrad', opName, inputs);
    requireFloat32(grad, 'grad', 'MaxPoolGradGrad', opName);
    if (origInput.shape) mergeDims(origInput.shape, grad.shape, 'grad', 'MaxPoolGradGrad', opName);
    return { dtype: 'float32', shape: mergeDims(out, origOutput.shape, 'orig_output', 'MaxPoolGradGrad', opName) };
  },
  cpu: maxPoolGradGradKernel,
  gradient: (op, [g]) => [null, null, makeOp1('MaxPoolGrad', [op.inputs[0], op.inputs[1], g!], poolAttrs(op))],
};
