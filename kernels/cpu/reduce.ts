import { NDArray, sizeOf } from '../../lib/framework/ndarray';
import { DType, TypedArray, dtypeMax, dtypeMin, isFloating } from '../../lib/framework/dtypes';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { normalizeReductionAxes } from '../../lib/framework/shape_rules';
import type { CpuKernel, KernelContext } from '../../lib/registry/kernel_registry';
import { columnSumsWasm, elementwiseInWasm } from './wasm_elementwise';

/**
 * Reductions (Sum, Mean, Prod, Max, Min, Any, All) over any set of axes.
 *
 * The input's dimensions are collapsed into alternating kept/reduced groups and each
 * reduced group is removed by one pass over an [outer, r, inner] view: inner = 1 is
 * a plain row loop (the last-axis case), a whole-tensor reduction is one loop, and
 * other axes accumulate whole rows, so no pass computes per-element indices.
 * Accumulation is in float64.
 */
export type ReduceKind = 'sum' | 'prod' | 'max' | 'min';

type PassKind = ReduceKind | 'prodInt32';

const COMBINE: Record<PassKind, string> = {
  sum: 'acc + v',
  prod: 'acc * v',
  // int32 products wrap exactly (as C++), which a float64 product past 2^53 would not.
  prodInt32: 'Math.imul(acc, v)',
  // Math.max/min propagate NaN, as NumPy does, and compile to single instructions.
  max: 'Math.max(acc, v)',
  min: 'Math.min(acc, v)',
};

type Pass = (src: ArrayLike<number>, dst: Float64Array, outer: number, r: number, inner: number, init: number) => void;

const passCache = new Map<PassKind, Pass>();

/** One pass, compiled per kind so the combine step is inline (see elementwise.ts for why). */
function passFor(kind: PassKind): Pass {
  let pass = passCache.get(kind);
  if (!pass) {
    const combine = COMBINE[kind];
    pass = new Function(`"use strict"; return function (src, dst, outer, r, inner, init) {
      if (inner === 1) {
        for (let o = 0, base = 0; o < outer; o++, base += r) {
          let acc = init;
          for (let k = 0; k < r; k++) { const v = src[base + k]; acc = ${combine}; }
          dst[o] = acc;
        }
        return;
      }
      for (let o = 0; o < outer; o++) {
        const d0 = o * inner;
        dst.fill(init, d0, d0 + inner);
        for (let k = 0; k < r; k++) {
          const s0 = (o * r + k) * inner;
          for (let j = 0; j < inner; j++) { const acc = dst[d0 + j], v = src[s0 + j]; dst[d0 + j] = ${combine}; }
        }
      }
    };`)() as Pass;
    passCache.set(kind, pass);
  }
  return pass;
}

/** The identity of each reduction in a dtype: what an empty reduction yields. */
export function reductionInit(kind: ReduceKind, dtype: DType): number {
  switch (kind) {
    case 'sum': return 0;
    case 'prod': return 1;
    case 'max': return isFloating(dtype) ? -Infinity : dtypeMin(dtype);
    case 'min': return isFloating(dtype) ? Infinity : dtypeMax(dtype);
  }
}

export interface ReduceOptions {
  kind: ReduceKind;
  /** Divide by the number of reduced elements (Mean). */
  mean?: boolean;
  keepDims: boolean;
}

/** Reduces x over `axes` (normalized to [0, rank), no duplicates). */
export function reduceKernel(ctx: KernelContext, x: NDArray, axes: readonly number[], opts: ReduceOptions): NDArray {
  const rank = x.rank;
  const reduced = new Array<boolean>(rank).fill(false);
  for (const a of axes) reduced[a] = true;
  const outShape: number[] = [];
  for (let i = 0; i < rank; i++) {
    if (!reduced[i]) outShape.push(x.shape[i]);
    else if (opts.keepDims) outShape.push(1);
  }
  const outSize = sizeOf(outShape);
  const count = outSize === 0 ? 0 : x.size / outSize;
  if (outSize === 0) return new NDArray(ctx.allocate(x.dtype, 0, true), outShape, x.dtype);

  // Collapse: size-1 dimensions are irrelevant; neighbours with the same status merge.
  const sizes: number[] = [], isReduced: boolean[] = [];
  for (let i = 0; i < rank; i++) {
    const d = x.shape[i];
    if (d === 1) continue;
    const k = sizes.length - 1;
    if (k >= 0 && isReduced[k] === reduced[i]) sizes[k] *= d;
    else { sizes.push(d); isReduced.push(reduced[i]); }
  }

  // Sums over the leading axes (a bias's gradient), float32: the same row-order float64
  // sums in WebAssembly, for large inputs.
  let out: TypedArray | null = null;
  if (opts.kind === 'sum' && !opts.mean && x.dtype === 'float32' && sizes.length === 2 && isReduced[0] &&
    !isReduced[1] && elementwiseInWasm(x.size)) {
    out = ctx.allocate('float32', outSize, false);
    if (columnSumsWasm(x.data as Float32Array, out as Float32Array)) return new NDArray(out, outShape, 'float32');
  }
  const init = reductionInit(opts.kind, x.dtype);
  let acc: ArrayLike<number> = x.data;
  if (count === 0) {
    acc = new Float64Array(outSize).fill(init);
  } else {
    const pass = passFor(opts.kind === 'prod' && x.dtype === 'int32' ? 'prodInt32' : opts.kind);
    // Innermost reduced group first: its pass is the contiguous row loop when it is last.
    for (let g = sizes.length - 1; g >= 0; g--) {
      if (!isReduced[g]) continue;
      let outer = 1, inner = 1;
      for (let i = 0; i < g; i++) outer *= sizes[i];
      for (let i = g + 1; i < sizes.length; i++) inner *= sizes[i];
      const dst = new Float64Array(outer * inner);
      pass(acc, dst, outer, sizes[g], inner, init);
      acc = dst;
      sizes.splice(g, 1);
      isReduced.splice(g, 1);
    }
  }
  if (acc === x.data && !opts.mean) return new NDArray(x.data, outShape, x.dtype); // only size-1 axes reduced
  out ??= ctx.allocate(x.dtype, outSize, false);
  storeResult(acc, out, opts.mean ? count : 1, x.dtype);
  return new NDArray(out, outShape, x.dtype);
}

/** Writes acc / divisor into the output dtype (integer means truncate toward zero, as TF's). */
function storeResult(acc: ArrayLike<number>, out: TypedArray, divisor: number, dtype: DType): void {
  if (divisor === 1) {
    for (let i = 0; i < out.length; i++) out[i] = acc[i];
  } else if (dtype === 'int64') {
    for (let i = 0; i < out.length; i++) out[i] = Math.trunc(acc[i] / divisor);
  } else {
    for (let i = 0; i < out.length; i++) out[i] = acc[i] / divisor;
  }
}

/** The reduction indices operand at run time: a scalar or a vector of valid, distinct axes. */
function runtimeAxes(axes: NDArray, rank: number, opName: string): number[] {
  if (axes.rank > 1) throw new InvalidArgumentError(`reduction_indices of '${opName}' must be a scalar or a vector, got shape [${axes.shape}]`, opName);
  return normalizeReductionAxes(axes.data, rank, opName, (msg) => new InvalidArgumentError(msg, opName));
}

/** A reduction op's kernel: inputs (input, reduction_indices), attr keep_dims. */
function reductionOpKernel(kind: ReduceKind, mean = false): CpuKernel {
  return ([x, axes], ctx) => {
    const norm = runtimeAxes(axes, x.rank, ctx.op.name);
    return reduceKernel(ctx, x, norm, { kind, mean, keepDims: !!ctx.attrs.keep_dims });
  };
}

export const sumKernel = reductionOpKernel('sum');
export const meanKernel = reductionOpKernel('sum', true);
export const prodKernel = reductionOpKernel('prod');
export const maxKernel = reductionOpKernel('max');
export const minKernel = reductionOpKernel('min');
// Over bools (0/1), any is a max and all a min.
export const anyKernel = reductionOpKernel('max');
export const allKernel = reductionOpKernel('min');
