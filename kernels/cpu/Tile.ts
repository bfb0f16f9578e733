import { NDArray, sizeOf, stridesOf, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { TypedArray } from '../../lib/framework/dtypes';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { copyRun } from './Concat';

/** Tile's checked multiples (one non-negative count per dimension) and output shape, shared by the CPU and gpu kernels. */
export function tileGeometry(shape: readonly number[], multiples: NDArray, name: string): { m: number[]; outShape: number[] } {
  const rank = shape.length;
  if (multiples.rank !== 1 || multiples.size !== rank) {
    throw new InvalidArgumentError(`Expected multiples argument to be a vector of length ${rank} but got shape ` +
      `${formatShape(multiples.shape)} in '${name}'`, name);
  }
  const m = Array.from(multiples.data as ArrayLike<number>);
  m.forEach((v, i) => {
    if (v < 0) throw new InvalidArgumentError(`Expected multiples[${i}] >= 0, but got ${v} in '${name}'`, name);
  });
  return { m, outShape: shape.map((d, i) => d * m[i]) };
}

/** Tile: output dimension i is input dimension i repeated multiples[i] times. */
export const tileKernel: CpuKernel = ([x, multiples], ctx) => {
  const rank = x.rank;
  const { m, outShape } = tileGeometry(x.shape, multiples, ctx.op.name);
  const out = ctx.allocate(x.dtype, sizeOf(outShape), true);
  if (out.length > 0) {
    if (rank === 0) out[0] = x.data[0];
    else tileInto(x.data, x.shape, stridesOf(x.shape), m, stridesOf(outShape), out, 0, 0, 0);
  }
  return new NDArray(out, outShape, x.dtype);
};

/**
 * Writes the first tile along `dim` (recursing into the dimensions inside it), then
 * replicates that finished block multiples[dim] - 1 times with copyWithin, so every
 * output element is written by one bulk copy and nothing is allocated.
 */
function tileInto(x: TypedArray, shape: readonly number[], inStrides: readonly number[], m: readonly number[],
  outStrides: readonly number[], out: TypedArray, dim: number, src: number, dst: number): void {
  const n = shape[dim];
  if (dim === shape.length - 1) copyRun(x, src, out, dst, n);
  else for (let i = 0; i < n; i++) tileInto(x, shape, inStrides, m, outStrides, out, dim + 1, src + i * inStrides[dim], dst + i * outStrides[dim]);
  const block = n * outStrides[dim];
  if (block === 1) {
    out.fill(out[dst] as never, dst + 1, dst + m[dim]);
  } else if (block < 8) {
    for (let k = 1; k < m[dim]; k++) for (let j = 0; j < block; j++) out[dst + k * block + j] = out[dst + j];
  } else {
    for (let k = 1; k < m[dim]; k++) out.copyWithin(dst + k * block, dst, dst + block);
  }
}
