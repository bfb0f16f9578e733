import type { OnnxOpMapping } from '../mapping_types';

/** Softmax over the last axis: ONNX's Softmax from opset 13 normalizes one axis, as TF does. */
export const Softmax: OnnxOpMapping = (ctx) => [ctx.node('Softmax', [ctx.input(0)], { axis: -1 })[0]];
