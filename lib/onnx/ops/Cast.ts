import type { OnnxOpMapping } from '../mapping_types';
import { onnxType } from '../onnx_tensor';

/** Cast: ONNX's Cast to DstT. */
export const Cast: OnnxOpMapping = (ctx) => [ctx.node('Cast', [ctx.input(0)], { to: onnxType(ctx.op.outputs[0].dtype, ctx.op.name) })[0]];
