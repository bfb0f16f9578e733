import { stridesOf } from '../../lib/framework/ndarray';
import type { TypedArray } from '../../lib/framework/dtypes';
import { copyRun } from './Concat';

/**
 * Copies a box of shape `size` from src (shape srcShape, starting at srcStart) into
 * dst (shape dstShape, starting at dstStart). Slice reads a box out of a larger
 * array; Pad writes one into a larger array. Trailing dimensions that the box spans
 * fully in both arrays are merged, so the inner loop copies long contiguous runs.
 */
export function copyBox(src: TypedArray, srcShape: readonly number[], srcStart: readonly number[],
  dst: TypedArray, dstShape: readonly number[], dstStart: readonly number[], size: readonly number[]): void {
  if (size.some((d) => d === 0)) return;
  if (size.length === 0) { dst[0] = src[0]; return; }
  const s = srcShape.slice(), d = dstShape.slice(), a = srcStart.slice(), b = dstStart.slice(), n = size.slice();
  while (n.length >= 2) {
    const last = n.length - 1;
    if (!(n[last] === s[last] && n[last] === d[last])) break;
    // A fully spanned dimension starts at 0, so the merged start is the outer start scaled.
    const w = n[last];
    n[last - 1] *= w; s[last - 1] *= w; d[last - 1] *= w; a[last - 1] *= w; b[last - 1] *= w;
    n.pop(); s.pop(); d.pop(); a.pop(); b.pop();
  }
  const rank = n.length;
  const ss = stridesOf(s), ds = stridesOf(d);
  let so = 0, doff = 0;
  for (let i = 0; i < rank; i++) { so += a[i] * ss[i]; doff += b[i] * ds[i]; }
  const run = n[rank - 1];
  if (rank === 1) { copyRun(src, so, dst, doff, run); return; }
  const idx = new Array<number>(rank - 1).fill(0);
  for (;;) {
    copyRun(src, so, dst, doff, run);
    let dim = rank - 2;
    for (; dim >= 0; dim--) {
      idx[dim]++; so += ss[dim]; doff += ds[dim];
      if (idx[dim] < n[dim]) break;
      so -= ss[dim] * n[dim]; doff -= ds[dim] * n[dim]; idx[dim] = 0;
    }
    if (dim < 0) return;
  }
}
