import type { OnnxOpMapping } from '../mapping_types';
import { onnxType } from '../onnx_tensor';

/** Shape: ONNX's Shape (int64), cast to out_type. */
export const Shape: OnnxOpMapping = (ctx) => {
  const shape = ctx.node('Shape', [ctx.input(0)])[0];
  const dtype = ctx.op.outputs[0].dtype;
  return [dtype === 'int64' ? shape : ctx.node('Cast', [shape], { to: onnxType(dtype, ctx.op.name) })[0]];
};
