import { NDArray } from '../../framework/ndarray';
import type { Tensor } from '../../framework/tensor';
export { fullyKnown, constantValue, constantInts, constantPartialShape } from '../../framework/constant_value';
import { fullyKnown } from '../../framework/constant_value';
import type { Attrs, StaticShape, TensorSpec } from '../../registry/op_registry';

/*
 * What shape inference knows about an input besides its dtype and static shape, for
 * the ops whose output shape depends on a small int operand (a perm, an axis, begin,
 * a shape). TF1's shape functions read such operands with input_tensor(i) and
 * input_tensors_as_shapes; here Graph.create_op hands over what it knows
 * (TensorSpec.value, TensorSpec.valueAsShape: lib/framework/constant_value.ts),
 * and the op definitions read it only through this module.
 */


/** The value of an input when the graph knows it while building, else null. */
export function knownValue(spec: TensorSpec): NDArray | null {
  return spec.value ?? null;
}

/** knownValue as JS numbers. */
export function knownInts(spec: TensorSpec): number[] | null {
  const v = spec.value;
  return v ? Array.from(v.data as ArrayLike<number>) : null;
}

/**
 * The shape described by a 1-D shape operand (Fill's dims, a random op's shape,
 * Conv2DBackpropInput's input_sizes, ...): its value when known, else what its
 * producer tells, else as many unknown dimensions as its length.
 */
export function shapeOperand(spec: TensorSpec): StaticShape {
  const value = knownInts(spec);
  if (value) return value;
  const partial = spec.valueAsShape;
  if (partial !== undefined) return partial;
  const len = spec.shape?.length === 1 ? spec.shape[0] : null;
  return len === null ? null : new Array<null>(len).fill(null);
}

/** Tensor.set_shape (TF1's rule, in lib/framework/tensor_shape.ts) returning t, for chaining in gradients. */
export function setShape(t: Tensor, shape: StaticShape): Tensor {
  t.set_shape(shape);
  return t;
}

/**
 * tf.shape(t) as gradient functions build it, in t's graph: a Const when t's static
 * shape is fully known (so the shape of what is built from it is known too), else a
 * Shape op.
 */
export function shapeOf(t: Tensor): Tensor {
  const dims = fullyKnown(t.shape);
  if (dims) {
    const value = new NDArray(Int32Array.from(dims), [dims.length], 'int32');
    return t.graph.create_op('Const', [], { value, dtype: 'int32' }, 'Shape').outputs[0];
  }
  return t.graph.create_op('Shape', [t], { out_type: 'int32' }).outputs[0];
}

/** create_op for the common single-output case, in the inputs' graph. */
export function addOp(type: string, inputs: Tensor[], attrs: Attrs = {}, name?: string | null): Tensor {
  return inputs[0].graph.create_op(type, inputs, attrs, name).outputs[0];
}
