import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import type { Window2D } from './conv_geometry';
import { poolWindow } from './window_attrs';
import { maxPoolWasm } from './wasm_elementwise';

/*
 * Max pooling scans each window's pixels in row-major order; the first pixel seeds
 * the max and a later one replaces it only when strictly greater. So ties go to the
 * first max (and a NaN seed stays), as TF's CPU MaxPool and MaxPoolGrad choose.
 * Channels are the inner loop: each window pixel is a contiguous run of C values.
 */

/** out[n, oh, ow, c] = the max of the window (out must have the pooled size). */
export function maxPoolValues(x: Float32Array, g: Window2D, out: Float32Array): void {
  const { batch, inH, inW, channels: C, kH, kW, strideH, strideW, outH, outW, padTop, padLeft } = g;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padTop;
      const hLo = Math.max(h0, 0), hHi = Math.min(h0 + kH, inH);
      for (let ow = 0; ow < outW; ow++, o += C) {
        const w0 = ow * strideW - padLeft;
        const wLo = Math.max(w0, 0), wHi = Math.min(w0 + kW, inW);
        const seed = ((n * inH + hLo) * inW + wLo) * C;
        if (hHi - hLo === 2 && wHi - wLo === 2) {
          maxOf2x2(x, seed, seed + C, seed + inW * C, seed + (inW + 1) * C, C, out, o);
          continue;
        }
        for (let c = 0; c < C; c++) out[o + c] = x[seed + c];
        for (let ih = hLo; ih < hHi; ih++) {
          for (let iw = ih === hLo ? wLo + 1 : wLo; iw < wHi; iw++) {
            const s = ((n * inH + ih) * inW + iw) * C;
            for (let c = 0; c < C; c++) {
              const v = x[s + c];
              if (v > out[o + c]) out[o + c] = v;
            }
          }
        }
      }
    }
  }
}

/** arg[n, oh, ow, c] = the flat index in x of the window's max (arg must have the pooled size). */
export function maxPoolArgmax(x: Float32Array, g: Window2D, arg: Int32Array): void {
  const { batch, inH, inW, channels: C, kH, kW, strideH, strideW, outH, outW, padTop, padLeft } = g;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padTop;
      const hLo = Math.max(h0, 0), hHi = Math.min(h0 + kH, inH);
      for (let ow = 0; ow < outW; ow++, o += C) {
        const w0 = ow * strideW - padLeft;
        const wLo = Math.max(w0, 0), wHi = Math.min(w0 + kW, inW);
        const seed = ((n * inH + hLo) * inW + wLo) * C;
        if (hHi - hLo === 2 && wHi - wLo === 2) {
          argmaxOf2x2(x, seed, seed + C, seed + inW * C, seed + (inW + 1) * C, C, arg, o);
          continue;
        }
        for (let c = 0; c < C; c++) arg[o + c] = seed + c;
        for (let ih = hLo; ih < hHi; ih++) {
          for (let iw = ih === hLo ? wLo + 1 : wLo; iw < wHi; iw++) {
            const s = ((n * inH + ih) * inW + iw) * C;
            for (let c = 0; c < C; c++) {
              if (x[s + c] > x[arg[o + c]]) arg[o + c] = s + c;
            }
          }
        }
      }
    }
  }
}

/*
 * A full 2x2 window (the usual max_pool_2x2) in one pass over its four pixels, the
 * same comparisons in the same order as the general loop (first max wins, a NaN
 * seed stays): the general loop's read-modify-write of out per pixel cost about
 * twice as much on Deep MNIST's pools.
 */
function maxOf2x2(x: Float32Array, p0: number, p1: number, p2: number, p3: number, C: number, out: Float32Array, o: number): void {
  for (let c = 0; c < C; c++) {
    let best = x[p0 + c];
    const b = x[p1 + c], d = x[p2 + c], e = x[p3 + c];
    if (b > best) best = b;
    if (d > best) best = d;
    if (e > best) best = e;
    out[o + c] = best;
  }
}

function argmaxOf2x2(x: Float32Array, p0: number, p1: number, p2: number, p3: number, C: number, arg: Int32Array, o: number): void {
  for (let c = 0; c < C; c++) {
    let best = x[p0 + c], at = p0 + c;
    const b = x[p1 + c], d = x[p2 + c], e = x[p3 + c];
    if (b > best) { best = b; at = p1 + c; }
    if (d > best) { best = d; at = p2 + c; }
    if (e > best) at = p3 + c;
    arg[o + c] = at;
  }
}

/** MaxPool, NHWC: the max of each window; padding never wins. */
export const maxPoolKernel: CpuKernel = ([input], ctx) => {
  const g = poolWindow(input.shape, ctx.attrs, 'MaxPool', ctx.op.name);
  const out = ctx.allocate('float32', g.batch * g.outH * g.outW * g.channels, false) as Float32Array;
  if (!maxPoolWasm(input.data as Float32Array, g, out)) maxPoolValues(input.data as Float32Array, g, out);
  return new NDArray(out, [g.batch, g.outH, g.outW, g.channels], 'float32');
};
