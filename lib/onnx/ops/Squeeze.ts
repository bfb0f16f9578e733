import type { OnnxOpMapping } from '../mapping_types';

/** Squeeze: ONNX's Squeeze, axes as an int64 input (opset 13); none given removes every size-1 axis in both. */
export const Squeeze: OnnxOpMapping = (ctx) => {
  const dims: number[] = ctx.op.attrs.squeeze_dims ?? [];
  const inputs = dims.length === 0 ? [ctx.input(0)] : [ctx.input(0), ctx.constant(dims, 'int64')];
  return [ctx.node('Squeeze', inputs)[0]];
};
