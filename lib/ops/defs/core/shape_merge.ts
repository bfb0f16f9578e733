import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import type { StaticShape, TensorSpec } from '../../../registry/op_registry';

/**
 * TF's InferenceContext::Merge for two static shapes that must describe the same
 * tensor (a variable and its new value, a default and its declared shape), with
 * TF1's messages naming the op.
 */
export function mergeShapes(a: StaticShape, b: StaticShape, inputs: TensorSpec[], opName: string, opType: string): StaticShape {
  if (a === null) return b;
  if (b === null) return a;
  const where = `for '${opName}' (op: '${opType}') with input shapes: ${inputs.map((s) => shapeToString(s.shape)).join(', ')}.`;
  if (a.length !== b.length) throw new ValueError(`Shapes must be equal rank, but are ${a.length} and ${b.length} ${where}`);
  return a.map((d, i) => {
    const e = b[i];
    if (d !== null && e !== null && d !== e) {
      throw new ValueError(`Dimension ${i} in both shapes must be equal, but are ${d} and ${e}. ` +
        `Shapes are ${shapeToString(a)} and ${shapeToString(b)}. ${where}`);
    }
    return d ?? e;
  });
}
