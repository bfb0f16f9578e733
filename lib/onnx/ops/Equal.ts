import type { OnnxOpMapping } from '../mapping_types';

/** Equal: ONNX's Equal (bool output, numpy broadcasting). */
export const Equal: OnnxOpMapping = (ctx) => [ctx.node('Equal', [ctx.input(0), ctx.input(1)])[0]];
