/** The few array manipulations pipelines need on host values: row slices, stacking, padding. */
import { NDArray, sizeOf, formatShape } from '../framework/ndarray';
import { typedArrayFor } from '../framework/dtypes';
import { InvalidArgumentError } from '../framework/errors';

/** Row `i` of `a` along its first dimension, as an array of its own. */
export function sliceRow(a: NDArray, i: number): NDArray {
  const shape = a.shape.slice(1);
  const n = sizeOf(shape);
  if (a.strings) return new NDArray(new Float64Array(n), shape, 'string', a.strings.slice(i * n, (i + 1) * n));
  return new NDArray(a.data.slice(i * n, (i + 1) * n), shape, a.dtype);
}

/** Stacks same-shaped arrays along a new first dimension (batch). */
export function stackArrays(items: NDArray[], component: number): NDArray {
  const first = items[0]!;
  const n = first.size;
  items.forEach((a, j) => {
    if (formatShape(a.shape) !== formatShape(first.shape)) {
      throw new InvalidArgumentError(`Cannot batch tensors with different shapes in component ${component}. ` +
        `First element had shape [${first.shape.join(',')}] and element ${j} had shape [${a.shape.join(',')}].`);
    }
  });
  const shape = [items.length, ...first.shape];
  if (first.strings) return new NDArray(new Float64Array(n * items.length), shape, 'string', items.flatMap((a) => [...a.strings!]));
  const data = typedArrayFor(first.dtype, n * items.length);
  items.forEach((a, j) => data.set(a.data as never, j * n));
  return new NDArray(data, shape, first.dtype);
}

/** Copies `a` into the corner of a `shape` array filled with `fill` (padded_batch). */
export function padTo(a: NDArray, shape: readonly number[], fill: NDArray): NDArray {
  const size = sizeOf(shape);
  const out = a.strings
    ? new NDArray(new Float64Array(size), shape, 'string', new Array(size).fill(fill.strings![0]))
    : new NDArray(typedArrayFor(a.dtype, size).fill(fill.data[0] as never), shape, a.dtype);
  const rank = shape.length;
  const index = new Array(rank).fill(0);
  for (let src = 0; src < a.size; src++) {
    let dst = 0;
    for (let d = 0; d < rank; d++) dst = dst * shape[d]! + index[d];
    if (out.strings) (out.strings as Uint8Array[])[dst] = a.strings![src]!;
    else out.data[dst] = a.data[src]!;
    for (let d = rank - 1; d >= 0; d--) {
      if (++index[d] < a.shape[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}
