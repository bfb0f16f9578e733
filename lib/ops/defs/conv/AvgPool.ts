import type { OpSpec } from '../../register_op';
import { makeOp1 } from '../../op_builder';
import { poolAttrs, poolOutputShape } from './MaxPool';
import { checkWindowAttrs, mergeDims, poolAttrSpecs, requireRank, requireShapeVector } from './window_attrs';
import { addOp, shapeOf, shapeOperand } from '../known_inputs';

/** AvgPool(value): the mean over each ksize window, padding not counted, NHWC (kernel: kernels/cpu/AvgPool.ts). */
export const AvgPool: OpSpec = {
  name: 'AvgPool',
  inputs: [{ name: 'value', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: poolAttrSpecs({ explicit: false, formats: ['NHWC', 'NCHW'] }),
  shape: (inputs, attrs, opName) => ({ shape: poolOutputShape(inputs[0], attrs, 'AvgPool', opName, inputs) }),
  gradient: (op, [dy]) => [addOp('AvgPoolGrad', [shapeOf(op.inputs[0]), dy!], poolAttrs(op))],
};

/** AvgPoolGrad(orig_input_shape, grad): spreads each window's gradient evenly over its pixels (kernel: kernels/cpu/AvgPoolGrad.ts). */
export const AvgPoolGrad: OpSpec = {
  name: 'AvgPoolGrad',
  inputs: [{ name: 'orig_input_shape', type: 'int32' }, { name: 'grad', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: poolAttrSpecs({ explicit: false, formats: ['NHWC', 'NCHW'] }),
  shape: (inputs, attrs, opName) => {
    const type = 'AvgPoolGrad';
    const [sizes, grad] = inputs;
    checkWindowAttrs(attrs, type, opName, 'pool');
    requireShapeVector(sizes, 4, 'orig_input_shape', type, opName);
    requireRank(grad.shape, 4, type, opName, inputs);
    const described = shapeOperand(sizes);
    let shape: (number | null)[] = [grad.shape?.[0] ?? null, null, null, grad.shape?.[3] ?? null];
    if (described) {
      shape = mergeDims(described, shape, 'orig_input_shape', type, opName);
      const out = poolOutputShape({ dtype: grad.dtype, shape }, attrs, type, opName, inputs);
      mergeDims(out, grad.shape, 'grad', type, opName);
    }
    return { shape };
  },
  // Linear in grad, and its adjoint is the average pool itself.
  gradient: (op, [g]) => [null, makeOp1('AvgPool', [g!], poolAttrs(op))],
};
