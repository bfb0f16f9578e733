import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { convInWasm, ConvKind } from './conv_wasm';
import { gemm } from './gemm';
import { col2im, forEachImageBlock, isPointwise, patchWidth } from './im2col';
import { convWindow, requireBackpropSpatial, requireShape, shapeFromTensor } from './window_attrs';

/**
 * Gradient of Conv2D with respect to its input: the patch-matrix gradient
 * dy · filterᵀ (one GEMM, the same size as the forward one), scattered back
 * into the image by col2im (in the WebAssembly module when it is available).
 */
export const conv2DBackpropInputKernel: CpuKernel = ([inputSizes, filter, dy], ctx) => {
  const type = 'Conv2DBackpropInput', name = ctx.op.name;
  const inShape = shapeFromTensor(inputSizes.data, inputSizes.shape, 'input_sizes', type, name);
  const g = convWindow(inShape, filter.shape, ctx.attrs, type, name);
  const outC = filter.shape[3];
  requireBackpropSpatial(dy.shape, g, type, name);
  requireShape(dy.shape, [g.batch, g.outH, g.outW, outC], 'out_backprop', type, name);
  const k = patchWidth(g);
  const pixels = g.outH * g.outW;
  const dx = ctx.allocate('float32', g.batch * g.inH * g.inW * g.channels, true) as Float32Array; // zeros: col2im adds
  const dyData = dy.data as Float32Array, w = filter.data as Float32Array;
  if (dx.length > 0 && dyData.length > 0 && !convInWasm(ConvKind.InputGrad, g, outC, dyData, w, dx)) {
    if (isPointwise(g)) {
      gemm(g.batch * pixels, g.channels, outC, dyData, false, w, true, dx, false, ctx.run);
    } else {
      forEachImageBlock(g, (n0, n1, rows, cols) => {
        gemm(rows, k, outC, dyData.subarray(n0 * pixels * outC, n1 * pixels * outC), false, w, true, cols);
        col2im(cols, g, n0, n1, dx);
      });
    }
  }
  return new NDArray(dx, inShape, 'float32');
};
