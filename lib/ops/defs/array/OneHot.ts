import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { knownInts } from '../known_inputs';
import { requireRank } from './checks';

/** One-hot encoding of integer indices (tf.one_hot); not differentiable (kernel: kernels/cpu/OneHot.ts). */
export const OneHot: OpSpec = {
  name: 'OneHot',
  inputs: [
    { name: 'indices', type_attr: 'TI' }, { name: 'depth', type: 'int32' },
    { name: 'on_value', type_attr: 'T' }, { name: 'off_value', type_attr: 'T' },
  ],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: {
    axis: { type: 'int', default: -1 },
    T: { type: 'type' },
    TI: { type: 'type', allowed_values: ['uint8', 'int32', 'int64'], default: 'int64' },
  },
  shape: (specs, attrs, opName) => {
    const [indices, depthSpec, on, off] = specs;
    const where = `for '${opName}' (op: 'OneHot')`;
    requireRank(depthSpec, 0, 'depth', opName, 'OneHot');
    requireRank(on, 0, 'on_value', opName, 'OneHot');
    requireRank(off, 0, 'off_value', opName, 'OneHot');
    const axis: number = attrs.axis;
    const depthValue = knownInts(depthSpec);
    const depth = depthValue ? depthValue[0] : null;
    if (depth !== null && depth < 0) throw new ValueError(`depth must be non-negative, got ${depth} ${where}`);
    if (indices.shape === null) return { shape: null };
    const rank = indices.shape.length;
    if (axis < -1 || axis > rank) {
      throw new ValueError(`Expected axis to be -1 or between [0, ${rank}]. But received: ${axis} ${where} ` +
        `with indices shape ${shapeToString(indices.shape)}`);
    }
    const a = axis === -1 ? rank : axis;
    return { shape: [...indices.shape.slice(0, a), depth, ...indices.shape.slice(a)] };
  },
  gradient: null,
};
