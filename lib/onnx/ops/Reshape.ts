import type { OnnxOpMapping } from '../mapping_types';

/** Reshape: the shape as an int64 initializer (TF's -1 means the same in ONNX). */
export const Reshape: OnnxOpMapping = (ctx) => {
  const shape = ctx.constantValue(1);
  const shapeName = shape !== null ? ctx.constant(Array.from(shape.data as ArrayLike<number>, Number), 'int64')
    : ctx.node('Cast', [ctx.input(1)], { to: 7 })[0];
  // ONNX reads a 0 in the shape as "copy this dimension" unless told otherwise; TF means a zero-size dimension.
  if (shape !== null && Array.from(shape.data as ArrayLike<number>).includes(0)) throw ctx.unsupported('a 0 in the target shape');
  return [ctx.node('Reshape', [ctx.input(0), shapeName])[0]];
};
