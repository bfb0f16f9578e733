import type { OnnxOpMapping } from '../mapping_types';
import { knownRank, normalizeAxis } from './elementwise';

/** Pack (tf.stack): each value Unsqueezed on the axis, then ONNX's Concat. */
export const Pack: OnnxOpMapping = (ctx) => {
  const axis = normalizeAxis(ctx.op.attrs.axis, knownRank(ctx, ctx.op.outputs[0].shape, 'the output'));
  const axes = ctx.constant([axis], 'int64');
  const parts = ctx.op.inputs.map((_, i) => ctx.node('Unsqueeze', [ctx.input(i), axes])[0]);
  return [ctx.node('Concat', parts, { axis })[0]];
};
