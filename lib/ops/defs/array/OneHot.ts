import { LegacyOpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { oneHotKernel } from '../../../../kernels/cpu/OneHot';
import { knownInts } from '../known_inputs';
import { requireRank } from './checks';

/** One-hot encoding of integer indices (tf.one_hot); not differentiable. */
export const OneHot: LegacyOpSpec = {
  name: 'OneHot',
  inputs: 4,
  attrs: { axis: { type: 'int', default: -1 } },
  outputs: (specs, attrs, opName) => {
    const [indices, depthSpec, on, off] = specs;
    const where = `for '${opName}' (op: 'OneHot')`;
    if (!['int32', 'int64', 'uint8'].includes(indices.dtype)) {
      throw new ValueError(`indices must be int32, int64 or uint8, got ${indices.dtype} ${where}`);
    }
    if (depthSpec.dtype !== 'int32') throw new ValueError(`depth must be int32, got ${depthSpec.dtype} ${where}`);
    requireRank(depthSpec, 0, 'depth', opName, 'OneHot');
    requireRank(on, 0, 'on_value', opName, 'OneHot');
    requireRank(off, 0, 'off_value', opName, 'OneHot');
    if (on.dtype !== off.dtype) throw new ValueError(`on_value (${on.dtype}) and off_value (${off.dtype}) must have the same dtype ${where}`);
    const axis = attrs.axis ?? -1;
    const depthValue = knownInts(depthSpec);
    const depth = depthValue ? depthValue[0] : null;
    if (depth !== null && depth < 0) throw new ValueError(`depth must be non-negative, got ${depth} ${where}`);
    if (indices.shape === null) return { dtype: on.dtype, shape: null };
    const rank = indices.shape.length;
    if (!Number.isInteger(axis) || axis < -1 || axis > rank) {
      throw new ValueError(`Expected axis to be -1 or between [0, ${rank}]. But received: ${axis} ${where} ` +
        `with indices shape ${shapeToString(indices.shape)}`);
    }
    const a = axis === -1 ? rank : axis;
    return { dtype: on.dtype, shape: [...indices.shape.slice(0, a), depth, ...indices.shape.slice(a)] };
  },
  cpu: oneHotKernel,
  gradient: null,
};
