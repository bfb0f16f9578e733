import { mergeDims, requireFloat32 } from './window_attrs';
import type { TensorSpec } from '../../../registry/op_registry';

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
