import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { convInWasm, ConvKind } from './conv_wasm';
import { gemm } from './gemm';
import { im2col, forEachImageBlock, isPointwise, patchWidth } from './im2col';
import { convWindow, requireShape, shapeFromTensor } from './window_attrs';

/**
 * Gradient of Conv2D with respect to its filter: patchesᵀ · dy, a GEMM of the
 * forward pass's size. Blocks of images add their products into the result (in the
 * WebAssembly module when it is available, each thread into its own accumulator).
 */
export const conv2DBackpropFilterKernel: CpuKernel = ([input, filterSizes, dy], ctx) => {
  const type = 'Conv2DBackpropFilter', name = ctx.op.name;
  const filterShape = shapeFromTensor(filterSizes.data, filterSizes.shape, 'filter_sizes', type, name);
  const g = convWindow(input.shape, filterShape, ctx.attrs, type, name);
  const outC = filterShape[3];
  requireShape(dy.shape, [g.batch, g.outH, g.outW, outC], 'out_backprop', type, name);
  const k = patchWidth(g);
  const pixels = g.outH * g.outW;
  const dw = ctx.allocate('float32', k * outC, true) as Float32Array; // zeros when the batch is empty
  const x = input.data as Float32Array, dyData = dy.data as Float32Array;
  const rowsTotal = g.batch * pixels;
  if (dw.length > 0 && rowsTotal > 0 && !convInWasm(ConvKind.FilterGrad, g, outC, x, dyData, dw)) {
    if (isPointwise(g)) {
      gemm(k, outC, rowsTotal, x, true, dyData, false, dw, false, ctx.run);
    } else {
      forEachImageBlock(g, (n0, n1, rows, cols) => {
        im2col(x, g, n0, n1, cols);
        // Blocks after the first add their products to what the earlier ones left.
        gemm(k, outC, rows, cols, true, dyData.subarray(n0 * pixels * outC, n1 * pixels * outC), false, dw, n0 > 0);
      });
    }
  }
  return new NDArray(dw, filterShape, 'float32');
};
