import { NDArray, sizeOf, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { TypedArray } from '../../lib/framework/dtypes';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/** Below this many elements a plain loop beats creating a subarray for set(). */
const SHORT_RUN = 32;

export function copyRun(src: TypedArray, from: number, dst: TypedArray, to: number, n: number): void {
  if (n < SHORT_RUN) { for (let i = 0; i < n; i++) dst[to + i] = src[from + i]; return; }
  dst.set(src.subarray(from, from + n) as any, to);
}

/**
 * Interleaves blocks: for each of `outer` rows, appends block o of every part
 * (part k contributes `widths[k]` contiguous elements per row).
 */
export function interleave(parts: TypedArray[], widths: number[], outer: number, out: TypedArray): void {
  let o = 0;
  for (let r = 0; r < outer; r++) {
    for (let k = 0; k < parts.length; k++) {
      const w = widths[k];
      copyRun(parts[k], r * w, out, o, w);
      o += w;
    }
  }
}

export function readAxis(axis: NDArray, rank: number, opName: string, allowRankPlusOne = false): number {
  if (axis.size !== 1) throw new InvalidArgumentError(`axis of '${opName}' must be a scalar, got shape ${formatShape(axis.shape)}`, opName);
  const a = Number(axis.data[0]);
  const r = allowRankPlusOne ? rank + 1 : rank;
  if (a < -r || a >= r) {
    throw new InvalidArgumentError(`ConcatOp : Expected concatenating dimensions in the range [${-r}, ${r}), but got ${a} in '${opName}'`, opName);
  }
  return a < 0 ? a + r : a;
}

/** ConcatV2: values..., axis. */
export const concatKernel: CpuKernel = (inputs, ctx) => {
  const values = inputs.slice(0, -1);
  const first = values[0];
  const rank = first.rank;
  if (rank === 0) throw new InvalidArgumentError(`Can't concatenate scalars in '${ctx.op.name}' (use tf.stack instead)`, ctx.op.name);
  const axis = readAxis(inputs[inputs.length - 1], rank, ctx.op.name);
  const outShape = first.shape.slice();
  outShape[axis] = 0;
  values.forEach((v, k) => {
    const ok = v.rank === rank && v.shape.every((d, i) => i === axis || d === first.shape[i]);
    if (!ok) {
      throw new InvalidArgumentError(`ConcatOp : Dimensions of inputs should match: shape[0] = ${formatShape(first.shape)} ` +
        `vs. shape[${k}] = ${formatShape(v.shape)} in '${ctx.op.name}'`, ctx.op.name);
    }
    outShape[axis] += v.shape[axis];
  });
  const outer = sizeOf(first.shape.slice(0, axis));
  const out = ctx.allocate(first.dtype, sizeOf(outShape), true);
  interleave(values.map((v) => v.data), values.map((v) => (outer === 0 ? 0 : v.size / outer)), outer, out);
  return new NDArray(out, outShape, first.dtype);
};

/** ConcatOffset: where each input starts along the concat axis (used by ConcatV2's gradient). */
export const concatOffsetKernel: CpuKernel = (inputs, ctx) => {
  const shapes = inputs.slice(1);
  const rank = shapes[0].size;
  const axis = readAxis(inputs[0], rank, ctx.op.name);
  let offset = 0;
  return shapes.map((s, k) => {
    if (s.size !== rank) throw new InvalidArgumentError(`ConcatOffset '${ctx.op.name}': shape ${k} has ${s.size} entries, expected ${rank}`, ctx.op.name);
    const o = ctx.allocate(s.dtype, rank, true);
    o[axis] = offset;
    offset += Number(s.data[axis]);
    return new NDArray(o, [rank], s.dtype);
  });
};

/** Pack (tf.stack): N equal shapes -> one with a new dimension of size N at `axis`. */
export const packKernel: CpuKernel = (values, ctx) => {
  const first = values[0];
  const rank = first.rank;
  let axis = Number(ctx.attrs.axis ?? 0);
  if (axis < -(rank + 1) || axis > rank) {
    throw new InvalidArgumentError(`axis = ${axis} not in [${-(rank + 1)}, ${rank + 1}) in '${ctx.op.name}'`, ctx.op.name);
  }
  if (axis < 0) axis += rank + 1;
  values.forEach((v, k) => {
    if (v.rank !== rank || v.shape.some((d, i) => d !== first.shape[i])) {
      throw new InvalidArgumentError(`Shapes of all inputs must match: values[0].shape = ${formatShape(first.shape)} != ` +
        `values[${k}].shape = ${formatShape(v.shape)} in '${ctx.op.name}'`, ctx.op.name);
    }
  });
  const outShape = [...first.shape.slice(0, axis), values.length, ...first.shape.slice(axis)];
  const outer = sizeOf(first.shape.slice(0, axis));
  const width = sizeOf(first.shape.slice(axis));
  const out = ctx.allocate(first.dtype, sizeOf(outShape), true);
  interleave(values.map((v) => v.data), values.map(() => width), outer, out);
  return new NDArray(out, outShape, first.dtype);
};

/** Unpack (tf.unstack): splits along `axis` into `num` tensors without that dimension. */
export const unpackKernel: CpuKernel = ([x], ctx) => {
  const rank = x.rank;
  let axis = Number(ctx.attrs.axis ?? 0);
  if (axis < -rank || axis >= rank) {
    throw new InvalidArgumentError(`axis = ${axis} not in [${-rank}, ${rank}) in '${ctx.op.name}'`, ctx.op.name);
  }
  if (axis < 0) axis += rank;
  const num = x.shape[axis];
  if (num !== ctx.attrs.num) {
    throw new InvalidArgumentError(`Input shape axis ${axis} must equal ${ctx.attrs.num}, got shape ${formatShape(x.shape)} in '${ctx.op.name}'`, ctx.op.name);
  }
  const partShape = [...x.shape.slice(0, axis), ...x.shape.slice(axis + 1)];
  const outer = sizeOf(x.shape.slice(0, axis));
  const inner = sizeOf(x.shape.slice(axis + 1));
  const outs: NDArray[] = [];
  for (let i = 0; i < num; i++) {
    const part = ctx.allocate(x.dtype, outer * inner, true);
    for (let r = 0; r < outer; r++) copyRun(x.data, (r * num + i) * inner, part, r * inner, inner);
    outs.push(new NDArray(part, partShape, x.dtype));
  }
  return outs;
};
