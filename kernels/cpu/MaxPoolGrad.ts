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
  const arg = new Int32Array(grad.size);
  maxPoolArgmax(origInput.data as Float32Array, g, arg);
  const dx = new Float32Array(origInput.size);
  const dy = grad.data;
  for (let i = 0; i < arg.length; i++) dx[arg[i]] += dy[i];
  return new NDArray(dx, origInput.shape, 'float32');
};

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
