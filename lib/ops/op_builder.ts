import { Tensor, TensorLike } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { convertToTensor, graphOf } from '../framework/convert';
import type { Attrs } from '../registry/op_registry';

/** Converts the operands and adds an op of the given type to their graph. */
export function makeOp(type: string, inputs: TensorLike[], attrs: Attrs = {}, name?: string | null): Operation {
  const g = graphOf(inputs);
  const tensors = inputs.map((x) => convertToTensor(x, undefined, undefined, g));
  return g.create_op(type, tensors, attrs, name);
}

/** makeOp for the common single-output case. */
export function makeOp1(type: string, inputs: TensorLike[], attrs: Attrs = {}, name?: string | null): Tensor {
  return makeOp(type, inputs, attrs, name).outputs[0];
}
