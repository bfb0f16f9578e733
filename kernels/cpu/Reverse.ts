import { NDArray, stridesOf } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/** ReverseV2's axes as a flag per dimension, checked as TF's kernel does. */
export function reversedDims(rank: number, axis: NDArray, opName: string): boolean[] {
  const flags = new Array<boolean>(rank).fill(false);
  Array.from(axis.data as ArrayLike<number>, Number).forEach((a, i) => {
    if (a < -rank || a >= rank) {
      throw new InvalidArgumentError(`'axis'[${i}] = ${a} is out of valid range [${-rank}, ${rank - 1}] (in '${opName}')`, opName);
    }
    const d = a < 0 ? a + rank : a;
    if (flags[d]) throw new InvalidArgumentError(`axis ${d} specified more than once. (in '${opName}')`, opName);
    flags[d] = true;
  });
  return flags;
}

/** Visits every element as (flat index, its coordinates), coordinates updated in place. */
function forEachCoord(shape: readonly number[], size: number, visit: (i: number, c: number[]) => void): void {
  const c = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < size; i++) {
    visit(i, c);
    for (let d = shape.length - 1; d >= 0; d--) { if (++c[d] < shape[d]) break; c[d] = 0; }
  }
}

/** ReverseV2(tensor, axis): the input with the listed dimensions read backwards. */
export const reverseKernel: CpuKernel = ([x, axis], ctx) => {
  const flags = reversedDims(x.rank, axis, ctx.op.name);
  if (!flags.some((f, d) => f && x.shape[d] > 1)) return x;
  const strides = stridesOf(x.shape);
  const out = ctx.allocate(x.dtype, x.size, false);
  const src = x.data;
  forEachCoord(x.shape, x.size, (i, c) => {
    let from = 0;
    for (let d = 0; d < c.length; d++) from += (flags[d] ? x.shape[d] - 1 - c[d] : c[d]) * strides[d];
    out[i] = src[from];
  });
  return new NDArray(out, x.shape, x.dtype);
};

/** The attrs and lengths of a ReverseSequence, checked as TF's kernel does. */
export function reverseSequenceGeometry(shape: readonly number[], lengths: NDArray, attrs: { seq_dim?: unknown; batch_dim?: unknown },
  opName: string): { seq: number; batch: number; lens: number[] } {
  const seq = Number(attrs.seq_dim), batch = Number(attrs.batch_dim ?? 0), rank = shape.length;
  const fail = (msg: string) => new InvalidArgumentError(`${msg} (in '${opName}')`, opName);
  if (batch === seq) throw fail(`batch_dim == seq_dim == ${seq}`);
  if (seq < 0 || seq >= rank) throw fail(`seq_dim must be < input rank ( ${seq} vs. ${rank})`);
  if (batch < 0 || batch >= rank) throw fail(`batch_dim must be < input rank ( ${batch} vs. ${rank})`);
  if (lengths.rank !== 1) throw fail(`seq_lengths must be 1-dim, not ${lengths.rank}`);
  if (lengths.size !== shape[batch]) throw fail(`Length of seq_lengths != input.dims(${batch}), (${lengths.size} vs. ${shape[batch]})`);
  const lens = Array.from(lengths.data as ArrayLike<number>, Number);
  lens.forEach((l, i) => {
    if (l < 0) throw fail(`seq_lengths(${i}) < 0`);
    if (l > shape[seq]) throw fail(`seq_lengths[${i}] > input.dims(${seq}): ${l} vs. ${shape[seq]}`);
  });
  return { seq, batch, lens };
}

/** ReverseSequence(input, seq_lengths): along seq_dim, the first seq_lengths[b] entries of batch b reversed. */
export const reverseSequenceKernel: CpuKernel = ([x, lengths], ctx) => {
  const { seq, batch, lens } = reverseSequenceGeometry(x.shape, lengths, ctx.attrs, ctx.op.name);
  const strides = stridesOf(x.shape);
  const out = ctx.allocate(x.dtype, x.size, false);
  const src = x.data;
  forEachCoord(x.shape, x.size, (i, c) => {
    const len = lens[c[batch]], s = c[seq];
    out[i] = s < len ? src[i + (len - 1 - 2 * s) * strides[seq]] : src[i];
  });
  return new NDArray(out, x.shape, x.dtype);
};
