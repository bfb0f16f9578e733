import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/* ExpandDims and Squeeze only change the shape: the output shares the input's data. */

export const expandDimsKernel: CpuKernel = ([x, dim], ctx) => {
  if (dim.size !== 1) throw new InvalidArgumentError(`'dim' of '${ctx.op.name}' must be a scalar or a 1-element vector, got shape ${formatShape(dim.shape)}`, ctx.op.name);
  const rank = x.rank;
  let d = Number(dim.data[0]);
  if (d < -rank - 1 || d > rank) {
    throw new InvalidArgumentError(`Tried to expand dim index ${d} for tensor with ${rank} dimensions in '${ctx.op.name}'`, ctx.op.name);
  }
  if (d < 0) d += rank + 1;
  return new NDArray(x.data, [...x.shape.slice(0, d), 1, ...x.shape.slice(d)], x.dtype, x.strings ?? undefined);
};

export const squeezeKernel: CpuKernel = ([x], ctx) => {
  const rank = x.rank;
  const requested: number[] = ctx.attrs.squeeze_dims ?? [];
  const drop = new Set<number>();
  for (const a of requested) {
    if (a < -rank || a >= rank) {
      throw new InvalidArgumentError(`Tried to squeeze dim index ${a} for tensor with ${rank} dimensions in '${ctx.op.name}'`, ctx.op.name);
    }
    const d = a < 0 ? a + rank : a;
    if (x.shape[d] !== 1) {
      throw new InvalidArgumentError(`Can not squeeze dim[${d}], expected a dimension of 1, got ${x.shape[d]} in '${ctx.op.name}'`, ctx.op.name);
    }
    drop.add(d);
  }
  const shape = x.shape.filter((s, i) => (requested.length ? !drop.has(i) : s !== 1));
  return new NDArray(x.data, shape, x.dtype, x.strings ?? undefined);
};
