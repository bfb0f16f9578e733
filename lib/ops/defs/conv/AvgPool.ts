import { LegacyOpSpec } from '../../register_op';
import { avgPoolKernel } from '../../../../kernels/cpu/AvgPool';
import { avgPoolGradKernel } from '../../../../kernels/cpu/AvgPoolGrad';
import { makeOp1 } from '../../op_builder';
import { poolAttrs, poolOutputShape } from './MaxPool';
import { checkWindowAttrs, mergeDims, requireFloat32, requireRank, requireShapeVector } from './window_attrs';
import { addOp, shapeOf, shapeOperand } from '../known_inputs';

/** AvgPool(value): the mean over each ksize window, padding not counted (NHWC). */
export const AvgPool: LegacyOpSpec = {
  name: 'AvgPool',
  inputs: 1,
  outputs: (inputs, attrs, opName) => ({ dtype: 'float32', shape: poolOutputShape(inputs[0], attrs, 'AvgPool', opName, inputs) }),
  cpu: avgPoolKernel,
  gradient: (op, [dy]) => [addOp('AvgPoolGrad', [shapeOf(op.inputs[0]), dy!], poolAttrs(op))],
};

/** AvgPoolGrad(orig_input_shape, grad): spreads each window's gradient evenly over its pixels. */
export const AvgPoolGrad: LegacyOpSpec = {
  name: 'AvgPoolGrad',
  inputs: 2,
  outputs: (inputs, attrs, opName) => {
    const type = 'AvgPoolGrad';
    const [sizes, grad] = inputs;
    checkWindowAttrs(attrs, type, opName, 'pool');
    requireShapeVector(sizes, 4, 'orig_input_shape', type, opName);
    requireFloat32(grad, 'grad', type, opName);
    requireRank(grad.shape, 4, type, opName, inputs);
    const described = shapeOperand(sizes);
    let shape: (number | null)[] = [grad.shape?.[0] ?? null, null, null, grad.shape?.[3] ?? null];
    if (described) {
      shape = mergeDims(described, shape, 'orig_input_shape', type, opName);
      const out = poolOutputShape({ dtype: 'float32', shape }, attrs, type, opName, inputs);
      mergeDims(out, grad.shape, 'grad', type, opName);
    }
    return { dtype: 'float32', shape };
  },
  cpu: avgPoolGradKernel,
  // Linear in grad, and its adjoint is the average pool itself.
  gradient: (op, [g]) => [null, makeOp1('AvgPool', [g!], {
    ksize: op.attrs.ksize, strides: op.attrs.strides, padding: op.attrs.padding, data_format: op.attrs.data_format ?? 'NHWC',
  })],
};
