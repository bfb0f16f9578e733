import { NDArray, formatShape, sizeOf } from '../../lib/framework/ndarray';
import { DType, as_dtype, coerce, typedArrayFor } from '../../lib/framework/dtypes';
import type { KernelContext } from '../../lib/registry/kernel_registry';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { resolveReshape, rangeSize } from '../../lib/framework/shape_rules';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { broadcastToKernel as broadcastArray } from './elementwise';

/* The shape ops' CPU kernels (Shape, Size, Rank, Reshape, Fill, ZerosLike, OnesLike, BroadcastTo, BroadcastGradientArgs, Range) and their helpers. */

/** Reshape shares the input's buffer: values are never modified in place, so no copy is needed. */
function reshapeTo(x: NDArray, shape: NDArray, opName: string): NDArray {
  if (shape.rank !== 1) {
    throw new InvalidArgumentError(`shape must be a vector, got shape ${formatShape(shape.shape)} in '${opName}'`, opName);
  }
  // The description is built only for an error: formatting it every run cost a
  // microsecond per Reshape.
  const dims = resolveReshape(x.size, shape.data, () => `${formatShape(x.shape)} in '${opName}'`,
    (msg) => new InvalidArgumentError(msg, opName));
  return new NDArray(x.data, dims, x.dtype, x.strings ?? undefined);
}

/** Reads a 1-D dims tensor as a concrete shape (Fill, BroadcastTo), naming the op when it is bad. */
function dimsFrom(dims: NDArray, opName: string, what: string): number[] {
  if (dims.rank !== 1) {
    throw new InvalidArgumentError(`${what} must be a vector, got shape ${formatShape(dims.shape)} in '${opName}'`, opName);
  }
  const out = Array.from(dims.data);
  for (const d of out) {
    if (!Number.isInteger(d) || d < 0) throw new InvalidArgumentError(`${what} [${out}] has a negative or non-integer dimension in '${opName}'`, opName);
  }
  return out;
}

function filled(ctx: KernelContext, shape: number[], value: number, dtype: DType): NDArray {
  const data = ctx.allocate(dtype, sizeOf(shape), true);
  if (value !== 0) data.fill(coerce(dtype, value));
  return new NDArray(data, shape, dtype);
}

function rangeArray(ctx: KernelContext, start: number, limit: number, delta: number, dtype: DType, opName: string): NDArray {
  const n = rangeSize(start, limit, delta, opName, (msg) => new InvalidArgumentError(msg, opName));
  const data = ctx.allocate(dtype, n, false);
  for (let i = 0; i < n; i++) data[i] = start + i * delta;
  return new NDArray(data, [n], dtype);
}

/**
 * BroadcastGradientArgs: for shapes s0 and s1, the axes of their broadcast shape
 * along which each operand was stretched (leading axes it lacks, and axes where it
 * has size 1 but the result does not); summing a gradient over them undoes the broadcast.
 */
function broadcastGradientArgs(s0: ArrayLike<number>, s1: ArrayLike<number>, opName: string,
  dtype: DType = 'int32'): [NDArray, NDArray] {
  const rank = Math.max(s0.length, s1.length);
  const r0: number[] = [], r1: number[] = [];
  for (let i = 0; i < rank; i++) {
    const i0 = i - (rank - s0.length), i1 = i - (rank - s1.length);
    const d0 = i0 >= 0 ? s0[i0] : 1, d1 = i1 >= 0 ? s1[i1] : 1;
    if (d0 !== d1 && d0 !== 1 && d1 !== 1) {
      throw new InvalidArgumentError(`Incompatible shapes: [${Array.from(s0)}] vs. [${Array.from(s1)}] in '${opName}'`, opName);
    }
    const out = d0 === 1 ? d1 : d0;
    if (i0 < 0 || (d0 === 1 && out !== 1)) r0.push(i);
    if (i1 < 0 || (d1 === 1 && out !== 1)) r1.push(i);
  }
  const vector = (axes: number[]) => {
    const data = typedArrayFor(dtype, axes.length);
    axes.forEach((a, i) => { data[i] = a; });
    return new NDArray(data, [axes.length], dtype);
  };
  return [vector(r0), vector(r1)];
}

/** Shape and Size give out_type (int32 unless the op says int64). */
function outType(attrs: Record<string, any>): DType {
  return as_dtype(attrs.out_type ?? 'int32');
}

export const shapeKernel: CpuKernel = ([x], ctx) => {
  const t = outType(ctx.attrs);
  const data = ctx.allocate(t, x.rank, false);
  for (let i = 0; i < x.rank; i++) data[i] = x.shape[i];
  return new NDArray(data, [x.rank], t);
};

export const sizeKernel: CpuKernel = ([x], ctx) => NDArray.scalar(x.size, outType(ctx.attrs));

export const rankKernel: CpuKernel = ([x]) => NDArray.scalar(x.rank, 'int32');

export const reshapeKernel: CpuKernel = ([x, shape], ctx) => reshapeTo(x, shape, ctx.op.name);

export const fillKernel: CpuKernel = ([dims, value], ctx) => {
  if (value.rank !== 0) throw new InvalidArgumentError(`value must be a scalar, got shape ${formatShape(value.shape)} in '${ctx.op.name}'`, ctx.op.name);
  return filled(ctx, dimsFrom(dims, ctx.op.name, 'dims'), value.data[0], value.dtype);
};

export const zerosLikeKernel: CpuKernel = ([x], ctx) => ctx.output(x.shape, x.dtype);

export const onesLikeKernel: CpuKernel = ([x], ctx) => filled(ctx, x.shape, 1, x.dtype);

export const broadcastToKernel: CpuKernel = ([x, shape], ctx) => {
  const target = dimsFrom(shape, ctx.op.name, 'shape');
  const off = target.length - x.rank;
  if (off < 0 || x.shape.some((d, i) => d !== 1 && d !== target[i + off])) {
    throw new InvalidArgumentError(`Incompatible shapes: ${formatShape(x.shape)} cannot be broadcast to ` +
      `${formatShape(target)} in '${ctx.op.name}'`, ctx.op.name);
  }
  return broadcastArray(ctx, x, target);
};

export const broadcastGradientArgsKernel: CpuKernel = ([s0, s1], ctx) => broadcastGradientArgs(s0.data, s1.data, ctx.op.name, s0.dtype);

export const rangeKernel: CpuKernel = ([start, limit, delta], ctx) =>
  rangeArray(ctx, start.data[0], limit.data[0], delta.data[0], start.dtype, ctx.op.name);
