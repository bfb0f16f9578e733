import { StaticShape } from '../registry/op_registry';
import { ValueError, InvalidArgumentError } from './errors';
import { formatShape } from './ndarray';

export function shapeToString(shape: StaticShape): string {
  if (shape === null) return '<unknown>';
  return '[' + shape.map((d) => (d === null ? '?' : d)).join(',') + ']';
}

/** NumPy broadcasting of two static shapes; a mismatch is a ValueError naming the op. */
export function broadcastStatic(a: StaticShape, b: StaticShape, opName: string, opType: string): StaticShape {
  if (a === null || b === null) return null;
  const rank = Math.max(a.length, b.length);
  const out: (number | null)[] = new Array(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da === 1) out[i] = db;
    else if (db === 1) out[i] = da;
    else if (da === null) out[i] = db;
    else if (db === null) out[i] = da;
    else if (da === db) out[i] = da;
    else {
      throw new ValueError(`Dimensions must be equal, but are ${da} and ${db} for '${opName}' (op: '${opType}') ` +
        `with input shapes: ${shapeToString(a)}, ${shapeToString(b)}.`);
    }
  }
  return out;
}

/** Broadcast of concrete shapes at run time. */
export function broadcastShapes(a: readonly number[], b: readonly number[], opName: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new InvalidArgumentError(`Incompatible shapes: ${formatShape(a)} vs. ${formatShape(b)} in '${opName}'`, opName);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** True when a concrete shape fits a static one (null means any). */
export function isCompatible(staticShape: StaticShape, shape: readonly number[]): boolean {
  if (staticShape === null) return true;
  if (staticShape.length !== shape.length) return false;
  return staticShape.every((d, i) => d === null || d === shape[i]);
}

/** Merges two static shapes that must describe the same tensor. */
/**
 * TF's InferenceContext::Merge of two static shapes that must describe one tensor, with
 * its messages (ValueError); `where` ("for 'x' (op: 'Assign') with input shapes: ...")
 * follows them when given.
 */
export function mergeShapesAsTF(a: StaticShape, b: StaticShape, where?: string): StaticShape {
  if (a === null) return b;
  if (b === null) return a;
  const suffix = where === undefined ? '' : ` ${where}`;
  if (a.length !== b.length) throw new ValueError(`Shapes must be equal rank, but are ${a.length} and ${b.length}${suffix}`);
  return a.map((d, i) => {
    const e = b[i];
    if (d !== null && e !== null && d !== e) {
      throw new ValueError(`Dimension ${i} in both shapes must be equal, but are ${d} and ${e}. ` +
        `Shapes are ${shapeToString(a)} and ${shapeToString(b)}.${suffix}`);
    }
    return d ?? e;
  });
}

export function mergeStatic(a: StaticShape, b: StaticShape, what: string): StaticShape {
  if (a === null) return b;
  if (b === null) return a;
  if (a.length !== b.length) throw new ValueError(`Shapes ${shapeToString(a)} and ${shapeToString(b)} must have the same rank (${what})`);
  return a.map((d, i) => {
    const e = b[i];
    if (d !== null && e !== null && d !== e) {
      throw new ValueError(`Shapes ${shapeToString(a)} and ${shapeToString(b)} are incompatible (${what})`);
    }
    return d ?? e;
  });
}
