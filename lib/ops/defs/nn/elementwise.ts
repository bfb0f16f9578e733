import { ValueError } from '../../../framework/errors';
import { mergeStatic, shapeToString } from '../../../framework/shape_utils';
import type { OutputSpec } from '../../register_op';
import type { TensorSpec } from '../../../registry/op_registry';

/* The shape functions the activation definitions share (their type lists: ../type_attrs.ts). */

/** Shape function of a unary element-wise op: the output has the input's shape. */
export function sameShape([x]: TensorSpec[]): OutputSpec {
  return { shape: x.shape };
}

/** Shape function of a gradient op whose two inputs have one shape: what both say about it. */
export function pairShape(opType: string) {
  return ([a, b]: TensorSpec[], _attrs: unknown, opName: string): OutputSpec => {
    try {
      return { shape: mergeStatic(a.shape, b.shape, opType) };
    } catch {
      throw new ValueError(`${opType} '${opName}' needs inputs of the same shape, got ${shapeToString(a.shape)} and ${shapeToString(b.shape)}`);
    }
  };
}
