import type { DType } from '../../../framework/dtypes';
import type { TensorSpec, StaticShape } from '../../../registry/op_registry';
import type { NDArray } from '../../../framework/ndarray';
import type { Tensor } from '../../../framework/tensor';
import type { Attrs } from '../../../registry/op_registry';
import { ValueError } from '../../../framework/errors';
import { mergeStatic } from '../../../framework/shape_utils';

export const NUMERIC: readonly DType[] = ['float32', 'int32', 'int64', 'uint8'];
export const FLOATS: readonly DType[] = ['float32'];
export const INTEGERS: readonly DType[] = ['int32', 'int64'];

/** ValueError unless both operands have the same dtype (TF1 never converts implicitly). */
export function requireSameDType(opType: string, opName: string, x: TensorSpec, y: TensorSpec): void {
  if (x.dtype !== y.dtype) {
    throw new ValueError(`Input 'y' of '${opType}' Op '${opName}' has type ${y.dtype} that does not match ` +
      `type ${x.dtype} of argument 'x'.`);
  }
}

/** ValueError unless the input's dtype is one the op accepts. */
export function requireDType(opType: string, opName: string, spec: TensorSpec, allowed: readonly DType[], arg = 'x'): void {
  if (!allowed.includes(spec.dtype)) {
    throw new ValueError(`Value passed to parameter '${arg}' of '${opType}' Op '${opName}' has DataType ${spec.dtype} ` +
      `not in list of allowed values: ${allowed.join(', ')}`);
  }
}

/**
 * The value of a constant input, when graph construction can see it. Shape
 * inference of Reshape, Fill, the reductions and ArgMax uses it as TF1's shape
 * functions use `input_tensor(i)`; without it those ops infer less.
 */
export function constantValue(spec: TensorSpec): NDArray | null {
  return (spec as TensorSpec & { value?: NDArray }).value ?? null;
}

/** A constant input's values as JS numbers, or null when not constant. */
export function constantNumbers(spec: TensorSpec): number[] | null {
  const v = constantValue(spec);
  return v ? Array.from(v.data) : null;
}

/**
 * TF1's Tensor.set_shape: narrows a tensor's static shape with knowledge the op's
 * shape inference could not see (a constant operand). The new shape must be
 * compatible with the old one; it only ever fills in unknowns.
 */
export function refineStaticShape(t: Tensor, shape: StaticShape): Tensor {
  if (shape === null) return t;
  const merged = mergeStatic(t.shape, shape, `refining the shape of ${t.name}`);
  (t as { shape: StaticShape }).shape = merged;
  return t;
}

/** The value of a constant tensor (a Const op's output), else null. */
export function constantOf(t: Tensor): NDArray | null {
  return t.op.type === 'Const' ? (t.op.attrs.value as NDArray) : null;
}

/**
 * Adds an op whose static shape the caller can work out from constant operands
 * (see constantValue). The shape is computed first, under the name the op will
 * get, so a shape error leaves the graph without a half-built op.
 */
export function makeOpWithStaticShape(type: string, inputs: Tensor[], attrs: Attrs, name: string | undefined,
  staticShape: ((opName: string) => StaticShape) | null): Tensor {
  const g = inputs[0].graph;
  if (staticShape === null) return g.create_op(type, inputs, attrs, name).outputs[0];
  const opName = name && name.endsWith('/') ? name.slice(0, -1) : g.unique_name(name || type, false);
  const shape = staticShape(opName);
  return refineStaticShape(g.create_op(type, inputs, attrs, name).outputs[0], shape);
}
