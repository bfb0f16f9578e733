import { NDArray, sizeOf } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { copyRun } from './Concat';
import { firstOutOfRange, sliceDebugString } from './index_errors';

/** GatherV2's checked geometry, shared by the CPU and gpu kernels. */
export interface GatherGeometry { axis: number; outer: number; rows: number; inner: number; outShape: number[] }

/**
 * The axis (in [-rank, rank)), the sizes before, at and after it, and the output shape;
 * throws TF's InvalidArgumentError for an axis out of range or an index outside [0, rows).
 */
export function gatherGeometry(paramsShape: readonly number[], indicesShape: readonly number[], idx: ArrayLike<number>,
  axisValue: number, name: string): GatherGeometry {
  const rank = paramsShape.length;
  if (axisValue < -rank || axisValue >= rank) {
    throw new InvalidArgumentError(`Expected axis in the range [${-rank}, ${rank}), but got ${axisValue}`, name);
  }
  const axis = axisValue < 0 ? axisValue + rank : axisValue;
  const rows = paramsShape[axis];
  const bad = firstOutOfRange(idx, rows);
  if (bad >= 0) {
    throw new InvalidArgumentError(`indices${sliceDebugString(indicesShape, bad)} = ${idx[bad]} is not in [0, ${rows})`, name);
  }
  return {
    axis, rows,
    outer: sizeOf(paramsShape.slice(0, axis)),
    inner: sizeOf(paramsShape.slice(axis + 1)),
    outShape: [...paramsShape.slice(0, axis), ...indicesShape, ...paramsShape.slice(axis + 1)],
  };
}

/** GatherV2(params, indices, axis): one contiguous run of `inner` values per (outer position, index). */
export const gatherV2Kernel: CpuKernel = ([params, indices, axisT], ctx) => {
  const idx = indices.data as ArrayLike<number>;
  const { outer, rows, inner, outShape } = gatherGeometry(params.shape, indices.shape, idx, Number(axisT.data[0]), ctx.op.name);
  const n = idx.length;
  const out = ctx.allocate(params.dtype, outer * n * inner, false);
  const src = params.data;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < n; k++) copyRun(src, (o * rows + idx[k]) * inner, out, (o * n + k) * inner, inner);
  }
  return new NDArray(out, outShape, params.dtype);
};
