import { NDArray, sizeOf, stridesOf } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { copyRun } from './Concat';
import { sliceDebugString, shapeDebugString } from './index_errors';

/** GatherNd's and ScatterNd's geometry: the number of index tuples, their length K, the slice size, and each tuple's flat offset. */
export interface NdGeometry { count: number; k: number; slice: number; offsets: number[] }

/**
 * Flat offsets (in a tensor of `shape`) of the slices each index tuple of indices
 * (shape [..., K]) addresses. A tuple outside the shape is TF's InvalidArgumentError,
 * `ending` telling what it does not index into.
 */
export function ndOffsets(indicesShape: readonly number[], idx: ArrayLike<number>, shape: readonly number[], ending: string,
  name: string): NdGeometry {
  const k = indicesShape[indicesShape.length - 1];
  if (indicesShape.length < 1 || k > shape.length) {
    throw new InvalidArgumentError(`indices.shape[-1] must be <= params.rank, but saw indices shape: ${shapeDebugString(indicesShape)} ` +
      `and params shape: ${shapeDebugString(shape)}`, name);
  }
  const outerShape = indicesShape.slice(0, -1);
  const count = sizeOf(outerShape);
  const strides = stridesOf(shape);
  const offsets = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    let off = 0;
    for (let j = 0; j < k; j++) {
      const v = idx[i * k + j];
      if (!(v >= 0 && v < shape[j])) {
        const tuple = Array.from({ length: k }, (_, m) => idx[i * k + m]).join(', ');
        throw new InvalidArgumentError(`indices${sliceDebugString(outerShape, i)} = [${tuple}] ${ending} ${shapeDebugString(shape)}`, name);
      }
      off += v * strides[j];
    }
    offsets[i] = off;
  }
  return { count, k, slice: sizeOf(shape.slice(k)), offsets };
}

/** GatherNd(params, indices): output slice i is params' slice at index tuple i. */
export const gatherNdKernel: CpuKernel = ([params, indices], ctx) => {
  const { count, k, slice, offsets } = ndOffsets(indices.shape, indices.data as ArrayLike<number>, params.shape,
    'does not index into param shape', ctx.op.name);
  const outShape = [...indices.shape.slice(0, -1), ...params.shape.slice(k)];
  const out = ctx.allocate(params.dtype, count * slice, false);
  for (let i = 0; i < count; i++) copyRun(params.data, offsets[i], out, i * slice, slice);
  return new NDArray(out, outShape, params.dtype);
};

/** ScatterNd(indices, updates, shape): zeros, with update slice i added at index tuple i. */
export const scatterNdKernel: CpuKernel = ([indices, updates, shapeT], ctx) => {
  const shape = Array.from(shapeT.data as ArrayLike<number>);
  if (shape.some((d) => d < 0)) throw new InvalidArgumentError(`Shape ${shapeDebugString(shape)} must be non-negative`, ctx.op.name);
  const { count, k, slice, offsets } = ndOffsets(indices.shape, indices.data as ArrayLike<number>, shape,
    'does not index into shape', ctx.op.name);
  const expected = [...indices.shape.slice(0, -1), ...shape.slice(k)];
  if (shapeDebugString(expected) !== shapeDebugString(updates.shape)) {
    throw new InvalidArgumentError(`Must have updates.shape = indices.shape[:batch_dim] + shape[slice_dim:], got updates.shape: ` +
      `${shapeDebugString(updates.shape)}, indices.shape: ${shapeDebugString(indices.shape)}, shape: ${shapeDebugString(shape)}`, ctx.op.name);
  }
  const out = ctx.allocate(updates.dtype, sizeOf(shape), true);
  const u = updates.data;
  for (let i = 0; i < count; i++) {
    const dst = offsets[i], src = i * slice;
    for (let j = 0; j < slice; j++) out[dst + j] += u[src + j];
  }
  return new NDArray(out, shape, updates.dtype);
};
