import { NDArray, sizeOf, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { typedArrayFor } from '../../lib/framework/dtypes';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/**
 * OneHot: a new dimension of size depth at `axis`; position d holds on_value where
 * the index equals d, off_value elsewhere. Indices outside [0, depth) give all-off.
 */
export const oneHotKernel: CpuKernel = ([indices, depthT, onT, offT], ctx) => {
  const name = ctx.op.name;
  if (depthT.size !== 1) throw new InvalidArgumentError(`depth must be a scalar, got shape ${formatShape(depthT.shape)} in '${name}'`, name);
  const depth = Number(depthT.data[0]);
  if (depth < 0) throw new InvalidArgumentError(`depth must be non-negative, got: ${depth} in '${name}'`, name);
  if (onT.size !== 1 || offT.size !== 1) throw new InvalidArgumentError(`on_value and off_value must be scalars in '${name}'`, name);
  const rank = indices.rank;
  const axisAttr = Number(ctx.attrs.axis ?? -1);
  const axis = axisAttr === -1 ? rank : axisAttr;
  const outShape = [...indices.shape.slice(0, axis), depth, ...indices.shape.slice(axis)];
  const out = typedArrayFor(onT.dtype, sizeOf(outShape));
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
