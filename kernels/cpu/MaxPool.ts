import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import type { Window2D } from './conv_geometry';
import { poolWindow } from './window_attrs';

/**
 * Visits every pooling window of x (NHWC), giving the flat output offset of the
 * window's first channel and, per channel, the window's max and where it was.
 * Ties go to the first max in row-major window order, and the first pixel seeds the
 * max (so a NaN there stays), as TF's CPU MaxPool and MaxPoolGrad choose it.
 */
export function scanMaxWindows(x: ArrayLike<number>, g: Window2D,
  visit: (outBase: number, best: Float32Array, at: Int32Array) => void): void {
  const { batch, inH, inW, channels: C, kH, kW, strideH, strideW, outH, outW, padTop, padLeft } = g;
  const best = new Float32Array(C);
  const at = new Int32Array(C);
  let outBase = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padTop;
      const hLo = Math.max(h0, 0), hHi = Math.min(h0 + kH, inH);
      for (let ow = 0; ow < outW; ow++, outBase += C) {
        const w0 = ow * strideW - padLeft;
        const wLo = Math.max(w0, 0), wHi = Math.min(w0 + kW, inW);
        let first = true;
        for (let ih = hLo; ih < hHi; ih++) {
          for (let iw = wLo; iw < wHi; iw++) {
            const s = ((n * inH + ih) * inW + iw) * C;
            if (first) {
              for (let c = 0; c < C; c++) { best[c] = x[s + c]; at[c] = s + c; }
              first = false;
            } else {
              for (let c = 0; c < C; c++) {
                const v = x[s + c];
                if (v > best[c]) { best[c] = v; at[c] = s + c; }
              }
            }
          }
        }
        visit(outBase, best, at);
      }
    }
  }
}

/** MaxPool, NHWC: the max of each window; padding never wins. */
export const maxPoolKernel: CpuKernel = ([input], ctx) => {
  const g = poolWindow(input.shape, ctx.attrs, 'MaxPool', ctx.op.name);
  const C = g.channels;
  const out = new Float32Array(g.batch * g.outH * g.outW * C);
  scanMaxWindows(input.data, g, (o, best) => { out.set(best, o); });
  return new NDArray(out, [g.batch, g.outH, g.outW, C], 'float32');
};
