import { ValueError } from '../../../framework/errors';
import { mergeStatic, shapeToString } from '../../../framework/shape_utils';
import type { DType } from '../../../framework/dtypes';
import type { AttrSpec, OutputSpec } from '../../register_op';
import type { TensorSpec } from '../../../registry/op_registry';

/*
 * What the activation definitions share: their type attrs, limited to the dtypes the
 * CPU kernels implement (TF allows more), and the shape functions of element-wise ops.
 */

/** The float dtypes our activation kernels implement. */
export const FLOAT_TYPES: readonly DType[] = ['float32'];

/** TF's realnumbertypes among ours (Relu and ReluGrad have integer kernels too). */
export const REAL_TYPES: readonly DType[] = ['float32', 'int32', 'int64', 'uint8'];

/** A `T` attr limited to these dtypes; `fallback` is TF's default where its OpDef has one. */
export function typeAttr(allowed: readonly DType[], fallback?: DType): AttrSpec {
  return fallback === undefined ? { type: 'type', allowed_values: allowed } : { type: 'type', allowed_values: allowed, default: fallback };
}

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
