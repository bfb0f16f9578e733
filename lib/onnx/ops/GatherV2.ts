import type { OnnxOpMapping } from '../mapping_types';
import { constantInts } from './elementwise';

/** GatherV2(params, indices, axis): ONNX's Gather (batch_dims 0 only). */
export const GatherV2: OnnxOpMapping = (ctx) => {
  if ((ctx.op.attrs.batch_dims ?? 0) !== 0) throw ctx.unsupported('batch_dims other than 0');
  const [axis] = constantInts(ctx, 2, 'axis');
  return [ctx.node('Gather', [ctx.input(0), ctx.input(1)], { axis })[0]];
};
