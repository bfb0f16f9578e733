import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { scanMaxWindows } from './MaxPool';
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
  const dx = new Float32Array(origInput.size);
  const dy = grad.data, C = g.channels;
  scanMaxWindows(origInput.data, g, (o, _best, at) => {
    for (let c = 0; c < C; c++) dx[at[c]] += dy[o + c];
  });
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
  const out = new Float32Array(origOutput.size);
  const src = grad.data, C = g.channels;
  scanMaxWindows(origInput.data, g, (o, _best, at) => {
    for (let c = 0; c < C; c++) out[o + c] = src[at[c]];
  });
  return new NDArray(out, outShape, 'float32');
};
