import { NDArray, sizeOf, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/** Shapes as both backends hold them (NDArray, DeviceTensor). */
interface Shaped { readonly shape: readonly number[]; readonly size: number }

/**
 * OneHot's checked geometry, shared by the CPU and gpu kernels: the depth (a
 * non-negative scalar), the axis the new dimension takes, and the output shape.
 */
export function oneHotGeometry(indicesShape: readonly number[], depthT: NDArray, on: Shaped, off: Shaped,
  axisAttr: unknown, name: string): { depth: number; axis: number; outShape: number[] } {
  if (depthT.size !== 1) throw new InvalidArgumentError(`depth must be a scalar, got shape ${formatShape(depthT.shape)} in '${name}'`, name);
  const depth = Number(depthT.data[0]);
  if (depth < 0) throw new InvalidArgumentError(`depth must be non-negative, got: ${depth} in '${name}'`, name);
  if (on.size !== 1 || off.size !== 1) throw new InvalidArgumentError(`on_value and off_value must be scalars in '${name}'`, name);
  const a = Number(axisAttr ?? -1);
  const axis = a === -1 ? indicesShape.length : a;
  return { depth, axis, outShape: [...indicesShape.slice(0, axis), depth, ...indicesShape.slice(axis)] };
}

/**
 * OneHot: a new dimension of size depth at `axis`; position d holds on_value where
 * the index equals d, off_value elsewhere. Indices outside [0, depth) give all-off.
 */
export const oneHotKernel: CpuKernel = ([indices, depthT, onT, offT], ctx) => {
  const { depth, axis, outShape } = oneHotGeometry(indices.shape, depthT, onT, offT, ctx.attrs.axis, ctx.op.name);
  const out = ctx.allocate(onT.dtype, sizeOf(outShape), true);
  const on = onT.data[0], off = offT.data[0];
  if (off !== 0) out.fill(off as never);
  const inner = sizeOf(indices.shape.slice(axis));
  const outer = sizeOf(indices.shape.slice(0, axis));
  const idx = indices.data;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const d = idx[o * inner + i];
      if (d >= 0 && d < depth) out[(o * depth + d) * inner + i] = on;
    }
  }
  return new NDArray(out, outShape, onT.dtype);
};
