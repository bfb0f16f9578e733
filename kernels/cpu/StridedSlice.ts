import { NDArray, sizeOf, stridesOf, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { resolveStridedSlice, stridedSliceMasks, ResolvedStridedSlice } from '../../lib/framework/strided_slice_rules';
import type { Attrs } from '../../lib/registry/op_registry';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/** A slice resolved against a concrete shape: every entry is known. */
export interface ConcreteStridedSlice extends ResolvedStridedSlice {
  begin: number[];
  processingShape: number[];
  finalShape: number[];
}

/** The resolved slice of an input of `shape` (all kernels of both ops, gpu included, resolve it here). */
export function stridedSliceGeometry(shape: readonly number[], begin: NDArray, end: NDArray, strides: NDArray,
  attrs: Attrs, opName: string): ConcreteStridedSlice {
  for (const [t, what] of [[begin, 'begin'], [end, 'end'], [strides, 'strides']] as const) {
    if (t.rank !== 1) {
      throw new InvalidArgumentError(`Expected begin, end, and strides to be 1D equal size tensors, but ${what} has shape ` +
        `${formatShape(t.shape)} in '${opName}'`, opName);
    }
  }
  const ints = (t: NDArray) => Array.from(t.data as ArrayLike<number>, Number);
  const fail = (msg: string) => new InvalidArgumentError(`${msg} (in '${opName}')`, opName);
  // With every dimension and bound known, the resolution has no unknown (null) entries.
  return resolveStridedSlice(shape, ints(begin), ints(end), ints(strides), stridedSliceMasks(attrs), fail) as ConcreteStridedSlice;
}

/**
 * Calls visit(inputOffset, outputOffset) for every element of the slice, in output
 * order: coordinate j of dimension d reads input index begin[d] + j * strides[d].
 */
function forEachSliced(inShape: readonly number[], g: { begin: number[]; strides: number[]; processingShape: number[] },
  visit: (inOffset: number, outOffset: number) => void): void {
  const n = sizeOf(g.processingShape);
  if (n === 0) return;
  const rank = inShape.length;
  const inStrides = stridesOf(inShape);
  const step = g.strides.map((s, d) => s * inStrides[d]);
  let offset = 0;
  for (let d = 0; d < rank; d++) offset += g.begin[d] * inStrides[d];
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < n; o++) {
    visit(offset, o);
    for (let d = rank - 1; d >= 0; d--) {
      offset += step[d];
      if (++idx[d] < g.processingShape[d]) break;
      offset -= step[d] * idx[d];
      idx[d] = 0;
    }
  }
}

/** StridedSlice(input, begin, end, strides): the elements begin[d] + j * strides[d], shaped as the masks say. */
export const stridedSliceKernel: CpuKernel = ([x, begin, end, strides], ctx) => {
  const g = stridedSliceGeometry(x.shape, begin, end, strides, ctx.attrs, ctx.op.name);
  if (g.isIdentity) return new NDArray(x.data, g.finalShape, x.dtype);
  const out = ctx.allocate(x.dtype, sizeOf(g.finalShape), false);
  const src = x.data;
  forEachSliced(x.shape, g, (i, o) => { out[o] = src[i]; });
  return new NDArray(out, g.finalShape, x.dtype);
};

/** StridedSliceGrad(shape, begin, end, strides, dy): zeros of `shape` with dy at the sliced positions. */
export const stridedSliceGradKernel: CpuKernel = ([shapeT, begin, end, strides, dy], ctx) => {
  const shape = Array.from(shapeT.data as ArrayLike<number>, Number);
  const g = stridedSliceGeometry(shape, begin, end, strides, ctx.attrs, ctx.op.name);
  if (sizeOf(g.finalShape) !== dy.size || g.finalShape.length !== dy.rank || g.finalShape.some((d, i) => d !== dy.shape[i])) {
    throw new InvalidArgumentError(`shape of dy was ${formatShape(dy.shape)} instead of ${formatShape(g.finalShape)} (in '${ctx.op.name}')`, ctx.op.name);
  }
  const out = ctx.allocate(dy.dtype, sizeOf(shape), true);
  const src = dy.data;
  forEachSliced(shape, g, (i, o) => { out[i] = src[o]; });
  return new NDArray(out, shape, dy.dtype);
};
