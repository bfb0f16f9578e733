/**
 * gpu kernels of the gather family: GatherV2, GatherNd, ScatterNd, UnsortedSegmentSum,
 * SegmentSum and ScatterUpdate/Add/Sub. The indices are read on the host (usually fed
 * from there, so no readback) to check them with the CPU kernels' TF errors and, for
 * the *Nd ops, to turn index tuples into flat offsets; the values stay on the device.
 * Each output element reads its source (gathers) or loops over the indices (sums and
 * scatters: O(output x indices), fine for the index counts embedding lookups use).
 */
import type { GpuKernel, DeviceTensor, GpuKernelContext } from './types';
import { NDArray, sizeOf } from '../../lib/framework/ndarray';
import { coords, offsetOf, kernelSource, lit } from './codegen';
import { gatherGeometry } from '../cpu/GatherV2';
import { ndOffsets } from '../cpu/GatherNd';
import { segmentSlice, checkSegmentIds, checkSortedSegmentIds } from '../cpu/UnsortedSegmentSum';
import { scatterGeometry } from '../cpu/ScatterUpdate';

/** Launches `body` (using output coordinates c0..) over outShape with args in0, in1, ... */
function perElement(ctx: GpuKernelContext, args: DeviceTensor[], outShape: number[], dtype: DeviceTensor['dtype'], body: string): DeviceTensor {
  if (sizeOf(outShape) === 0) return ctx.fromHost(NDArray.zeros(outShape, dtype));
  const src = kernelSource(args.map((_, k) => `in${k}`), `const i = this.thread.x;\n  ${coords('i', outShape, 'c')}\n  ${body}`);
  return ctx.launch(src, args, outShape, dtype);
}

/** Flat offsets as a float32 device vector (exact below 2^24, as all gpu index arithmetic). */
function offsetsOnDevice(ctx: GpuKernelContext, offsets: number[]): DeviceTensor {
  return ctx.fromHost(new NDArray(Float32Array.from(offsets), [offsets.length], 'float32'));
}

export const GatherV2: GpuKernel = ([params, indices, axisT], ctx) => {
  const { axis, outShape } = gatherGeometry(params.shape, indices.shape, ctx.hostValue(indices).data as ArrayLike<number>,
    Number(ctx.hostValue(axisT).data[0]), ctx.op.name);
  const q = indices.shape.length;
  const at = offsetOf(indices.shape.map((_, k) => `c${axis + k}`), indices.shape);
  const from = params.shape.map((_, d) => (d < axis ? `c${d}` : d === axis ? `in1[${at}]` : `c${d + q - 1}`));
  return perElement(ctx, [params, indices], outShape, params.dtype, `return in0[${offsetOf(from, params.shape)}];`);
};

export const GatherNd: GpuKernel = ([params, indices], ctx) => {
  const { count, k, slice, offsets } = ndOffsets(indices.shape, ctx.hostValue(indices).data as ArrayLike<number>, params.shape,
    'does not index into param shape', ctx.op.name);
  const outShape = [...indices.shape.slice(0, -1), ...params.shape.slice(k)];
  if (count * slice === 0) return ctx.fromHost(NDArray.zeros(outShape, params.dtype));
  return ctx.launch(kernelSource(['p', 'o'], `const i = this.thread.x;
  const t = Math.floor((i + 0.5) / ${lit(slice)});
  return p[o[t] + i - t * ${lit(slice)}];`), [params, offsetsOnDevice(ctx, offsets)], outShape, params.dtype);
};

export const ScatterNd: GpuKernel = ([indices, updates, shapeT], ctx) => {
  const shape = Array.from(ctx.hostValue(shapeT).data as ArrayLike<number>);
  const { count, slice, offsets } = ndOffsets(indices.shape, ctx.hostValue(indices).data as ArrayLike<number>, shape,
    'does not index into shape', ctx.op.name);
  if (count === 0 || sizeOf(shape) === 0) return ctx.fromHost(NDArray.zeros(shape, updates.dtype));
  return ctx.launch(kernelSource(['u', 'o'], `const i = this.thread.x;
  let s = 0;
  for (let t = 0; t < ${count}; t++) {
    const d = i - o[t];
    if (d >= 0 && d < ${lit(slice)}) s += u[t * ${lit(slice)} + d];
  }
  return s;`), [updates, offsetsOnDevice(ctx, offsets)], shape, updates.dtype);
};

/** out[r, e] = sum of data[i, e] over the i whose id is r (ids as a float32 device vector). */
function segmentSums(ctx: GpuKernelContext, data: DeviceTensor, ids: ArrayLike<number>, rows: number, slice: number, outShape: number[]): DeviceTensor {
  if (ids.length === 0 || sizeOf(outShape) === 0) return ctx.fromHost(NDArray.zeros(outShape, data.dtype));
  return ctx.launch(kernelSource(['x', 'ids'], `const i = this.thread.x;
  const r = Math.floor((i + 0.5) / ${lit(slice)});
  const e = i - r * ${lit(slice)};
  let s = 0;
  for (let k = 0; k < ${ids.length}; k++) {
    if (ids[k] == r) s += x[k * ${lit(slice)} + e];
  }
  return s;`), [data, offsetsOnDevice(ctx, Array.from(ids))], outShape, data.dtype);
}

export const UnsortedSegmentSum: GpuKernel = ([data, idsT, numT], ctx) => {
  const ids = ctx.hostValue(idsT);
  const rows = checkSegmentIds(ids, ctx.hostValue(numT), ctx.op.name);
  const slice = segmentSlice(data.shape, idsT.shape, ctx.op.name);
  return segmentSums(ctx, data, ids.data as ArrayLike<number>, rows, slice, [rows, ...data.shape.slice(idsT.shape.length)]);
};

export const SegmentSum: GpuKernel = ([data, idsT], ctx) => {
  const ids = ctx.hostValue(idsT);
  const rows = checkSortedSegmentIds(data.shape, ids, ctx.op.name);
  return segmentSums(ctx, data, ids.data as ArrayLike<number>, rows, sizeOf(data.shape.slice(1)), [rows, ...data.shape.slice(1)]);
};

/** The variable's new value: each element takes its row's updates in index order. */
function scatter(combine: (old: string, update: string) => string): GpuKernel {
  return ([, indicesT, updates], ctx) => {
    const v = ctx.ref(0);
    const current = v.read();
    const indices = ctx.hostValue(indicesT);
    const { row, scalar } = scatterGeometry(current.shape, indices, updates.shape, ctx.op.name);
    if (indices.size === 0 || current.size === 0) return current;
    const next = ctx.launch(kernelSource(['v', 'u', 'idx'], `const i = this.thread.x;
  const r = Math.floor((i + 0.5) / ${lit(row)});
  let s = v[i];
  for (let k = 0; k < ${indices.size}; k++) {
    if (idx[k] == r) s = ${combine('s', scalar ? 'u[0]' : `u[k * ${lit(row)} + i - r * ${lit(row)}]`)};
  }
  return s;`), [current, updates, offsetsOnDevice(ctx, Array.from(indices.data as ArrayLike<number>))], current.shape, current.dtype);
    v.write(next);
    return next;
  };
}

export const ScatterUpdate = scatter((_old, update) => update);
export const ScatterAdd = scatter((old, update) => `${old} + ${update}`);
export const ScatterSub = scatter((old, update) => `${old} - ${update}`);
