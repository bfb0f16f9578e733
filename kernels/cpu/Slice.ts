import { NDArray, sizeOf, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { copyBox } from './block_copy';

/** Resolves begin and size (-1: to the end) against a shape, checking bounds as TF does. */
export function resolveSlice(shape: readonly number[], begin: NDArray, size: NDArray, opName: string): { start: number[]; extent: number[] } {
  const rank = shape.length;
  if (begin.size !== rank || size.size !== rank) {
    throw new InvalidArgumentError(`Expected begin and size arguments to be 1-D tensors of size ${rank}, ` +
      `but got shapes ${formatShape(begin.shape)} and ${formatShape(size.shape)} instead (in '${opName}').`, opName);
  }
  const start: number[] = [], extent: number[] = [];
  for (let i = 0; i < rank; i++) {
    const b = Number(begin.data[i]);
    let s = Number(size.data[i]);
    if (s === -1) s = shape[i] - b;
    if (!(b >= 0 && s >= 0 && b + s <= shape[i])) {
      throw new InvalidArgumentError(`Expected size[${i}] in [0, ${shape[i] - b}], but got ${Number(size.data[i])} ` +
        `(begin[${i}] = ${b}, input shape ${formatShape(shape)}) in '${opName}'`, opName);
    }
    start.push(b); extent.push(s);
  }
  return { start, extent };
}

/** Slice: the box [begin, begin + size) of the input. */
export const sliceKernel: CpuKernel = ([x, begin, size], ctx) => {
  const { start, extent } = resolveSlice(x.shape, begin, size, ctx.op.name);
  if (extent.every((e, i) => e === x.shape[i])) return x;
  const out = ctx.allocate(x.dtype, sizeOf(extent), true);
  copyBox(x.data, x.shape, start, out, extent, extent.map(() => 0), extent);
  return new NDArray(out, extent, x.dtype);
};
