/**
 * The reduction engine behind Sum, Mean, Prod, Max, Min, Any, All, BiasAddGrad and the
 * softmax family: one thread per output element loops over its group. Long groups
 * are split in two passes (partials, then the partials' reduction), which keeps each
 * thread's loop short on a GPU and float32 accumulation accurate.
 * Not a kernel module: no op types here.
 */
import type { DType } from '../../lib/framework/dtypes';
import { stridesOf } from '../../lib/framework/ndarray';
import type { DeviceTensor, GpuKernelContext } from './types';
import { coords, kernelSource } from './codegen';

export type ReduceKind = 'sum' | 'prod' | 'max' | 'min';

/** Longest loop one thread runs before the reduction is split into two passes. */
export const SPLIT_ABOVE = 2048;

const COMBINE: Record<ReduceKind, (acc: string, v: string) => string> = {
  sum: (a, v) => `${a} + ${v}`,
  prod: (a, v) => `${a} * ${v}`,
  max: (a, v) => `(${v} > ${a} || ${v} != ${v}) ? ${v} : ${a}`,
  min: (a, v) => `(${v} < ${a} || ${v} != ${v}) ? ${v} : ${a}`,
};

/**
 * Dimensions collapsed into alternating kept/reduced runs, so index arithmetic
 * touches as few dimensions as possible: [N,H,W,C] reduced over N,H,W is [NHW | C].
 */
interface Layout {
  /** Kept dims (collapsed), outermost first. */
  kept: number[];
  keptStrides: number[];
  /** Reduced dims (collapsed), outermost first. */
  reduced: number[];
  reducedStrides: number[];
  keptSize: number;
  reducedSize: number;
}

function layoutOf(shape: readonly number[], axes: ReadonlySet<number>): Layout {
  const strides = stridesOf(shape);
  const runs: { reduce: boolean; size: number; stride: number }[] = [];
  shape.forEach((d, i) => {
    if (d === 1) return;
    const reduce = axes.has(i);
    const last = runs[runs.length - 1];
    // Adjacent dims of the same kind merge: the outer one's stride is the inner's times its size.
    if (last && last.reduce === reduce && last.stride === d * strides[i]) { last.size *= d; last.stride = strides[i]; return; }
    runs.push({ reduce, size: d, stride: strides[i] });
  });
  const kept = runs.filter((r) => !r.reduce), reduced = runs.filter((r) => r.reduce);
  return {
    kept: kept.map((r) => r.size), keptStrides: kept.map((r) => r.stride),
    reduced: reduced.map((r) => r.size), reducedStrides: reduced.map((r) => r.stride),
    keptSize: kept.reduce((p, r) => p * r.size, 1), reducedSize: reduced.reduce((p, r) => p * r.size, 1),
  };
}

/** Source lines declaring `name`: the input offset of kept index `k` (an expression) . */
function keptBase(L: Layout, k: string, name: string): string {
  if (!L.kept.length) return `const ${name} = 0;`;
  if (L.kept.length === 1) return `const ${name} = ${k} * ${L.keptStrides[0]};`;
  const c = coords(k, L.kept, `${name}_k`);
  const terms = L.keptStrides.map((s, d) => `${name}_k${d} * ${s}`).join(' + ');
  return `${c}\n  const ${name} = ${terms};`;
}

/** Expression: the input offset of reduced index `r` relative to a group's base. */
function reducedOffset(L: Layout, r: string, pre: string): { setup: string; expr: string } {
  if (L.reduced.length === 0) return { setup: '', expr: '0' };
  if (L.reduced.length === 1) return { setup: '', expr: L.reducedStrides[0] === 1 ? r : `${r} * ${L.reducedStrides[0]}` };
  const c = coords(r, L.reduced, pre);
  return { setup: c, expr: L.reducedStrides.map((s, d) => `${pre}${d} * ${s}`).join(' + ') };
}

export interface ReduceOptions {
  kind: ReduceKind;
  /** Applied to each element before it is combined, in the name `v` (e.g. 'Math.exp(v - m[...])'). */
  map?: string;
  /** Extra arguments the map expression reads, named e1, e2, ... in the source. */
  extra?: DeviceTensor[];
  /** Divide the result by the group size (Mean). */
  mean?: boolean;
  dtype?: DType;
}

/**
 * Reduces `x` over `axes` (normalized, distinct); the result has the kept dims in
 * order (`outShape` relabels it, e.g. with keep_dims). Groups must be non-empty.
 * With `map`, extra arguments are indexed by the kept index `k` (one value per group).
 */
export function reduce(ctx: GpuKernelContext, x: DeviceTensor, axes: number[], outShape: number[], o: ReduceOptions): DeviceTensor {
  const L = layoutOf(x.shape, new Set(axes));
  const dtype = o.dtype ?? x.dtype;
  const extra = o.extra ?? [];
  const params = ['x', ...extra.map((_, j) => `e${j + 1}`)];
  const combine = COMBINE[o.kind];
  const mapped = o.map ?? 'v';
  const R = L.reducedSize;
  if (R <= SPLIT_ABOVE || o.map) {
    // One pass (a mapped reduction stays one pass: its map must see every element once).
    const off = reducedOffset(L, 'j', 'q');
    const src = kernelSource(params, `
  const k = this.thread.x;
  ${keptBase(L, 'k', 'base')}
  let acc = 0;
  for (let j = 0; j < ${R}; j++) {
    ${off.setup}
    const v0 = x[base + ${off.expr}];
    const v = ${mapped.replace(/\bv\b/g, 'v0')};
    if (j == 0) { acc = v; } else { acc = ${combine('acc', 'v')}; }
  }
  return acc${o.mean ? ` / ${R}` : ''};`);
    return ctx.launch(src, [x, ...extra], outShape, dtype);
  }
  // Two passes: B partial results per group, each over a chunk of C elements.
  const C = Math.ceil(Math.sqrt(R));
  const B = Math.ceil(R / C);
  const off = reducedOffset(L, 'r', 'q');
  const partialSrc = kernelSource(['x'], `
  const t = this.thread.x;
  const k = Math.floor((t + 0.5) / ${B});
  const b = t - k * ${B};
  ${keptBase(L, 'k', 'base')}
  let acc = 0;
  for (let j = 0; j < ${C}; j++) {
    const r = b * ${C} + j;
    if (r < ${R}) {
      ${off.setup}
      const v = x[base + ${off.expr}];
      if (j == 0) { acc = v; } else { acc = ${combine('acc', 'v')}; }
    }
  }
  return acc;`);
  const partials = ctx.launch(partialSrc, [x], [L.keptSize, B], dtype);
  const finalSrc = kernelSource(['p'], `
  const base = this.thread.x * ${B};
  let acc = p[base];
  for (let j = 1; j < ${B}; j++) {
    const v = p[base + j];
    acc = ${combine('acc', 'v')};
  }
  return acc${o.mean ? ` / ${R}` : ''};`);
  return ctx.launch(finalSrc, [partials], outShape, dtype);
}
