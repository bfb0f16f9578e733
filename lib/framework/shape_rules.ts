import { formatShape } from './ndarray';

/*
 * Shape arithmetic that both an op's shape function (at build time, ValueError) and
 * its CPU kernel (at run time, InvalidArgumentError) apply: one rule, so the two
 * cannot disagree. Each takes makeError, which gives the error class of the caller.
 */

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

/** Number of elements of Range(start, limit, delta), as TF computes it. */
export function rangeSize(start: number, limit: number, delta: number, opName: string,
  makeError: (msg: string) => Error): number {
  if (delta === 0) throw makeError(`Requires delta != 0: ${delta} in '${opName}'`);
  if (delta > 0 && start > limit) throw makeError(`Requires start <= limit when delta > 0: ${start}/${limit} in '${opName}'`);
  if (delta < 0 && start < limit) throw makeError(`Requires start >= limit when delta < 0: ${start}/${limit} in '${opName}'`);
  return Math.ceil(Math.abs((limit - start) / delta));
}

/** Checks reduction indices against a rank: normalized, sorted, without duplicates. */
export function normalizeReductionAxes(values: ArrayLike<number>, rank: number, opName: string,
  makeError: (msg: string) => Error): number[] {
  const axes: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const a = values[i];
    if (!Number.isInteger(a) || a < -rank || a >= rank) {
      throw makeError(`Invalid reduction dimension (${a} for input with ${rank} dimension(s)) in '${opName}'`);
    }
    const n = a < 0 ? a + rank : a;
    if (axes.includes(n)) throw makeError(`Invalid reduction arguments: Axes contains duplicate dimension: ${n} in '${opName}'`);
    axes.push(n);
  }
  return axes.sort((p, q) => p - q);
}

/**
 * ArgMax/ArgMin's `dimension` operand (a scalar) against the input's shape, as both
 * backends' kernels check it: the axis, made non-negative; the reduced axis must not be empty.
 */
export function argReductionAxis(dim: { size: number; shape: readonly number[]; data: ArrayLike<number> },
  shape: readonly number[], opName: string, makeError: (msg: string) => Error): number {
  const rank = shape.length;
  if (dim.size !== 1) throw makeError(`dimension of '${opName}' must be a scalar, got shape ${formatShape(dim.shape)}`);
  const axis = dim.data[0];
  if (axis < -rank || axis >= rank) throw makeError(`Expected dimension in the range [${-rank}, ${rank}), but got ${axis} in '${opName}'`);
  const a = axis < 0 ? axis + rank : axis;
  if (shape[a] === 0) throw makeError(`Reduction axis ${axis} is empty in shape ${formatShape(shape)} in '${opName}'`);
  return a;
}
