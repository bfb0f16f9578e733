import { stridesOf } from '../../lib/framework/ndarray';

/*
 * TF's wording for a bad index found while running a gather or scatter kernel
 * (SliceDebugString: the coordinates of flat element i of a tensor of `shape`).
 */

/** "[1,0]" for flat element 3 of a [2,2] tensor; "" for a scalar. */
export function sliceDebugString(shape: readonly number[], flat: number): string {
  if (shape.length === 0) return '';
  const strides = stridesOf(shape);
  return '[' + strides.map((s, d) => Math.floor(flat / s) % shape[d]).join(',') + ']';
}

/** TF's TensorShape::DebugString: "[5,2]". */
export function shapeDebugString(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** The first flat position whose index is outside [0, limit), or -1. */
export function firstOutOfRange(idx: ArrayLike<number>, limit: number): number {
  for (let i = 0; i < idx.length; i++) if (!(idx[i] >= 0 && idx[i] < limit)) return i;
  return -1;
}
