import { NDArray } from '../../framework/ndarray';
import type { OnnxOpMapping } from '../mapping_types';

/** Fill(dims, value) with a constant value: ONNX's ConstantOfShape (dims cast to int64); a zero_state of a dynamic batch. */
export const Fill: OnnxOpMapping = (ctx) => {
  const value = ctx.constantValue(1);
  if (value === null) throw ctx.unsupported('value must be a constant to export');
  const dims = ctx.node('Cast', [ctx.input(0)], { to: 7 })[0];
  return [ctx.node('ConstantOfShape', [dims], { value: { t: value.shape.length === 0 ? reshape1(value) : value } })[0]];
};

/** ConstantOfShape's value is a one-element 1-D tensor. */
function reshape1(v: NDArray): NDArray {
  return new NDArray(v.data, [1], v.dtype);
}
