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

/**
 * UnsortedSegmentSum(data, segment_ids, num_segments): output row j is the sum of the
 * slices whose id is j; negative ids are dropped, ids >= num_segments are an error (as TF).
 */
export const unsortedSegmentSumKernel: CpuKernel = ([data, ids, numT], ctx) => {
  const name = ctx.op.name;
  if (numT.size !== 1) throw new InvalidArgumentError(`num_segments should be a scalar, not shape ${shapeDebugString(numT.shape)}`, name);
  const rows = Number(numT.data[0]);
  if (rows < 0) throw new InvalidArgumentError(`Input num_segments == ${rows} must not be negative.`, name);
  const slice = segmentSlice(data.shape, ids.shape, name);
  const id = ids.data as ArrayLike<number>;
  const out = ctx.allocate(data.dtype, rows * slice, true);
  const d = data.data;
  for (let i = 0; i < id.length; i++) {
    const j = id[i];
    if (j < 0) continue;
    if (j >= rows) {
      throw new InvalidArgumentError(`segment_ids${sliceDebugString(ids.shape, i)} = ${j} is out of range [0, ${rows})`, name);
    }
    for (let e = 0, dst = j * slice, src = i * slice; e < slice; e++) out[dst + e] += d[src + e];
  }
  return new NDArray(out, [rows, ...data.shape.slice(ids.shape.length)], data.dtype);
};

/** SegmentSum(data, segment_ids): ids sorted and non-negative; max(id) + 1 output rows. */
export const segmentSumKernel: CpuKernel = ([data, ids], ctx) => {
  const name = ctx.op.name;
  if (ids.rank !== 1) throw new InvalidArgumentError('segment_ids should be a vector.', name);
  if (data.rank < 1 || data.shape[0] !== ids.size) {
    throw new InvalidArgumentError(`segment_ids should be the same size as dimension 0 of input.`, name);
  }
  const id = ids.data as ArrayLike<number>;
  for (let i = 0; i < id.length; i++) {
    if (id[i] < 0) throw new InvalidArgumentError('segment ids must be >= 0', name);
    if (i > 0 && id[i] < id[i - 1]) throw new InvalidArgumentError('segment ids are not increasing', name);
  }
  const rows = id.length ? id[id.length - 1] + 1 : 0;
  const slice = sizeOf(data.shape.slice(1));
  const out = ctx.allocate(data.dtype, rows * slice, true);
  const d = data.data;
  for (let i = 0; i < id.length; i++) {
    for (let e = 0, dst = id[i] * slice, src = i * slice; e < slice; e++) out[dst + e] += d[src + e];
  }
  return new NDArray(out, [rows, ...data.shape.slice(1)], data.dtype);
};
