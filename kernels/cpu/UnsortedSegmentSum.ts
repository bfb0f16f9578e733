import { NDArray, sizeOf } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { sliceDebugString, shapeDebugString } from './index_errors';

/** The size of one slice (data.shape[ids.rank:]), after checking that data's shape starts with the ids'. */
export function segmentSlice(dataShape: readonly number[], idsShape: readonly number[], name: string): number {
  const fits = idsShape.length <= dataShape.length && idsShape.every((d, i) => d === dataShape[i]);
  if (!fits) {
    throw new InvalidArgumentError(`data.shape = ${shapeDebugString(dataShape)} does not start with segment_ids.shape = ` +
      `${shapeDebugString(idsShape)}`, name);
  }
  return sizeOf(dataShape.slice(idsShape.length));
}

/** UnsortedSegmentSum's number of output rows, after TF's checks of num_segments and of each id below it. */
export function checkSegmentIds(ids: NDArray, numT: NDArray, name: string): number {
  if (numT.size !== 1) throw new InvalidArgumentError(`num_segments should be a scalar, not shape ${shapeDebugString(numT.shape)}`, name);
  const rows = Number(numT.data[0]);
  if (rows < 0) throw new InvalidArgumentError(`Input num_segments == ${rows} must not be negative.`, name);
  const id = ids.data as ArrayLike<number>;
  for (let i = 0; i < id.length; i++) {
    if (id[i] >= rows) throw new InvalidArgumentError(`segment_ids${sliceDebugString(ids.shape, i)} = ${id[i]} is out of range [0, ${rows})`, name);
  }
  return rows;
}

/** SegmentSum's number of output rows (the last id + 1), after TF's checks that ids are a sorted non-negative vector. */
export function checkSortedSegmentIds(dataShape: readonly number[], ids: NDArray, name: string): number {
  if (ids.rank !== 1) throw new InvalidArgumentError('segment_ids should be a vector.', name);
  if (dataShape.length < 1 || dataShape[0] !== ids.size) {
    throw new InvalidArgumentError('segment_ids should be the same size as dimension 0 of input.', name);
  }
  const id = ids.data as ArrayLike<number>;
  for (let i = 0; i < id.length; i++) {
    if (id[i] < 0) throw new InvalidArgumentError('segment ids must be >= 0', name);
    if (i > 0 && id[i] < id[i - 1]) throw new InvalidArgumentError('segment ids are not increasing', name);
  }
  return id.length ? id[id.length - 1] + 1 : 0;
}

/** out[j, ...] += data[i, ...] for each slice i with a non-negative id j. */
function sumInto(data: NDArray, id: ArrayLike<number>, slice: number, out: NDArray['data']): void {
  const d = data.data;
  for (let i = 0; i < id.length; i++) {
    const j = id[i];
    if (j < 0) continue;
    for (let e = 0, dst = j * slice, src = i * slice; e < slice; e++) out[dst + e] += d[src + e];
  }
}

/**
 * UnsortedSegmentSum(data, segment_ids, num_segments): output row j is the sum of the
 * slices whose id is j; negative ids are dropped, ids >= num_segments are an error (as TF).
 */
export const unsortedSegmentSumKernel: CpuKernel = ([data, ids, numT], ctx) => {
  const rows = checkSegmentIds(ids, numT, ctx.op.name);
  const slice = segmentSlice(data.shape, ids.shape, ctx.op.name);
  const out = ctx.allocate(data.dtype, rows * slice, true);
  sumInto(data, ids.data as ArrayLike<number>, slice, out);
  return new NDArray(out, [rows, ...data.shape.slice(ids.shape.length)], data.dtype);
};

/** SegmentSum(data, segment_ids): ids sorted and non-negative; max(id) + 1 output rows. */
export const segmentSumKernel: CpuKernel = ([data, ids], ctx) => {
  const rows = checkSortedSegmentIds(data.shape, ids, ctx.op.name);
  const slice = sizeOf(data.shape.slice(1));
  const out = ctx.allocate(data.dtype, rows * slice, true);
  sumInto(data, ids.data as ArrayLike<number>, slice, out);
  return new NDArray(out, [rows, ...data.shape.slice(1)], data.dtype);
};
