/**
 * TF's StridedSlice spec resolution (its ValidateStridedSliceOp), shared by the op's
 * shape function, its CPU and gpu kernels and StridedSliceGrad, so all agree on the
 * mask semantics and the messages.
 *
 * The "sparse" spec is what the caller wrote (one entry per begin/end/strides element,
 * with `...` and new axes); the "dense" spec has one entry per input dimension. Without
 * an ellipsis, one is implied after the last entry (t[1] is t[1, ...]).
 */

export interface StridedSliceMasks {
  begin_mask: number;
  end_mask: number;
  ellipsis_mask: number;
  new_axis_mask: number;
  shrink_axis_mask: number;
}

export interface ResolvedStridedSlice {
  /** Per input dimension: first index, step, and how many elements are taken (null: unknown). */
  begin: (number | null)[];
  strides: number[];
  processingShape: (number | null)[];
  /** The output shape: processingShape with the shrunk dims dropped and new axes (1) inserted. */
  finalShape: (number | null)[];
  /** True when the slice takes every input element in order (the output is the input, reshaped). */
  isIdentity: boolean;
}

const NEW_AXIS = -1;
const SHRINK_AXIS = -2;
const bit = (mask: number, i: number) => (mask & (1 << i)) !== 0;

/**
 * Resolves the slice against `dims` (the input shape; null entries unknown). begin, end
 * and strides are the sparse spec's values. `fail` builds the error to throw (TF raises
 * InvalidArgument at run time and ValueError when building the graph). While building,
 * begin and end may be unknown (null: a tensor index, t[i]): the rank still follows from
 * strides and the masks, and a dimension's size from its masks and input dimension.
 */
export function resolveStridedSlice(dims: readonly (number | null)[], begin: readonly number[] | null, end: readonly number[] | null,
  strides: readonly number[], masks: StridedSliceMasks, fail: (msg: string) => Error): ResolvedStridedSlice {
  for (const v of [begin, end]) {
    if (v !== null && v.length !== strides.length) {
      throw fail(`Expected begin, end, and strides to be 1D equal size tensors, but got shapes [${(begin ?? strides).length}], ` +
        `[${(end ?? strides).length}], and [${strides.length}] instead.`);
    }
  }
  if (strides.length > 32) throw fail('Only 32 dimensions are supported by StridedSlice');
  if ((masks.ellipsis_mask & (masks.ellipsis_mask - 1)) !== 0) throw fail('Multiple ellipses in slice spec not allowed');

  let sparseDims = strides.length;
  let ellipsisMask = masks.ellipsis_mask;
  let ellipsisSeen = false, newAxesAfterEllipsis = 0;
  for (let i = 0; i < sparseDims; i++) {
    if (ellipsisSeen && bit(masks.new_axis_mask, i)) newAxesAfterEllipsis++;
    if (bit(ellipsisMask, i)) ellipsisSeen = true;
  }
  if (!ellipsisSeen) { ellipsisMask |= 1 << sparseDims; sparseDims++; }

  // Build the dense spec: one entry per input dimension.
  const rank = dims.length;
  const dBegin = new Array<number>(rank).fill(0), dEnd = new Array<number>(rank).fill(0), dStride = new Array<number>(rank).fill(1);
  const dBeginMasked = new Array<boolean>(rank).fill(false), dEndMasked = new Array<boolean>(rank).fill(false);
  const dShrink = new Array<boolean>(rank).fill(false);
  const gather: number[] = [];
  let full = 0;
  for (let i = 0; i < sparseDims; i++) {
    if (bit(ellipsisMask, i)) {
      const next = Math.min(rank - (sparseDims - i) + 1 + newAxesAfterEllipsis, rank);
      for (; full < next; full++) {
        dBeginMasked[full] = dEndMasked[full] = true;
        gather.push(full);
      }
    } else if (bit(masks.new_axis_mask, i)) {
      gather.push(NEW_AXIS);
    } else {
      if (full === rank) throw fail(`Index out of range using input dim ${full}; input has only ${rank} dims`);
      dBegin[full] = begin === null ? NaN : begin[i]; dEnd[full] = end === null ? NaN : end[i]; dStride[full] = strides[i];
      dBeginMasked[full] = bit(masks.begin_mask, i);
      dEndMasked[full] = bit(masks.end_mask, i);
      if (bit(masks.shrink_axis_mask, i)) { dShrink[full] = true; gather.push(SHRINK_AXIS); } else gather.push(full);
      full++;
    }
  }

  const outBegin: (number | null)[] = [], processingShape: (number | null)[] = [];
  let isIdentity = true;
  for (let i = 0; i < rank; i++) {
    const stride = dStride[i], dim = dims[i];
    if (stride === 0) throw fail(`strides[${i}] must be non-zero`);
    // An unknown begin or end (NaN) matters unless masked away: the size is then unknown too.
    const unknownBounds = (Number.isNaN(dBegin[i]) && !(dBeginMasked[i] && !dShrink[i])) || (Number.isNaN(dEnd[i]) && !dEndMasked[i] && !dShrink[i]);
    if (dim === null || unknownBounds) {
      outBegin.push(null);
      processingShape.push(dShrink[i] ? 1 : null);
      isIdentity = false;
      continue;
    }
    // The valid range of an index, and where a masked begin or end lands, depend on the direction.
    const lo = stride > 0 ? 0 : -1, hi = stride > 0 ? dim : dim - 1;
    const canonical = (x: number, isEnd: boolean): number => {
      if (isEnd ? dEndMasked[i] : dBeginMasked[i]) return (stride > 0) !== isEnd ? lo : hi;
      const fwd = x < 0 ? dim + x : x;
      return Math.min(Math.max(fwd, lo), hi);
    };
    let b: number, e: number;
    if (dShrink[i]) {
      const fwd = dBegin[i] < 0 ? dim + dBegin[i] : dBegin[i];
      if (fwd < 0 || fwd >= dim) throw fail(`slice index ${dBegin[i]} of dimension ${i} out of bounds.`);
      b = fwd; e = fwd + 1;
    } else {
      b = canonical(dBegin[i], false); e = canonical(dEnd[i], true);
    }
    const interval = e - b;
    let size: number;
    if (dShrink[i]) size = 1;
    else if (interval === 0 || (interval < 0) !== (stride < 0)) size = 0;
    else size = Math.floor(interval / stride) + (interval % stride !== 0 ? 1 : 0);
    outBegin.push(b);
    processingShape.push(size);
    if (!(b === 0 && stride === 1 && size === dim)) isIdentity = false;
  }
  const finalShape: (number | null)[] = [];
  for (const g of gather) {
    if (g === NEW_AXIS) finalShape.push(1);
    else if (g !== SHRINK_AXIS) finalShape.push(processingShape[g]);
  }
  return { begin: outBegin, strides: dStride, processingShape, finalShape, isIdentity };
}

/** The masks of a StridedSlice/StridedSliceGrad op from its attrs. */
export function stridedSliceMasks(attrs: Record<string, any>): StridedSliceMasks {
  return {
    begin_mask: Number(attrs.begin_mask ?? 0), end_mask: Number(attrs.end_mask ?? 0),
    ellipsis_mask: Number(attrs.ellipsis_mask ?? 0), new_axis_mask: Number(attrs.new_axis_mask ?? 0),
    shrink_axis_mask: Number(attrs.shrink_axis_mask ?? 0),
  };
}
