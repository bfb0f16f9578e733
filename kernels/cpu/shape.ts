import { NDArray, formatShape, sizeOf } from '../../lib/framework/ndarray';
import { DType, coerce } from '../../lib/framework/dtypes';
import type { KernelContext } from '../../lib/registry/kernel_registry';
import { InvalidArgumentError } from '../../lib/framework/errors';

/**
 * Resolves a Reshape target (at most one -1) against an element count; throws
 * through makeError with TF's wording (describeInput names the input) when it cannot fit.
 */
export function resolveReshape(size: number, target: ArrayLike<number>, describeInput: () => string,
  makeError: (msg: string) => Error): number[] {
  const dims = Array.from(target);
  let inferred = -1, known = 1;
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    if (d === -1) {
      if (inferred >= 0) throw makeError(`Only one input size may be -1, not both ${inferred} and ${i} (reshaping ${describeInput()})`);
      inferred = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw makeError(`Size ${i} must be non-negative, not ${d} (reshaping ${describeInput()})`);
    } else {
      known *= d;
    }
  }
  if (inferred >= 0) {
    if (known === 0) {
      if (size !== 0) throw makeError(`Cannot reshape a tensor with ${size} elements to shape [${dims}] (reshaping ${describeInput()})`);
      throw makeError(`Reshape cannot infer the missing input size for an empty tensor unless all specified input sizes are non-zero (reshaping ${describeInput()} to [${dims}])`);
    }
    if (size % known !== 0) {
      throw makeError(`Cannot reshape a tensor with ${size} elements to shape [${dims}] (reshaping ${describeInput()})`);
    }
    dims[inferred] = size / known;
  } else if (known !== size) {
    throw makeError(`Cannot reshape a tensor with ${size} elements to shape [${dims}] (${known} elements) (reshaping ${describeInput()})`);
  }
  return dims;
}

/** Reshape shares the input's buffer: values are never modified in place, so no copy is needed. */
export function reshapeKernel(x: NDArray, shape: NDArray, opName: string): NDArray {
  if (shape.rank !== 1) {
    throw new InvalidArgumentError(`shape must be a vector, got shape ${formatShape(shape.shape)} in '${opName}'`, opName);
  }
  // The description is built only for an error: formatting it every run cost a
  // microsecond per Reshape.
  const dims = resolveReshape(x.size, shape.data, () => `${formatShape(x.shape)} in '${opName}'`,
    (msg) => new InvalidArgumentError(msg, opName));
  return new NDArray(x.data, dims, x.dtype);
}

/** Reads a 1-D dims tensor as a concrete shape (Fill, BroadcastTo), naming the op when it is bad. */
export function dimsFrom(dims: NDArray, opName: string, what: string): number[] {
  if (dims.rank !== 1) {
    throw new InvalidArgumentError(`${what} must be a vector, got shape ${formatShape(dims.shape)} in '${opName}'`, opName);
  }
  const out = Array.from(dims.data);
  for (const d of out) {
    if (!Number.isInteger(d) || d < 0) throw new InvalidArgumentError(`${what} [${out}] has a negative or non-integer dimension in '${opName}'`, opName);
  }
  return out;
}

export function fillKernel(ctx: KernelContext, shape: number[], value: number, dtype: DType): NDArray {
  const data = ctx.allocate(dtype, sizeOf(shape), true);
  if (value !== 0) data.fill(coerce(dtype, value));
  return new NDArray(data, shape, dtype);
}

/** Number of elements of Range(start, limit, delta), as TF computes it. */
export function rangeSize(start: number, limit: number, delta: number, opName: string,
  makeError: (msg: string) => Error): number {
  if (delta === 0) throw makeError(`Requires delta != 0: ${delta} in '${opName}'`);
  if (delta > 0 && start > limit) throw makeError(`Requires start <= limit when delta > 0: ${start}/${limit} in '${opName}'`);
  if (delta < 0 && start < limit) throw makeError(`Requires start >= limit when delta < 0: ${start}/${limit} in '${opName}'`);
  return Math.ceil(Math.abs((limit - start) / delta));
}

export function rangeKernel(ctx: KernelContext, start: number, limit: number, delta: number, dtype: DType, opName: string): NDArray {
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
export function broadcastGradientArgs(s0: ArrayLike<number>, s1: ArrayLike<number>, opName: string): [NDArray, NDArray] {
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
  return [new NDArray(Int32Array.from(r0), [r0.length], 'int32'), new NDArray(Int32Array.from(r1), [r1.length], 'int32')];
}
