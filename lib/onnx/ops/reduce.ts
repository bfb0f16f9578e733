import type { OnnxOpMapping } from '../mapping_types';
import { constantInts } from './elementwise';

/**
 * TF's reductions: ONNX's ReduceX with keepdims from keep_dims. From opset 13 ReduceSum
 * takes its axes as an input; the others keep an attribute until opset 18.
 */
export function reduction(onnxType: string): OnnxOpMapping {
  return (ctx) => {
    const axes = constantInts(ctx, 1, 'reduction_indices');
    // TF reduces nothing over an empty axis list; ONNX would reduce everything.
    if (axes.length === 0) return [ctx.node('Identity', [ctx.input(0)])[0]];
    const keepdims = ctx.op.attrs.keep_dims ? 1 : 0;
    const axesAsInput = onnxType === 'ReduceSum' || ctx.opset >= 18;
    return [axesAsInput
      ? ctx.node(onnxType, [ctx.input(0), ctx.constant(axes, 'int64')], { keepdims })[0]
      : ctx.node(onnxType, [ctx.input(0)], { axes, keepdims })[0]];
  };
}
