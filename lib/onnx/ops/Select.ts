import type { OnnxOpMapping } from '../mapping_types';
import { knownRank } from './elementwise';

/**
 * Select(condition, t, e): ONNX's Where. TF's vector condition picks whole rows of a
 * higher-rank t (not NumPy broadcasting, which would match it with the last axis), so it
 * is unsqueezed to [n, 1, ...] first; a scalar or same-shape condition broadcasts as is.
 */
export const Select: OnnxOpMapping = (ctx) => {
  const condRank = knownRank(ctx, ctx.inputShape(0), 'condition');
  const rank = knownRank(ctx, ctx.op.outputs[0].shape, 'the output');
  let cond = ctx.input(0);
  if (condRank === 1 && rank > 1) {
    cond = ctx.node('Unsqueeze', [cond, ctx.constant(Array.from({ length: rank - 1 }, (_, i) => i + 1), 'int64')])[0];
  }
  return [ctx.node('Where', [cond, ctx.input(1), ctx.input(2)])[0]];
};
