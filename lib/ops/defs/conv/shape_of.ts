import { NDArray } from '../../../framework/ndarray';
import type { Tensor } from '../../../framework/tensor';
import type { StaticShape } from '../../../registry/op_registry';
import { mergeStatic } from '../../../framework/shape_utils';
import { makeOp1 } from '../../op_builder';

/**
 * tf.shape(t) for gradient functions: a Const when the static shape is fully
 * known (so the gradient op's shape is known at build time too), else a Shape op.
 * Built in t's graph, which need not be the default one.
 */
export function shapeOf(t: Tensor): Tensor {
  const s = t.shape;
  if (s !== null && s.every((d) => d !== null)) {
    const value = new NDArray(Int32Array.from(s as number[]), [s.length], 'int32');
    return t.graph.create_op('Const', [], { value, dtype: 'int32' }, 'Shape').outputs[0];
  }
  return makeOp1('Shape', [t], { out_type: 'int32' });
}

/** The numbers of a shape operand the caller gave as a list or as a Const, else null. */
export function knownSizes(sizes: unknown): number[] | null {
  if (Array.isArray(sizes) && sizes.every((d) => typeof d === 'number')) return sizes as number[];
  const t = sizes as Tensor | null;
  if (t && typeof t === 'object' && 'op' in t && t.op?.type === 'Const') return Array.from((t.op.attrs.value as NDArray).data);
  return null;
}

/**
 * TF1's Tensor.set_shape: narrows a tensor's static shape with what the caller knows
 * and shape inference could not see (the value of a shape operand, the shape of the
 * tensor a gradient is for). It only fills in unknowns; a conflict is a ValueError.
 */
export function refineShape(t: Tensor, shape: StaticShape): Tensor {
  if (shape === null) return t;
  (t as { shape: StaticShape }).shape = mergeStatic(t.shape, shape, `setting the shape of ${t.name}`);
  return t;
}
