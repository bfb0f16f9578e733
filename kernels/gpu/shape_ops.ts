/**
 * Shape ops. Shape, Size and Rank are computed on the host from the device value's
 * shape; Reshape, ExpandDims and Squeeze relabel the device storage (no copy).
 */
import type { GpuKernel } from './types';
import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { cpuWithProbes } from './host_probe';
import { elementwise } from './elementwise';
import { kernelSource } from './codegen';

const fromShapes: GpuKernel = (inputs, ctx) => ctx.fromHost(cpuWithProbes(ctx, inputs, [0])[0]);
export const Shape = fromShapes;
export const Size = fromShapes;
export const Rank = fromShapes;

const relabel: GpuKernel = (inputs, ctx) => ctx.alias(inputs[0], cpuWithProbes(ctx, inputs, [0])[0].shape);
export const Reshape = relabel;
export const ExpandDims = relabel;
export const Squeeze = relabel;

/** Host work on small shape vectors (the gradients' dynamic-shape plumbing). */
export const BroadcastGradientArgs: GpuKernel = (inputs, ctx) => ctx.runOnHost(inputs);
export const Range: GpuKernel = (inputs, ctx) => ctx.runOnHost(inputs);
export const ConcatOffset: GpuKernel = (inputs, ctx) => ctx.runOnHost(inputs);
export const InvertPermutation: GpuKernel = (inputs, ctx) => ctx.runOnHost(inputs);
/** The output's shape depends on the values (the true positions): computed on the host, as TF does on the CPU. */
export const Where: GpuKernel = (inputs, ctx) => ctx.runOnHost(inputs);

function concreteDims(v: NDArray, what: string, opName: string): number[] {
  if (v.rank !== 1) throw new InvalidArgumentError(`${what} must be a vector, got shape ${formatShape(v.shape)} in '${opName}'`, opName);
  const out = Array.from(v.data);
  if (out.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new InvalidArgumentError(`${what} [${out}] has a negative or non-integer dimension in '${opName}'`, opName);
  }
  return out;
}

export const Fill: GpuKernel = ([dims, value], ctx) => {
  if (value.rank !== 0) throw new InvalidArgumentError(`value must be a scalar, got shape ${formatShape(value.shape)} in '${ctx.op.name}'`, ctx.op.name);
  const shape = concreteDims(ctx.hostValue(dims), 'dims', ctx.op.name);
  return elementwise(ctx, [value], ['v'], 'v', value.dtype, shape);
};

export const ZerosLike: GpuKernel = ([x], ctx) => ctx.launch(kernelSource([], 'return 0;'), [], x.shape, x.dtype);
export const OnesLike: GpuKernel = ([x], ctx) => ctx.launch(kernelSource([], 'return 1;'), [], x.shape, x.dtype);

export const BroadcastTo: GpuKernel = ([x, shapeT], ctx) => {
  const target = concreteDims(ctx.hostValue(shapeT), 'shape', ctx.op.name);
  const off = target.length - x.rank;
  if (off < 0 || x.shape.some((d, i) => d !== 1 && d !== target[i + off])) {
    throw new InvalidArgumentError(`Incompatible shapes: ${formatShape(x.shape)} cannot be broadcast to ${formatShape(target)} in '${ctx.op.name}'`, ctx.op.name);
  }
  return elementwise(ctx, [x], ['v'], 'v', x.dtype, target);
};
