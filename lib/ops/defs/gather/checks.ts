import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import type { StaticShape, TensorSpec } from '../../../registry/op_registry';

/* Shape-function helpers the gather and scatter definitions share. */

/** TF's "with input shapes: [2,3], [2], []." suffix of a shape-function error. */
export function withInputShapes(specs: readonly TensorSpec[]): string {
  return `with input shapes: ${specs.map((s) => shapeToString(s.shape)).join(', ')}.`;
}

/** TF's WithRankAtLeast as a ValueError naming the op. */
export function requireRankAtLeast(spec: TensorSpec, rank: number, specs: readonly TensorSpec[], opName: string, opType: string): void {
  if (spec.shape !== null && spec.shape.length < rank) {
    throw new ValueError(`Shape must be at least rank ${rank} but is rank ${spec.shape.length} for '${opName}' ` +
      `(op: '${opType}') ${withInputShapes(specs)}`);
  }
}

/** Two static dimensions that must agree where both are known. */
export function dimsCompatible(a: number | null, b: number | null): boolean {
  return a === null || b === null || a === b;
}

/** a[i] merged with b[i] (known wins); the caller has checked compatibility. */
export function mergeDims(a: readonly (number | null)[], b: readonly (number | null)[]): (number | null)[] {
  return a.map((d, i) => d ?? b[i]);
}

/** A known-rank shape or null. */
export function rankOf(shape: StaticShape): number | null {
  return shape === null ? null : shape.length;
}
