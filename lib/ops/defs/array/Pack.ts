import { LegacyOpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { mergeStatic, shapeToString } from '../../../framework/shape_utils';
import type { StaticShape } from '../../../registry/op_registry';
import { packKernel, unpackKernel } from '../../../../kernels/cpu/Concat';
import { stack, unstack } from '../../array_ops';
import { makeOp1 } from '../../op_builder';

/** Stacks N tensors of one shape into one with a new dimension of size N at `axis` (tf.stack). */
export const Pack: LegacyOpSpec = {
  name: 'Pack',
  inputs: [1, Infinity],
  attrs: { N: { type: 'int' }, axis: { type: 'int', default: 0 } },
  outputs: (values, attrs, opName) => {
    if (attrs.N !== values.length) throw new ValueError(`Pack '${opName}': attr N = ${attrs.N} but ${values.length} values were given`);
    const dtype = values[0].dtype;
    let shape: StaticShape = null;
    values.forEach((v, k) => {
      if (v.dtype !== dtype) throw new ValueError(`Pack '${opName}': values[${k}] has dtype ${v.dtype}, expected ${dtype} as values[0]`);
      try {
        shape = mergeStatic(shape, v.shape, 'stack');
      } catch {
        throw new ValueError(`Shapes of all inputs must match: values[0].shape = ${shapeToString(values[0].shape)} != ` +
          `values[${k}].shape = ${shapeToString(v.shape)} for '${opName}' (op: 'Pack')`);
      }
    });
    if (shape === null) return { dtype, shape: null };
    const s = shape as (number | null)[];
    const axis = normalizeAttrAxis(attrs.axis ?? 0, s.length + 1, opName, 'Pack');
    return { dtype, shape: [...s.slice(0, axis), values.length, ...s.slice(axis)] };
  },
  cpu: packKernel,
  gradient: (op, [dy]) => unstack(dy!, { num: op.inputs.length, axis: op.attrs.axis ?? 0 }),
};

/** Splits a tensor along `axis` into `num` tensors without that dimension (tf.unstack). */
export const Unpack: LegacyOpSpec = {
  name: 'Unpack',
  inputs: 1,
  attrs: { num: { type: 'int' }, axis: { type: 'int', default: 0 } },
  outputs: ([x], attrs, opName) => {
    const num = attrs.num;
    if (!(Number.isInteger(num) && num >= 0)) throw new ValueError(`Unpack '${opName}': num must be a non-negative integer, got ${num}`);
    if (x.shape === null) return new Array(num).fill(0).map(() => ({ dtype: x.dtype, shape: null }));
    const axis = normalizeAttrAxis(attrs.axis ?? 0, x.shape.length, opName, 'Unpack');
    const d = x.shape[axis];
    if (d !== null && d !== num) {
      throw new ValueError(`Dimension ${axis} of ${shapeToString(x.shape)} is ${d}, but '${opName}' (op: 'Unpack') unpacks num=${num}`);
    }
    const part = [...x.shape.slice(0, axis), ...x.shape.slice(axis + 1)];
    return new Array(num).fill(0).map(() => ({ dtype: x.dtype, shape: part.slice() }));
  },
  cpu: unpackKernel,
  // Outputs nobody differentiated contribute zeros to the stacked gradient.
  gradient: (op, grads) => {
    const filled = grads.map((g, i) => g ?? makeOp1('ZerosLike', [op.outputs[i]]));
    return [stack(filled, op.attrs.axis ?? 0)];
  },
};

export function normalizeAttrAxis(axis: number, rank: number, opName: string, opType: string): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ValueError(`axis = ${axis} not in [${-rank}, ${rank}) for '${opName}' (op: '${opType}')`);
  }
  return axis < 0 ? axis + rank : axis;
}
