import { NDArray, sizeOf, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { splitSizes } from '../../lib/framework/split_rules';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { copyRun } from './Concat';

/** The split dimension and each part's size along it, checked as TF's Split and SplitV kernels do. */
export function splitGeometry(shape: readonly number[], axisT: NDArray, sizesT: NDArray | null, numSplit: number,
  opName: string): { axis: number; sizes: number[] } {
  const rank = shape.length;
  const axis = Number(axisT.data[0]);
  if (axisT.size !== 1 || axis < -rank || axis >= rank) {
    throw new InvalidArgumentError(`-input rank(-${rank}) <= split_dim < input rank (${rank}), but got ${axisT.size === 1 ? axis : formatShape(axisT.shape)} (in '${opName}')`, opName);
  }
  const a = axis < 0 ? axis + rank : axis;
  const dim = shape[a];
  if (sizesT === null) {
    if (dim % numSplit !== 0) {
      throw new InvalidArgumentError(`Number of ways to split should evenly divide the split dimension, but got split_dim ${axis} ` +
        `(size = ${dim}) and num_split ${numSplit} (in '${opName}')`, opName);
    }
    return { axis: a, sizes: new Array<number>(numSplit).fill(dim / numSplit) };
  }
  if (sizesT.rank !== 1 || sizesT.size !== numSplit) {
    throw new InvalidArgumentError(`size_splits must have exactly ${numSplit} elements, got shape ${formatShape(sizesT.shape)} (in '${opName}')`, opName);
  }
  const given = Array.from(sizesT.data as ArrayLike<number>, Number);
  const sizes = splitSizes(given, dim, (msg) => new InvalidArgumentError(`${msg} (in '${opName}')`, opName)) as number[];
  return { axis: a, sizes };
}

/** The parts of x along `axis`, part k taking `sizes[k]` positions. */
function splitAlong(x: NDArray, axis: number, sizes: number[], ctx: Parameters<CpuKernel>[1]): NDArray[] {
  const outer = sizeOf(x.shape.slice(0, axis));
  const inner = sizeOf(x.shape.slice(axis + 1));
  const row = x.shape[axis] * inner;
  let start = 0;
  return sizes.map((s) => {
    const shape = x.shape.slice();
    shape[axis] = s;
    const w = s * inner;
    const part = ctx.allocate(x.dtype, outer * w, false);
    for (let r = 0; r < outer; r++) copyRun(x.data, r * row + start * inner, part, r * w, w);
    start += s;
    return new NDArray(part, shape, x.dtype);
  });
}

/** Split(split_dim, value): num_split equal parts. */
export const splitKernel: CpuKernel = ([axis, x], ctx) => {
  const g = splitGeometry(x.shape, axis, null, Number(ctx.attrs.num_split), ctx.op.name);
  return splitAlong(x, g.axis, g.sizes, ctx);
};

/** SplitV(value, size_splits, split_dim): parts of the given sizes (one -1 takes the rest). */
export const splitVKernel: CpuKernel = ([x, sizes, axis], ctx) => {
  const g = splitGeometry(x.shape, axis, sizes, Number(ctx.attrs.num_split), ctx.op.name);
  return splitAlong(x, g.axis, g.sizes, ctx);
};
