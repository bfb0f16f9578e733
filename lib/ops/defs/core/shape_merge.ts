import { mergeShapesAsTF, shapeToString } from '../../../framework/shape_utils';
import type { StaticShape, TensorSpec } from '../../../registry/op_registry';

/**
 * TF's InferenceContext::Merge for two static shapes that must describe the same
 * tensor (a variable and its new value, a default and its declared shape), with
 * TF1's messages naming the op.
 */
export function mergeShapes(a: StaticShape, b: StaticShape, inputs: TensorSpec[], opName: string, opType: string): StaticShape {
  return mergeShapesAsTF(a, b, `for '${opName}' (op: '${opType}') with input shapes: ${inputs.map((s) => shapeToString(s.shape)).join(', ')}.`);
}
