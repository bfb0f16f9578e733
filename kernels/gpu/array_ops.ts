/**
 * Data movement: Transpose, ConcatV2, Pack, Unpack, Slice, Tile, Pad/PadV2, OneHot,
 * Select. Each output element reads the input element its coordinates map to;
 * control inputs (perm, axis, begin/size, multiples, paddings) are small host values.
 */
import type { GpuKernel, DeviceTensor, GpuKernelContext } from './types';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { formatShape, NDArray, sizeOf } from '../../lib/framework/ndarray';
import { coords, offsetOf, kernelSource, lit } from './codegen';
import { elementwise } from './elementwise';
import { readPermutation } from '../../kernels/cpu/Transpose';
import { readAxis } from '../../kernels/cpu/Concat';
import { resolveSlice } from '../../kernels/cpu/Slice';
import { tileGeometry } from '../../kernels/cpu/Tile';
import { padGeometry } from '../../kernels/cpu/Pad';
import { oneHotGeometry } from '../../kernels/cpu/OneHot';

/** Launches `value` (an expression using coordinates c0..) over outShape, reading `args` named in0... */
function gather(ctx: GpuKernelContext, args: DeviceTensor[], outShape: number[], dtype: DeviceTensor['dtype'], body: string): DeviceTensor {
  const src = kernelSource(args.map((_, k) => `in${k}`), `const i = this.thread.x;\n  ${coords('i', outShape, 'c')}\n  ${body}`);
  return ctx.launch(src, args, outShape, dtype);
}

export const Transpose: GpuKernel = ([x, permT], ctx) => {
  const perm = readPermutation(ctx.hostValue(permT), x.rank, ctx.op.name);
  const outShape = perm.map((d) => x.shape[d]);
  if (perm.every((d, i) => d === i || x.shape[d] === 1)) return ctx.alias(x, outShape);
  // Output dim j walks input dim perm[j].
  const inCoords = x.shape.map((_, d) => `c${perm.indexOf(d)}`);
  return gather(ctx, [x], outShape, x.dtype, `return in0[${offsetOf(inCoords, x.shape)}];`);
};

/**
 * Concatenation along `axis` of parts with shapes differing only there: each
 * output element picks its part by where its axis coordinate falls. Parts are
 * taken at most PER_LAUNCH at a time (GL caps the textures one kernel reads), later
 * launches reading the previous one's result for the positions already filled.
 */
const PER_LAUNCH = 7;
function concatAlong(ctx: GpuKernelContext, parts: DeviceTensor[], axis: number, outShape: number[]): DeviceTensor {
  const starts: number[] = [];
  let s = 0;
  for (const p of parts) { starts.push(s); s += p.shape[axis]; }
  let acc: DeviceTensor | null = null;
  for (let g = 0; g < parts.length; g += PER_LAUNCH) {
    const idx = [...parts.keys()].slice(g, g + PER_LAUNCH).filter((k) => parts[k].size > 0);
    if (!idx.length) continue;
    const args = acc ? [acc, ...idx.map((k) => parts[k])] : idx.map((k) => parts[k]);
    const first = acc ? 1 : 0;
    const lines: string[] = ['let v = 0;'];
    if (acc) lines.push('v = in0[i];');
    idx.forEach((k, j) => {
      const p = parts[k];
      const cs = outShape.map((_, d) => (d === axis ? `c${d} - ${starts[k]}` : `c${d}`));
      lines.push(`if (c${axis} >= ${starts[k]} && c${axis} < ${starts[k] + p.shape[axis]}) { v = in${j + first}[${offsetOf(cs, p.shape)}]; }`);
    });
    lines.push('return v;');
    acc = gather(ctx, args, outShape, parts[0].dtype, lines.join('\n  '));
  }
  return acc ?? ctx.fromHost(NDArray.zeros(outShape, parts[0].dtype));
}

export const ConcatV2: GpuKernel = (inputs, ctx) => {
  const values = inputs.slice(0, -1);
  const first = values[0];
  const rank = first.rank;
  if (rank === 0) throw new InvalidArgumentError(`Can't concatenate scalars in '${ctx.op.name}' (use tf.stack instead)`, ctx.op.name);
  const axis = readAxis(ctx.hostValue(inputs[inputs.length - 1]), rank, ctx.op.name);
  const outShape = first.shape.slice();
  outShape[axis] = 0;
  values.forEach((v, k) => {
    if (v.rank !== rank || v.shape.some((d, i) => i !== axis && d !== first.shape[i])) {
      throw new InvalidArgumentError(`ConcatOp : Dimensions of inputs should match: shape[0] = ${formatShape(first.shape)} ` +
        `vs. shape[${k}] = ${formatShape(v.shape)} in '${ctx.op.name}'`, ctx.op.name);
    }
    outShape[axis] += v.shape[axis];
  });
  if (values.length === 1) return first;
  return concatAlong(ctx, values, axis, outShape);
};

function attrAxis(ctx: GpuKernelContext, rank: number): number {
  const a = Number(ctx.attrs.axis ?? 0);
  if (a < -rank || a >= rank) throw new InvalidArgumentError(`axis ${a} is out of range [${-rank}, ${rank}) in '${ctx.op.name}'`, ctx.op.name);
  return a < 0 ? a + rank : a;
}

/** Pack: concatenation along a new axis of size-1 views. */
export const Pack: GpuKernel = (values, ctx) => {
  const first = values[0];
  const axis = attrAxis(ctx, first.rank + 1);
  values.forEach((v, k) => {
    if (v.rank !== first.rank || v.shape.some((d, i) => d !== first.shape[i])) {
      throw new InvalidArgumentError(`Shapes of all inputs must match: values[0].shape = ${formatShape(first.shape)} != ` +
        `values[${k}].shape = ${formatShape(v.shape)} in '${ctx.op.name}'`, ctx.op.name);
    }
  });
  const expanded = (t: DeviceTensor) => [...t.shape.slice(0, axis), 1, ...t.shape.slice(axis)];
  const parts = values.map((v) => ctx.alias(v, expanded(v)));
  const outShape = [...first.shape.slice(0, axis), values.length, ...first.shape.slice(axis)];
  if (parts.length === 1) return parts[0];
  return concatAlong(ctx, parts, axis, outShape);
};

/** Unpack: slice k along axis, without the axis. */
export const Unpack: GpuKernel = ([x], ctx) => {
  const axis = attrAxis(ctx, x.rank);
  const num = Number(ctx.attrs.num ?? x.shape[axis]);
  if (num !== x.shape[axis]) {
    throw new InvalidArgumentError(`Unpack '${ctx.op.name}': num ${num} does not match dimension ${axis} of shape ${formatShape(x.shape)}`, ctx.op.name);
  }
  const outShape = x.shape.filter((_, d) => d !== axis);
  const sliced = x.shape.map((d, i) => (i === axis ? 1 : d));
  const outs: DeviceTensor[] = [];
  for (let k = 0; k < num; k++) {
    const cs = x.shape.map((_, d) => (d === axis ? String(k) : `c${d}`));
    outs.push(ctx.alias(gather(ctx, [x], sliced, x.dtype, `return in0[${offsetOf(cs, x.shape)}];`), outShape));
  }
  return outs;
};

export const Slice: GpuKernel = ([x, begin, size], ctx) => {
  const { start, extent } = resolveSlice(x.shape, ctx.hostValue(begin), ctx.hostValue(size), ctx.op.name);
  if (extent.every((e, i) => e === x.shape[i])) return x;
  const cs = extent.map((_, d) => (start[d] ? `c${d} + ${start[d]}` : `c${d}`));
  return gather(ctx, [x], extent, x.dtype, `return in0[${offsetOf(cs, x.shape)}];`);
};

export const Tile: GpuKernel = ([x, multiplesT], ctx) => {
  const { m, outShape } = tileGeometry(x.shape, ctx.hostValue(multiplesT), ctx.op.name);
  if (x.rank === 0) return x;
  // The source coordinate is the output's modulo the input dimension.
  const cs = x.shape.map((d, i) => (m[i] === 1 ? `c${i}` : `c${i} - Math.floor((c${i} + 0.5) / ${d}) * ${d}`));
  return gather(ctx, [x], outShape, x.dtype, `return in0[${offsetOf(cs, x.shape)}];`);
};

function pad(ctx: GpuKernelContext, x: DeviceTensor, paddingsT: DeviceTensor, constant: DeviceTensor | null): DeviceTensor {
  const { before, outShape } = padGeometry(x.shape, ctx.hostValue(paddingsT), constant ?? undefined, ctx.op.name);
  const fillArg = constant ?? ctx.fromHost(NDArray.zeros([], x.dtype));
  if (x.size === 0) return elementwise(ctx, [fillArg], ['v'], 'v', x.dtype, outShape);
  const inside = x.shape.map((d, i) => `c${i} >= ${before[i]} && c${i} < ${before[i] + d}`).join(' && ') || 'true';
  const cs = x.shape.map((_, i) => (before[i] ? `c${i} - ${before[i]}` : `c${i}`));
  return gather(ctx, [x, fillArg], outShape, x.dtype,
    `if (${inside}) { return in0[${offsetOf(cs, x.shape)}]; }\n  return in1[0];`);
}

export const Pad: GpuKernel = ([x, paddings], ctx) => pad(ctx, x, paddings, null);
export const PadV2: GpuKernel = ([x, paddings, constant], ctx) => pad(ctx, x, paddings, constant);

/** OneHot(indices, depth, on_value, off_value), attr axis: the new dimension holds on where it equals the index. */
export const OneHot: GpuKernel = ([indices, depthT, onT, offT], ctx) => {
  const { axis, outShape } = oneHotGeometry(indices.shape, ctx.hostValue(depthT), onT, offT, ctx.attrs.axis, ctx.op.name);
  if (sizeOf(outShape) === 0) return ctx.fromHost(NDArray.zeros(outShape, onT.dtype));
  const idxCoords = outShape.map((_, d) => `c${d}`).filter((_, d) => d !== axis);
  return gather(ctx, [indices, onT, offT], outShape, onT.dtype,
    `return in0[${offsetOf(idxCoords, indices.shape)}] == c${axis} ? in1[0] : in2[0];`);
};

/** Select(condition, t, e): condition the same shape as t, or a vector over t's first dimension. */
export const Select: GpuKernel = ([cond, t, e], ctx) => {
  if (cond.rank === t.rank) return elementwise(ctx, [cond, t, e], ['c', 'a', 'b'], 'c != 0 ? a : b', t.dtype, t.shape);
  // A vector condition picks whole rows.
  const row = t.shape.slice(1).reduce((p, d) => p * d, 1);
  return ctx.launch(kernelSource(['c', 'a', 'b'], `const i = this.thread.x;
  const r = Math.floor((i + 0.5) / ${lit(row)});
  return c[r] != 0 ? a[i] : b[i];`), [cond, t, e], t.shape, t.dtype);
};
