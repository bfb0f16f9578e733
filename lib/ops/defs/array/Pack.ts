import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { mergeStatic, shapeToString } from '../../../framework/shape_utils';
import type { StaticShape } from '../../../registry/op_registry';
import { stack, unstack } from '../../array_ops';
import { makeOp1 } from '../../op_builder';

/**
 * Stacks N tensors of one shape into one with a new dimension of size N at `axis`
 * (tf.stack). Kernels of both ops: kernels/cpu/Concat.ts.
 */
export const Pack: OpSpec = {
  name: 'Pack',
  inputs: [{ name: 'values', number_attr: 'N', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: {
    N: { type: 'int', minimum: 1 },
    T: { type: 'type' },
    axis: { type: 'int', default: 0 },
  },
  shape: (values, attrs, opName) => {
    let shape: StaticShape = null;
    values.forEach((v, k) => {
      try {
        shape = mergeStatic(shape, v.shape, 'stack');
      } catch {
        throw new ValueError(`Shapes of all inputs must match: values[0].shape = ${shapeToString(values[0].shape)} != ` +
          `values[${k}].shape = ${shapeToString(v.shape)} for '${opName}' (op: 'Pack')`);
      }
    });
    if (shape === null) return { shape: null };
    const s = shape as (number | null)[];
    const axis = normalizeAttrAxis(attrs.axis, s.length + 1, opName, 'Pack');
    return { shape: [...s.slice(0, axis), values.length, ...s.slice(axis)] };
  },
  gradient: (op, [dy]) => unstack(dy!, { num: op.inputs.length, axis: op.attrs.axis }),
};

/** Splits a tensor along `axis` into `num` tensors without that dimension (tf.unstack). */
export const Unpack: OpSpec = {
  name: 'Unpack',
  inputs: [{ name: 'value', type_attr: 'T' }],
  outputs: [{ name: 'output', number_attr: 'num', type_attr: 'T' }],
  attrs: {
    num: { type: 'int', minimum: 0 },
    T: { type: 'type' },
    axis: { type: 'int', default: 0 },
  },
  shape: ([x], attrs, opName) => {
    const num: number = attrs.num;
    if (x.shape === null) return new Array(num).fill(0).map(() => ({ shape: null }));
    const axis = normalizeAttrAxis(attrs.axis, x.shape.length, opName, 'Unpack');
    const d = x.shape[axis];
    if (d !== null && d !== num) {
      throw new ValueError(`Dimension ${axis} of ${shapeToString(x.shape)} is ${d}, but '${opName}' (op: 'Unpack') unpacks num=${num}`);
    }
    const part = [...x.shape.slice(0, axis), ...x.shape.slice(axis + 1)];
    return new Array(num).fill(0).map(() => ({ shape: part.slice() }));
  },
  // Outputs nobody differentiated contribute zeros to the stacked gradient.
  gradient: (op, grads) => {
    const filled = grads.map((g, i) => g ?? makeOp1('ZerosLike', [op.outputs[i]]));
    return [stack(filled, op.attrs.axis)];
  },
};

export function normalizeAttrAxis(axis: number, rank: number, opName: string, opType: string): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ValueError(`axis = ${axis} not in [${-rank}, ${rank}) for '${opName}' (op: '${opType}')`);
  }
  return axis < 0 ? axis + rank : axis;
}
