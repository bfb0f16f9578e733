import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { convInWasm, ConvKind } from './conv_wasm';
import { gemm } from './gemm';
import { im2col, forEachImageBlock, isPointwise, patchWidth } from './im2col';
import { convWindow } from './window_attrs';

/**
 * Conv2D, NHWC: output[n, oh, ow, :] = patches(n, oh, ow) · filter[kh*kw*C, O].
 * Patches are packed a block of images at a time and multiplied with the blocked
 * GEMM; the output rows of a block are contiguous, so the product lands in place.
 * The WebAssembly module does the same without copying the patch matrix (conv_wasm.ts).
 */
export const conv2DKernel: CpuKernel = ([input, filter], ctx) => {
  const g = convWindow(input.shape, filter.shape, ctx.attrs, 'Conv2D', ctx.op.name);
  const outC = filter.shape[3];
  const k = patchWidth(g);
  const pixels = g.outH * g.outW;
  const out = ctx.allocate('float32', g.batch * pixels * outC, false) as Float32Array; // every value is written
  const x = input.data as Float32Array, w = filter.data as Float32Array;
  if (out.length > 0 && !convInWasm(ConvKind.Forward, g, outC, x, w, out)) {
    if (isPointwise(g)) {
      gemm(g.batch * pixels, outC, k, x, false, w, false, out, false, ctx.run);
    } else {
      forEachImageBlock(g, (n0, n1, rows, cols) => {
        im2col(x, g, n0, n1, cols);
        gemm(rows, outC, k, cols, false, w, false, out.subarray(n0 * pixels * outC, n1 * pixels * outC));
      });
    }
  }
  return new NDArray(out, [g.batch, g.outH, g.outW, outC], 'float32');
};
