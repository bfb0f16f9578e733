import { InvalidArgumentError } from '../../lib/framework/errors';
import type { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel, KernelContext } from '../../lib/registry/kernel_registry';
import { firstOutOfRange, sliceDebugString, shapeDebugString } from './index_errors';

/**
 * The checked geometry of ScatterUpdate/Add/Sub on a variable of shape refShape: the row
 * size, and whether updates is one scalar for every addressed element. TF's errors.
 */
export function scatterGeometry(refShape: readonly number[], indices: NDArray, updatesShape: readonly number[], name: string): { row: number; scalar: boolean } {
  const idx = indices.data as ArrayLike<number>;
  const rows = refShape[0] ?? 0;
  const row = refShape.slice(1).reduce((p, d) => p * d, 1);
  const scalar = updatesShape.length === 0;
  const expected = [...indices.shape, ...refShape.slice(1)];
  if (refShape.length < 1) throw new InvalidArgumentError('Parameter must be at least a vector', name);
  if (!scalar && shapeDebugString(expected) !== shapeDebugString(updatesShape)) {
    throw new InvalidArgumentError(`Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got ` +
      `updates.shape ${shapeDebugString(updatesShape)}, indices.shape ${shapeDebugString(indices.shape)}, ` +
      `params.shape ${shapeDebugString(refShape)}`, name);
  }
  const bad = firstOutOfRange(idx, rows);
  if (bad >= 0) throw new InvalidArgumentError(`indices${sliceDebugString(indices.shape, bad)} = ${idx[bad]} is not in [0, ${rows})`, name);
  return { row, scalar };
}

type Combine = (old: number, update: number) => number;

/** ref[indices[i]] = combine(ref[indices[i]], updates[i]) in the variable's staged buffer; returns the variable's new value. */
function scatterKernel(combine: Combine): CpuKernel {
  return ([, indices, updates], ctx: KernelContext) => {
    const v = ctx.ref(0);
    const { row, scalar } = scatterGeometry(v.read().shape, indices, updates.shape, ctx.op.name);
    const buf = v.writable();
    const d = buf.data, u = updates.data, idx = indices.data as ArrayLike<number>;
    for (let i = 0; i < idx.length; i++) {
      const dst = idx[i] * row, src = i * row;
      for (let e = 0; e < row; e++) d[dst + e] = combine(d[dst + e], scalar ? u[0] : u[src + e]);
    }
    return buf;
  };
}

export const scatterUpdateKernel = scatterKernel((_old, update) => update);
export const scatterAddKernel = scatterKernel((old, update) => old + update);
export const scatterSubKernel = scatterKernel((old, update) => old - update);
