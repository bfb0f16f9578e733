import type { OnnxOpMapping } from '../mapping_types';
import { constantInts, knownRank, normalizeAxis } from './elementwise';

/** ConcatV2(values..., axis): ONNX's Concat with the axis as an attribute. */
export const ConcatV2: OnnxOpMapping = (ctx) => {
  const n = ctx.op.inputs.length - 1;
  const [axis] = constantInts(ctx, n, 'axis');
  const rank = knownRank(ctx, ctx.op.outputs[0].shape, 'the output');
  return [ctx.node('Concat', Array.from({ length: n }, (_, i) => ctx.input(i)), { axis: normalizeAxis(axis, rank) })[0]];
};
