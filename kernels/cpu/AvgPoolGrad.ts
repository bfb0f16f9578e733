import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { forEachAvgWindow } from './AvgPool';
import { poolWindow, requireShape, shapeFromTensor } from './window_attrs';

/** AvgPoolGrad(orig_input_shape, grad): each window spreads its gradient evenly over its pixels. */
export const avgPoolGradKernel: CpuKernel = ([origInputShape, grad], ctx) => {
  const type = 'AvgPoolGrad', name = ctx.op.name;
  const inShape = shapeFromTensor(origInputShape.data, origInputShape.shape, 'orig_input_shape', type, name);
  const g = poolWindow(inShape, ctx.attrs, type, name);
  const { inH, inW, channels: C } = g;
  requireShape(grad.shape, [g.batch, g.outH, g.outW, C], 'grad', type, name);
  const dx = ctx.allocate('float32', g.batch * inH * inW * C, true) as Float32Array;
  const dy = grad.data;
  forEachAvgWindow(g, (o, n, hLo, hHi, wLo, wHi) => {
    const count = (hHi - hLo) * (wHi - wLo);
    for (let ih = hLo; ih < hHi; ih++) {
      for (let iw = wLo; iw < wHi; iw++) {
        const d = ((n * inH + ih) * inW + iw) * C;
        for (let c = 0; c < C; c++) dx[d + c] += dy[o + c] / count;
      }
    }
  });
  return new NDArray(dx, inShape, 'float32');
};
