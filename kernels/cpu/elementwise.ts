import { NDArray, sizeOf } from '../../lib/framework/ndarray';
import type { KernelContext } from '../../lib/registry/kernel_registry';
import { broadcastShapes } from '../../lib/framework/shape_utils';
import { DType, TypedArray, roundToFloat16 } from '../../lib/framework/dtypes';

/**
 * Elementwise kernels compiled from a JS expression in `x` (and `y`).
 *
 * Why generated code: a shared loop that calls `f(x, y)` sees every op's f at the
 * same call site, so V8 cannot inline it and each element pays a full call. A loop
 * compiled per op has the arithmetic inline. The expressions are fixed strings
 * written in the kernel files, never user input.
 */

/** Small helpers an expression may call as `h.name(...)`; monomorphic, so V8 inlines them. */
export const elementwiseHelpers = {
  floorMod(x: number, y: number): number {
    const r = x % y;
    return r !== 0 && (r < 0) !== (y < 0) ? r + y : r;
  },
  roundToFloat16,
  roundHalfToEven(x: number): number {
    const r = Math.round(x);
    // Math.round rounds .5 up; TF (and NumPy) round halves to the even neighbour.
    return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
  },
};

/**
 * A compiled 2-D loop: `outer` runs of `inner` outputs written contiguously from io;
 * each run starts sa (sb) further into a (b). Within a run an operand is either
 * dense or a single broadcast value, which is what the three variants fix.
 */
type Loop = (ad: TypedArray, bd: TypedArray, out: TypedArray, outer: number, inner: number,
  ia: number, ib: number, io: number, sa: number, sb: number) => void;

interface BinaryLoops {
  /** Both operands dense along the run. */
  both: Loop;
  /** b broadcast along the run. */
  aOnly: Loop;
  /** a broadcast along the run. */
  bOnly: Loop;
}

const binaryCache = new Map<string, BinaryLoops>();

function compileBinary(expr: string): BinaryLoops {
  let loops = binaryCache.get(expr);
  if (loops) return loops;
  const make = (x: string, y: string) => new Function('h',
    `"use strict"; return function (ad, bd, out, outer, inner, ia, ib, io, sa, sb) {
      for (let o = 0; o < outer; o++, ia += sa, ib += sb) {
        for (let j = 0; j < inner; j++) { const x = ${x}, y = ${y}; out[io++] = ${expr}; }
      }
    };`)(elementwiseHelpers) as Loop;
  loops = { both: make('ad[ia + j]', 'bd[ib + j]'), aOnly: make('ad[ia + j]', 'bd[ib]'), bOnly: make('ad[ia]', 'bd[ib + j]') };
  binaryCache.set(expr, loops);
  return loops;
}

const unaryCache = new Map<string, (d: TypedArray, out: TypedArray, n: number) => void>();

function compileUnary(expr: string): (d: TypedArray, out: TypedArray, n: number) => void {
  let loop = unaryCache.get(expr);
  if (!loop) {
    loop = new Function('h', `"use strict"; return function (d, out, n) {
      for (let i = 0; i < n; i++) { const x = d[i]; out[i] = ${expr}; }
    };`)(elementwiseHelpers) as (d: TypedArray, out: TypedArray, n: number) => void;
    unaryCache.set(expr, loop);
  }
  return loop;
}

/**
 * out = expr(x) elementwise, as an array of outDType: `out` when given (a kernel's
 * output of x's size that a faster path declined to fill), else a new one.
 */
export function unaryKernel(ctx: KernelContext, x: NDArray, outDType: DType, expr: string,
  out: TypedArray = ctx.allocate(outDType, x.size, false)): NDArray {
  compileUnary(expr)(x.data, out, x.size);
  return new NDArray(out, x.shape, outDType);
}

/**
 * out = expr(x, y) with NumPy broadcasting. Dimensions are collapsed first so that
 * the innermost run is as long as possible; the outer dimensions are walked once per
 * run, never per element.
 */
export function binaryKernel(ctx: KernelContext, a: NDArray, b: NDArray, outDType: DType, opName: string, expr: string,
  given?: TypedArray): NDArray {
  const shape = broadcastShapes(a.shape, b.shape, opName);
  const n = sizeOf(shape);
  // given: a kernel's output of the broadcast size that a faster path declined to fill.
  const out = given ?? ctx.allocate(outDType, n, false);
  if (n === 0) return new NDArray(out, shape, outDType);
  const loops = compileBinary(expr);
  const ad = a.data, bd = b.data;
  if (ad.length === n && bd.length === n) loops.both(ad, bd, out, 1, n, 0, 0, 0, 0, 0);
  else if (bd.length === 1 && ad.length === n) loops.aOnly(ad, bd, out, 1, n, 0, 0, 0, 0, 0);
  else if (ad.length === 1 && bd.length === n) loops.bOnly(ad, bd, out, 1, n, 0, 0, 0, 0, 0);
  else stridedBinary(loops, a, b, shape, out);
  return new NDArray(out, shape, outDType);
}

/**
 * Broadcast walk. After collapsing, each dimension has, per operand, stride 0
 * (broadcast) or its dense stride. The last two dimensions are one compiled 2-D
 * loop (a bias over rows, a column over columns); any dimensions before them are
 * walked by an odometer, once per 2-D block.
 */
function stridedBinary(loops: BinaryLoops, a: NDArray, b: NDArray, shape: number[], out: TypedArray): void {
  const { dims, stridesA, stridesB } = collapseBroadcast(a.shape, b.shape, shape);
  if (dims.length === 1) { dims.unshift(1); stridesA.unshift(0); stridesB.unshift(0); }
  const rank = dims.length;
  const inner = dims[rank - 1], outer = dims[rank - 2];
  const sa = stridesA[rank - 1], sb = stridesB[rank - 1];
  // Size-1 dimensions were dropped, so at least one operand is dense along the run.
  const loop: Loop = sa !== 0 && sb !== 0 ? loops.both : sa !== 0 ? loops.aOnly : loops.bOnly;
  const saOuter = stridesA[rank - 2], sbOuter = stridesB[rank - 2];
  const block = inner * outer;
  const idx = new Array<number>(rank).fill(0);
  let ia = 0, ib = 0;
  for (let io = 0; io < out.length; io += block) {
    loop(a.data, b.data, out, outer, inner, ia, ib, io, saOuter, sbOuter);
    for (let d = rank - 3; d >= 0; d--) {
      idx[d]++; ia += stridesA[d]; ib += stridesB[d];
      if (idx[d] < dims[d]) break;
      ia -= stridesA[d] * dims[d]; ib -= stridesB[d] * dims[d]; idx[d] = 0;
    }
  }
}

/**
 * Merges adjacent dimensions where both operands are either dense or broadcast
 * together, and drops size-1 dimensions: [N,H,W,C] + [C] becomes [N*H*W, C].
 */
export function collapseBroadcast(aShape: readonly number[], bShape: readonly number[], shape: readonly number[]):
  { dims: number[]; stridesA: number[]; stridesB: number[] } {
  const rank = shape.length;
  const dims: number[] = [], fullA: boolean[] = [], fullB: boolean[] = [];
  for (let i = 0; i < rank; i++) {
    const d = shape[i];
    if (d === 1) continue;
    const da = dimFromRight(aShape, rank - i), db = dimFromRight(bShape, rank - i);
    const fa = da !== 1, fb = db !== 1;
    const k = dims.length - 1;
    if (k >= 0 && fullA[k] === fa && fullB[k] === fb) dims[k] *= d;
    else { dims.push(d); fullA.push(fa); fullB.push(fb); }
  }
  if (dims.length === 0) { dims.push(1); fullA.push(true); fullB.push(true); }
  const strides = (full: boolean[]) => {
    const s = new Array<number>(dims.length);
    let acc = 1;
    for (let i = dims.length - 1; i >= 0; i--) { s[i] = full[i] ? acc : 0; if (full[i]) acc *= dims[i]; }
    return s;
  };
  return { dims, stridesA: strides(fullA), stridesB: strides(fullB) };
}

/** The dimension `fromRight` places from the end of shape (1 beyond its rank). */
function dimFromRight(shape: readonly number[], fromRight: number): number {
  const i = shape.length - fromRight;
  return i >= 0 ? shape[i] : 1;
}

/**
 * Copies x into a larger shape it broadcasts to (BroadcastTo). The caller has
 * checked compatibility. Runs along which x is dense are block copies; runs along
 * which x is broadcast are fills.
 */
export function broadcastToKernel(ctx: KernelContext, x: NDArray, shape: number[]): NDArray {
  const n = sizeOf(shape);
  // Nothing stretched: the same values under the new shape (kernels never write their inputs).
  if (x.size === n) return new NDArray(x.data, shape, x.dtype);
  const out = ctx.allocate(x.dtype, n, true);
  const { dims, stridesA } = collapseBroadcast(x.shape, shape, shape);
  const rank = dims.length;
  const inner = dims[rank - 1], dense = stridesA[rank - 1] !== 0;
  const idx = new Array<number>(rank).fill(0);
  const d = x.data;
  let ia = 0;
  for (let io = 0; io < n; io += inner) {
    if (dense) out.set(d.subarray(ia, ia + inner), io);
    else out.fill(d[ia], io, io + inner);
    for (let k = rank - 2; k >= 0; k--) {
      idx[k]++; ia += stridesA[k];
      if (idx[k] < dims[k]) break;
      ia -= stridesA[k] * dims[k]; idx[k] = 0;
    }
  }
  return new NDArray(out, shape, x.dtype);
}
