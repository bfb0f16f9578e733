import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { maxPoolArgmax } from './MaxPool';
import { poolWindow, requireShape } from './window_attrs';

/**
 * MaxPoolGrad(orig_input, orig_output, grad): each window's gradient goes to the
 * input pixel that was its max (the first one on ties), found again from orig_input.
 */
export const maxPoolGradKernel: CpuKernel = ([origInput, origOutput, grad], ctx) => {
  const type = 'MaxPoolGrad', name = ctx.op.name;
  const g = poolWindow(origInput.shape, ctx.attrs, type, name);
  const outShape = [g.batch, g.outH, g.outW, g.channels];
  requireShape(origOutput.shape, outShape, 'orig_output', type, name);
  requireShape(grad.shape, outShape, 'grad', type, name);
  const arg = argmaxScratch(grad.size);
  maxPoolArgmax(origInput.data as Float32Array, g, arg);
  const dx = new Float32Array(origInput.size);
  scatterAdd(dx, arg, grad.data as Float32Array);
  return new NDArray(dx, origInput.shape, 'float32');
};

let scratch = new Int32Array(0);

/**
 * The argmax indices live only for the duration of one kernel call and kernels run
 * one at a time on this thread, so one buffer serves every call (maxPoolArgmax writes
 * every entry): no allocation and zero-fill of a pooled-size array per step.
 */
function argmaxScratch(size: number): Int32Array {
  if (scratch.length < size) scratch = new Int32Array(size);
  return scratch.subarray(0, size);
}

function scatterAdd(dx: Float32Array, arg: Int32Array, dy: Float32Array): void {
  const n = arg.length;
  for (let i = 0; i < n; i++) dx[arg[i]] += dy[i];
}

/**
 * MaxPoolGradGrad(orig_input, orig_output, grad): the gradient of MaxPoolGrad with
 * respect to its grad input — each window picks the value of `grad` (input-shaped)
 * at its max pixel.
 */
export const maxPoolGradGradKernel: CpuKernel = ([origInput, origOutput, grad], ctx) => {
  const type = 'MaxPoolGradGrad', name = ctx.op.name;
  const g = poolWindow(origInput.shape, ctx.attrs, type, name);
  const outShape = [g.batch, g.outH, g.outW, g.channels];
  requireShape(origOutput.shape, outShape, 'orig_output', type, name);
  requireShape(grad.shape, origInput.shape, 'grad', type, name);
  const arg = new Int32Array(origOutput.size);
  maxPoolArgmax(origInput.data as Float32Array, g, arg);
  const out = new Float32Array(arg.length);
  const src = grad.data;
  for (let i = 0; i < arg.length; i++) out[i] = src[arg[i]];
  return new NDArray(out, outShape, 'float32');
};
