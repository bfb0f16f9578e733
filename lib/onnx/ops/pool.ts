import type { OnnxOpMapping } from '../mapping_types';
import { requireNhwc, windowPads } from './window';

/**
 * TF's pools: ONNX's pool on the NCHW value (left NCHW, as Conv2D). AvgPool's SAME
 * padding averages over the pixels inside the image only, which is ONNX's
 * count_include_pad = 0 (its default).
 */
export function pool(onnxType: 'MaxPool' | 'AveragePool'): OnnxOpMapping {
  return (ctx) => {
    requireNhwc(ctx);
    const ksize: number[] = ctx.op.attrs.ksize, strides: number[] = ctx.op.attrs.strides;
    if (ksize[0] !== 1 || ksize[3] !== 1 || strides[0] !== 1 || strides[3] !== 1) throw ctx.unsupported('pooling over the batch or channel axis');
    const window = [ksize[1], ksize[2]], step = [strides[1], strides[2]];
    const attrs = { kernel_shape: window, strides: step, ...windowPads(ctx, window, step, [1, 1]) };
    return [{ nchw: ctx.node(onnxType, [ctx.inputNchw(0)], attrs)[0] }];
  };
}
