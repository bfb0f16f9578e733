/**
 * StridedSlice and its gradient, Split, SplitV, ReverseV2, ReverseSequence: each output
 * element reads the input element its coordinates map to (begin, strides, sizes and
 * axes are small host values baked into the source). TopKV2 ranks on the device;
 * InTopKV2 runs on the host.
 */
import type { GpuKernel, DeviceTensor, GpuKernelContext } from './types';
import { NDArray, sizeOf } from '../../lib/framework/ndarray';
import { coords, offsetOf, kernelSource, lit } from './codegen';
import { stridedSliceGeometry } from '../../kernels/cpu/StridedSlice';
import { splitGeometry } from '../../kernels/cpu/Split';
import { reversedDims, reverseSequenceGeometry } from '../../kernels/cpu/Reverse';

function gather(ctx: GpuKernelContext, args: DeviceTensor[], outShape: number[], dtype: DeviceTensor['dtype'], body: string): DeviceTensor {
  const src = kernelSource(args.map((_, k) => `in${k}`), `const i = this.thread.x;\n  ${coords('i', outShape, 'c')}\n  ${body}`);
  return ctx.launch(src, args, outShape, dtype);
}

export const StridedSlice: GpuKernel = ([x, begin, end, strides], ctx) => {
  const g = stridedSliceGeometry(x.shape, ctx.hostValue(begin), ctx.hostValue(end), ctx.hostValue(strides), ctx.attrs, ctx.op.name);
  if (g.isIdentity) return ctx.alias(x, g.finalShape);
  if (sizeOf(g.finalShape) === 0) return ctx.fromHost(NDArray.zeros(g.finalShape, x.dtype));
  const cs = g.processingShape.map((_, d) => `${lit(g.begin[d])} + c${d} * ${lit(g.strides[d])}`);
  return ctx.alias(gather(ctx, [x], g.processingShape, x.dtype, `return in0[${offsetOf(cs, x.shape)}];`), g.finalShape);
};

/**
 * An output position takes dy where it lies on the slice's lattice: (c - begin) / stride a
 * whole number below the size. GL's division may be off by an ulp, so the quotient is
 * rounded and checked by multiplying back (exact for integers below 2^24).
 */
export const StridedSliceGrad: GpuKernel = ([shapeT, begin, end, strides, dy], ctx) => {
  const shape = Array.from(ctx.hostValue(shapeT).data as ArrayLike<number>, Number);
  const g = stridedSliceGeometry(shape, ctx.hostValue(begin), ctx.hostValue(end), ctx.hostValue(strides), ctx.attrs, ctx.op.name);
  if (sizeOf(g.processingShape) === 0 || sizeOf(shape) === 0) return ctx.fromHost(NDArray.zeros(shape, dy.dtype));
  const lines = shape.map((_, d) => `const t${d} = c${d} - ${lit(g.begin[d])};\n  ` +
    `const q${d} = Math.floor(t${d} / ${lit(g.strides[d])} + 0.5);\n  ` +
    `if (q${d} < 0 || q${d} >= ${lit(g.processingShape[d])} || q${d} * ${lit(g.strides[d])} != t${d}) { return 0; }`);
  const qs = shape.map((_, d) => `q${d}`);
  return gather(ctx, [dy], shape, dy.dtype, `${lines.join('\n  ')}\n  return in0[${offsetOf(qs, g.processingShape)}];`);
};

function splitParts(ctx: GpuKernelContext, x: DeviceTensor, axis: number, sizes: number[]): DeviceTensor[] {
  let start = 0;
  return sizes.map((s) => {
    const shape = x.shape.slice();
    shape[axis] = s;
    const from = start;
    start += s;
    if (s === x.shape[axis]) return x;
    if (sizeOf(shape) === 0) return ctx.fromHost(NDArray.zeros(shape, x.dtype));
    const cs = shape.map((_, d) => (d === axis && from ? `c${d} + ${from}` : `c${d}`));
    return gather(ctx, [x], shape, x.dtype, `return in0[${offsetOf(cs, x.shape)}];`);
  });
}

export const Split: GpuKernel = ([axis, x], ctx) => {
  const g = splitGeometry(x.shape, ctx.hostValue(axis), null, Number(ctx.attrs.num_split), ctx.op.name);
  return splitParts(ctx, x, g.axis, g.sizes);
};

export const SplitV: GpuKernel = ([x, sizes, axis], ctx) => {
  const g = splitGeometry(x.shape, ctx.hostValue(axis), ctx.hostValue(sizes), Number(ctx.attrs.num_split), ctx.op.name);
  return splitParts(ctx, x, g.axis, g.sizes);
};

export const ReverseV2: GpuKernel = ([x, axis], ctx) => {
  const flags = reversedDims(x.rank, ctx.hostValue(axis), ctx.op.name);
  if (!flags.some((f, d) => f && x.shape[d] > 1) || x.size === 0) return x;
  const cs = x.shape.map((n, d) => (flags[d] ? `${n - 1} - c${d}` : `c${d}`));
  return gather(ctx, [x], x.shape, x.dtype, `return in0[${offsetOf(cs, x.shape)}];`);
};

/** The lengths stay a device input (read per batch entry), so new lengths need no recompile. */
export const ReverseSequence: GpuKernel = ([x, lengths], ctx) => {
  const { seq, batch } = reverseSequenceGeometry(x.shape, ctx.hostValue(lengths), ctx.attrs, ctx.op.name);
  if (x.size === 0) return x;
  const cs = x.shape.map((_, d) => (d === seq ? `(c${d} < len ? len - 1 - c${d} : c${d})` : `c${d}`));
  return gather(ctx, [x, lengths], x.shape, x.dtype, `const len = in1[c${batch}];\n  return in0[${offsetOf(cs, x.shape)}];`);
};

/**
 * TopKV2 on the device in two launches: each entry's rank in its row (how many entries
 * come before it: larger, or equal at a lower position, TF's order), then output j of a
 * row is the entry of rank j. O(n^2) per row, fine for class counts; no readback.
 */
export const TopKV2: GpuKernel = ([x, kT], ctx) => {
  const k = Number(ctx.hostValue(kT).data[0]);
  // A bad k or shape fails in the CPU kernel, with its message.
  const n = x.shape[x.rank - 1];
  if (kT.size !== 1 || k < 0 || x.rank < 1 || n < k) return ctx.runOnHost([x, kT]);
  const outShape = [...x.shape.slice(0, -1), k];
  if (sizeOf(outShape) === 0) {
    return [ctx.fromHost(NDArray.zeros(outShape, x.dtype)), ctx.fromHost(NDArray.zeros(outShape, 'int32'))];
  }
  const ranks = ctx.launch(kernelSource(['x'], `const i = this.thread.x;
  const base = Math.floor((i + 0.5) / ${lit(n)}) * ${lit(n)};
  const p = i - base;
  const v = x[i];
  let rank = 0;
  for (let m = 0; m < ${n}; m++) {
    const u = x[base + m];
    if (u > v || (u == v && m < p)) { rank = rank + 1; }
  }
  return rank;`), [x], x.shape, 'int32');
  const pick = (what: string, dtype: DeviceTensor['dtype']) => ctx.launch(kernelSource(['x', 'ranks'], `const o = this.thread.x;
  const row = Math.floor((o + 0.5) / ${lit(k)});
  const j = o - row * ${lit(k)};
  const base = row * ${lit(n)};
  let out = 0;
  for (let m = 0; m < ${n}; m++) {
    if (ranks[base + m] == j) { out = ${what}; }
  }
  return out;`), [x, ranks], outShape, dtype);
  return [pick('x[base + m]', x.dtype), pick('m', 'int32')];
};

/** A bool per row: host work on the small predictions matrix. */
export const InTopKV2: GpuKernel = (inputs, ctx) => ctx.runOnHost(inputs);
