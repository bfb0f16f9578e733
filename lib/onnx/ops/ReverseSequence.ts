import type { OnnxOpMapping } from '../mapping_types';
import { knownRank, normalizeAxis } from './elementwise';

/**
 * ReverseSequence(input, seq_lengths): ONNX's ReverseSequence (lengths cast to int64). ONNX
 * takes only the time and batch axes 0 and 1 (either way round), as the RNNs use them.
 */
export const ReverseSequence: OnnxOpMapping = (ctx) => {
  const rank = knownRank(ctx, ctx.inputShape(0), 'input');
  const time = normalizeAxis(ctx.op.attrs.seq_dim, rank), batch = normalizeAxis(ctx.op.attrs.batch_dim ?? 0, rank);
  if (!((time === 0 && batch === 1) || (time === 1 && batch === 0))) {
    throw ctx.unsupported(`ONNX's ReverseSequence takes seq_dim and batch_dim 0 and 1 only, got seq_dim=${time}, batch_dim=${batch}`);
  }
  const lengths = ctx.node('Cast', [ctx.input(1)], { to: 7 })[0];
  return [ctx.node('ReverseSequence', [ctx.input(0), lengths], { time_axis: time, batch_axis: batch })[0]];
};
