import { mergeDims, requireFloat32 } from '../conv/window_attrs';
import { ValueError } from '../../../framework/errors';
import { mergeStatic, shapeToString } from '../../../framework/shape_utils';
import type { DType } from '../../../framework/dtypes';
import type { TensorSpec } from '../../../registry/op_registry';

/** Shape inference of a unary op restricted to some dtypes: the output looks like the input. */
export function unaryOutputs(opType: string, allowed: DType[]) {
  return ([x]: TensorSpec[], _attrs: unknown, opName: string): TensorSpec => {
    if (!allowed.includes(x.dtype)) {
      throw new ValueError(`${opType} '${opName}' supports ${allowed.join(', ')}; got ${x.dtype}`);
    }
    return x;
  };
}

/** Shape inference of a gradient op whose two inputs have one shape and dtype. */
export function pairOutputs(opType: string, allowed: DType[]) {
  return ([a, b]: TensorSpec[], _attrs: unknown, opName: string): TensorSpec => {
    if (a.dtype !== b.dtype || !allowed.includes(a.dtype)) {
      throw new ValueError(`${opType} '${opName}' needs two inputs of one dtype among ${allowed.join(', ')}; got ${a.dtype} and ${b.dtype}`);
    }
    try {
      return { dtype: a.dtype, shape: mergeStatic(a.shape, b.shape, opType) };
    } catch {
      throw new ValueError(`${opType} '${opName}' needs inputs of the same shape, got ${shapeToString(a.shape)} and ${shapeToString(b.shape)}`);
    }
  };
}


/** Output spec of an activation-gradient op taking two same-shaped float32 tensors. */
export function sameShapePair([a, b]: TensorSpec[], opType: string, opName: string): TensorSpec {
  requireFloat32(a, 'gradients', opType, opName);
  requireFloat32(b, 'features', opType, opName);
  if (a.shape === null) return { dtype: 'float32', shape: b.shape };
  return { dtype: 'float32', shape: mergeDims(a.shape, b.shape, 'features', opType, opName) };
}

export function float32Unary([x]: TensorSpec[], opType: string, opName: string): TensorSpec {
  requireFloat32(x, 'features', opType, opName);
  return x;
}
