import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/**
 * Select(condition, t, e): t where condition holds, else e. The condition has t's
 * shape, or is a vector choosing whole rows (t's first dimension), or a scalar.
 */
export const selectKernel: CpuKernel = ([c, t, e], ctx) => {
  const name = ctx.op.name;
  if (t.rank !== e.rank || t.shape.some((d, i) => d !== e.shape[i])) {
    throw new InvalidArgumentError(`'then' and 'else' must have the same size. but received: ${formatShape(t.shape)} vs. ${formatShape(e.shape)} in '${name}'`, name);
  }
  const out = ctx.allocate(t.dtype, t.size, true);
  const cd = c.data, td = t.data, ed = e.data;
  const sameShape = c.rank === t.rank && c.shape.every((d, i) => d === t.shape[i]);
  if (sameShape) {
    for (let i = 0; i < out.length; i++) out[i] = cd[i] ? td[i] : ed[i];
  } else if (c.rank === 0) {
    out.set((cd[0] ? td : ed) as any);
  } else if (c.rank === 1 && t.rank >= 1 && c.shape[0] === t.shape[0]) {
    const row = t.shape[0] === 0 ? 0 : t.size / t.shape[0];
    for (let r = 0; r < c.shape[0]; r++) out.set((cd[r] ? td : ed).subarray(r * row, (r + 1) * row) as any, r * row);
  } else {
    throw new InvalidArgumentError(`condition must be a scalar, a vector of size ${t.shape[0]} or of shape ${formatShape(t.shape)}; ` +
      `got ${formatShape(c.shape)} in '${name}'`, name);
  }
  return new NDArray(out, t.shape, t.dtype);
};

/**
 * Where(input): the coordinates of the true (non-zero) elements, one row each, in
 * row-major order (int64). `!== 0` rather than truthiness: NaN is non-zero, as in TF.
 */
export const whereKernel: CpuKernel = ([x], ctx) => {
  const d = x.data;
  let count = 0;
  for (let i = 0; i < d.length; i++) if (d[i] !== 0) count++;
  const rank = x.rank;
  const out = ctx.allocate('int64', count * rank, false);
  const idx = new Array<number>(rank).fill(0);
  let o = 0;
  for (let i = 0; i < d.length; i++) {
    if (d[i] !== 0) for (let k = 0; k < rank; k++) out[o++] = idx[k];
    for (let k = rank - 1; k >= 0; k--) { if (++idx[k] < x.shape[k]) break; idx[k] = 0; }
  }
  return new NDArray(out, [count, rank], 'int64');
};
