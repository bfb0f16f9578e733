import { NDArray, stridesOf, sizeOf } from '../../lib/framework/ndarray';
import { broadcastShapes } from '../../lib/framework/shape_utils';
import { DType, typedArrayFor, TypedArray } from '../../lib/framework/dtypes';

/**
 * Applies f elementwise with NumPy broadcasting. Same-shape and scalar operands
 * take loops with no index arithmetic; the rest walk both operands by strides.
 */
export function broadcastBinary(a: NDArray, b: NDArray, outDType: DType, opName: string,
  f: (x: number, y: number) => number): NDArray {
  const shape = broadcastShapes(a.shape, b.shape, opName);
  const n = sizeOf(shape);
  const out = typedArrayFor(outDType, n);
  const ad = a.data, bd = b.data;
  if (ad.length === n && bd.length === n) {
    for (let i = 0; i < n; i++) out[i] = f(ad[i], bd[i]);
  } else if (bd.length === 1 && ad.length === n) {
    const y = bd[0];
    for (let i = 0; i < n; i++) out[i] = f(ad[i], y);
  } else if (ad.length === 1 && bd.length === n) {
    const x = ad[0];
    for (let i = 0; i < n; i++) out[i] = f(x, bd[i]);
  } else if (ad.length === n && isTrailing(b.shape, shape)) {
    const m = bd.length;
    for (let i = 0; i < n; i += m) for (let j = 0; j < m; j++) out[i + j] = f(ad[i + j], bd[j]);
  } else {
    generalBroadcast(a, b, shape, out, f);
  }
  return new NDArray(out, shape, outDType);
}

/** True when `small` broadcasts as a suffix of `shape` (a bias added to each row). */
function isTrailing(small: readonly number[], shape: readonly number[]): boolean {
  const off = shape.length - small.length;
  for (let i = 0; i < small.length; i++) if (small[i] !== shape[off + i]) return false;
  return true;
}

function generalBroadcast(a: NDArray, b: NDArray, shape: number[], out: TypedArray, f: (x: number, y: number) => number): void {
  const rank = shape.length;
  const sa = broadcastStrides(a.shape, shape), sb = broadcastStrides(b.shape, shape);
  const idx = new Array<number>(rank).fill(0);
  let ia = 0, ib = 0;
  const n = out.length;
  for (let k = 0; k < n; k++) {
    out[k] = f(a.data[ia], b.data[ib]);
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]++; ia += sa[d]; ib += sb[d];
      if (idx[d] < shape[d]) break;
      ia -= sa[d] * shape[d]; ib -= sb[d] * shape[d]; idx[d] = 0;
    }
  }
}

/** Strides of `s` viewed in the broadcast `shape`: 0 along broadcast dimensions. */
export function broadcastStrides(s: readonly number[], shape: readonly number[]): number[] {
  const st = stridesOf(s);
  const off = shape.length - s.length;
  return shape.map((_, i) => (i < off || s[i - off] === 1 ? 0 : st[i - off]));
}

/** Maps f over every element. */
export function unary(x: NDArray, outDType: DType, f: (v: number) => number): NDArray {
  const out = typedArrayFor(outDType, x.size);
  const d = x.data;
  for (let i = 0; i < d.length; i++) out[i] = f(d[i]);
  return new NDArray(out, x.shape, outDType);
}
