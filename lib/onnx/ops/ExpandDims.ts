import type { OnnxOpMapping } from '../mapping_types';
import { constantInts, knownRank, normalizeAxis } from './elementwise';

/** ExpandDims(input, dim): ONNX's Unsqueeze (axes as an int64 input). */
export const ExpandDims: OnnxOpMapping = (ctx) => {
  const [dim] = constantInts(ctx, 1, 'dim');
  const rank = knownRank(ctx, ctx.op.outputs[0].shape, 'the output');
  return [ctx.node('Unsqueeze', [ctx.input(0), ctx.constant([normalizeAxis(dim, rank)], 'int64')])[0]];
};
