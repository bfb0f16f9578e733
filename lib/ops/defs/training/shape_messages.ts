import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import type { TensorSpec } from '../../../registry/op_registry';

/** Static shape checks with TF1's shape-function wording, naming the op. */
export function requireRank(spec: TensorSpec, rank: number, specs: TensorSpec[], opName: string, opType: string): void {
  if (spec.shape !== null && spec.shape.length !== rank) {
    throw new ValueError(`Shape must be rank ${rank} but is rank ${spec.shape.length} for '${opName}' (op: '${opType}') ` +
      `with input shapes: ${specs.map((s) => shapeToString(s.shape)).join(', ')}.`);
  }
}

/** Merges two dimensions that must agree; null is unknown. */
export function mergeDim(a: number | null, b: number | null, specs: TensorSpec[], opName: string, opType: string): number | null {
  if (a !== null && b !== null && a !== b) {
    throw new ValueError(`Dimensions must be equal, but are ${a} and ${b} for '${opName}' (op: '${opType}') ` +
      `with input shapes: ${specs.map((s) => shapeToString(s.shape)).join(', ')}.`);
  }
  return a ?? b;
}

export function dimOf(spec: TensorSpec, i: number): number | null {
  return spec.shape === null ? null : spec.shape[i];
}
