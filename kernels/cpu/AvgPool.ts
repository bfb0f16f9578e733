import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import type { Window2D } from './conv_geometry';
import { poolWindow } from './window_attrs';

/**
 * Visits every pooling window: flat offsets of the output pixel and of the window's
 * valid input rows. Padding is not counted, so a SAME border window averages fewer
 * pixels (TF's AvgPool does the same).
 */
export function forEachAvgWindow(g: Window2D,
  visit: (outBase: number, n: number, hLo: number, hHi: number, wLo: number, wHi: number) => void): void {
  const { batch, inH, inW, channels: C, kH, kW, strideH, strideW, outH, outW, padTop, padLeft } = g;
  let outBase = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padTop;
      const hLo = Math.max(h0, 0), hHi = Math.min(h0 + kH, inH);
      for (let ow = 0; ow < outW; ow++, outBase += C) {
        const w0 = ow * strideW - padLeft;
        visit(outBase, n, hLo, hHi, Math.max(w0, 0), Math.min(w0 + kW, inW));
      }
    }
  }
}

/** AvgPool, NHWC: the mean of each window's pixels that lie inside the input. */
export const avgPoolKernel: CpuKernel = ([input], ctx) => {
  const g = poolWindow(input.shape, ctx.attrs, 'AvgPool', ctx.op.name);
  const { inH, inW, channels: C } = g;
  const out = ctx.allocate('float32', g.batch * g.outH * g.outW * C, true) as Float32Array;
  const x = input.data;
  const sum = new Float64Array(C);
  forEachAvgWindow(g, (o, n, hLo, hHi, wLo, wHi) => {
    sum.fill(0);
    for (let ih = hLo; ih < hHi; ih++) {
      for (let iw = wLo; iw < wHi; iw++) {
        const s = ((n * inH + ih) * inW + iw) * C;
        for (let c = 0; c < C; c++) sum[c] += x[s + c];
      }
    }
    const count = (hHi - hLo) * (wHi - wLo);
    for (let c = 0; c < C; c++) out[o + c] = sum[c] / count;
  });
  return new NDArray(out, [g.batch, g.outH, g.outW, C], 'float32');
};
