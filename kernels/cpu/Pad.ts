import { NDArray, sizeOf, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { copyBox } from './block_copy';

/**
 * Pad's checked geometry, shared by the CPU and gpu kernels: paddings a [rank, 2]
 * matrix of non-negative counts, constant_values (PadV2) a scalar. Gives the
 * padding before each dimension and the output shape.
 */
export function padGeometry(shape: readonly number[], paddings: NDArray, constant: { readonly shape: readonly number[]; readonly size: number } | undefined,
  name: string): { before: number[]; outShape: number[] } {
  const rank = shape.length;
  if (paddings.rank !== 2 || paddings.shape[0] !== rank || paddings.shape[1] !== 2) {
    throw new InvalidArgumentError(`The first dimension of paddings must be the rank of inputs ${rank}, ` +
      `and paddings must be a [${rank}, 2] matrix; got ${formatShape(paddings.shape)} in '${name}'`, name);
  }
  const before: number[] = [], outShape: number[] = [];
  for (let i = 0; i < rank; i++) {
    const lo = Number(paddings.data[2 * i]), hi = Number(paddings.data[2 * i + 1]);
    if (lo < 0 || hi < 0) throw new InvalidArgumentError(`Paddings must be non-negative: ${lo} ${hi} (dimension ${i}) in '${name}'`, name);
    before.push(lo);
    outShape.push(lo + shape[i] + hi);
  }
  if (constant && constant.size !== 1) {
    throw new InvalidArgumentError(`constant_values must be a scalar, got shape ${formatShape(constant.shape)} in '${name}'`, name);
  }
  return { before, outShape };
}

/** Pad / PadV2 (constant mode): the input surrounded by paddings[i] = [before, after] of a constant. */
export const padKernel: CpuKernel = ([x, paddings, constant], ctx) => {
  const { before, outShape } = padGeometry(x.shape, paddings, constant, ctx.op.name);
  const out = ctx.allocate(x.dtype, sizeOf(outShape), true);
  const fill = constant ? constant.data[0] : 0;
  if (fill !== 0) out.fill(fill as never);
  copyBox(x.data, x.shape, x.shape.map(() => 0), out, outShape, before, x.shape);
  return new NDArray(out, outShape, x.dtype);
};
