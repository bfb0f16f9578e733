import { NDArray, sizeOf, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { typedArrayFor } from '../../lib/framework/dtypes';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { copyRun } from './Concat';

/**
 * Tile: output dimension i is input dimension i repeated multiples[i] times.
 * Each output row (all indices but the last fixed) copies one input row
 * multiples[last] times; the source row follows the output index modulo the input shape.
 */
export const tileKernel: CpuKernel = ([x, multiples], ctx) => {
  const rank = x.rank;
  if (multiples.rank !== 1 || multiples.size !== rank) {
    throw new InvalidArgumentError(`Expected multiples argument to be a vector of length ${rank} but got shape ` +
      `${formatShape(multiples.shape)} in '${ctx.op.name}'`, ctx.op.name);
  }
  const m = Array.from(multiples.data as ArrayLike<number>);
  m.forEach((v, i) => {
    if (v < 0) throw new InvalidArgumentError(`Expected multiples[${i}] >= 0, but got ${v} in '${ctx.op.name}'`, ctx.op.name);
  });
  const outShape = x.shape.map((d, i) => d * m[i]);
  const out = typedArrayFor(x.dtype, sizeOf(outShape));
  if (out.length === 0) return new NDArray(out, outShape, x.dtype);
  if (rank === 0) { out[0] = x.data[0]; return new NDArray(out, outShape, x.dtype); }
  const rowLen = x.shape[rank - 1], reps = m[rank - 1];
  const inStrides = new Array<number>(rank).fill(0);
  for (let i = rank - 2, s = rowLen; i >= 0; i--) { inStrides[i] = s; s *= x.shape[i]; }
  const idx = new Array<number>(Math.max(rank - 1, 0)).fill(0); // output indices of the outer dims
  const srcIdx = new Array<number>(Math.max(rank - 1, 0)).fill(0); // the same modulo the input shape
  let src = 0, o = 0;
  const n = out.length;
  while (o < n) {
    for (let r = 0; r < reps; r++) { copyRun(x.data, src, out, o, rowLen); o += rowLen; }
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]++; srcIdx[d]++; src += inStrides[d];
      if (srcIdx[d] === x.shape[d]) { srcIdx[d] = 0; src -= inStrides[d] * x.shape[d]; }
      if (idx[d] < outShape[d]) break;
      idx[d] = 0; src -= inStrides[d] * srcIdx[d]; srcIdx[d] = 0;
    }
  }
  return new NDArray(out, outShape, x.dtype);
};
