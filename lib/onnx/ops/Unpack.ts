import type { OnnxOpMapping } from '../mapping_types';
import { knownRank, normalizeAxis } from './elementwise';

/** Unpack (tf.unstack): ONNX's Split into size-1 parts, each Squeezed on the axis. */
export const Unpack: OnnxOpMapping = (ctx) => {
  const axis = normalizeAxis(ctx.op.attrs.axis, knownRank(ctx, ctx.inputShape(0), 'the value'));
  const n = ctx.op.outputs.length;
  const parts = ctx.node('Split', [ctx.input(0)], { axis }, { outputs: n });
  const axes = ctx.constant([axis], 'int64');
  return parts.map((p) => ctx.node('Squeeze', [p, axes])[0]);
};
