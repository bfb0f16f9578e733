import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import type { TensorSpec } from '../../../registry/op_registry';

/** A ValueError in TF's words when a known rank is not the one required. */
export function requireRank(spec: TensorSpec, rank: number, what: string, opName: string, opType: string): void {
  if (spec.shape !== null && spec.shape.length !== rank) {
    throw new ValueError(`Shape must be rank ${rank} but is rank ${spec.shape.length} for '${opName}' (op: '${opType}') ` +
      `(${what} has shape ${shapeToString(spec.shape)}).`);
  }
}

/** n unknown dimensions. */
export function unknownDims(n: number): null[] { return new Array<null>(n).fill(null); }
