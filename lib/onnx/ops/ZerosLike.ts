import { NDArray } from '../../framework/ndarray';
import { typedArrayFor } from '../../framework/dtypes';
import type { OnnxOpMapping } from '../mapping_types';

/** ZerosLike(x): ConstantOfShape(Shape(x)) of x's dtype; not x * 0, which is NaN where x is inf or NaN. */
export const ZerosLike: OnnxOpMapping = (ctx) => {
  const dtype = ctx.op.outputs[0].dtype;
  const zero = new NDArray(typedArrayFor(dtype, 1), [1], dtype);
  const shape = ctx.node('Shape', [ctx.input(0)])[0];
  return [ctx.node('ConstantOfShape', [shape], { value: { t: zero } })[0]];
};
