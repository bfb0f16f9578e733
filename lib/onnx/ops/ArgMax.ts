import type { OnnxOpMapping } from '../mapping_types';
import { constantInts } from './elementwise';

/** ArgMax: ONNX's ArgMax (first maximum, as TF) gives int64; a Cast follows when output_type is int32. */
export const ArgMax: OnnxOpMapping = (ctx) => {
  const [axis] = constantInts(ctx, 1, 'dimension');
  const index = ctx.node('ArgMax', [ctx.input(0)], { axis, keepdims: 0 })[0];
  return [ctx.op.outputs[0].dtype === 'int64' ? index : ctx.node('Cast', [index], { to: 6 })[0]];
};
