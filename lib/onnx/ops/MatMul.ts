import { NDArray } from '../../framework/ndarray';
import type { OnnxOpMapping } from '../mapping_types';

/** MatMul: ONNX's MatMul, with transpose_a/transpose_b as Transposes (folded into the initializer for a constant). */
export const MatMul: OnnxOpMapping = (ctx) => {
  const operand = (i: number, transposed: boolean) => {
    if (!transposed) return ctx.input(i);
    const v = ctx.constantValue(i);
    if (v !== null && v.shape.length === 2) {
      const [r, c] = v.shape;
      const t = new (v.data.constructor as Float32ArrayConstructor)(v.size);
      for (let a = 0; a < r; a++) for (let b = 0; b < c; b++) t[b * r + a] = v.data[a * c + b] as number;
      return ctx.constant(new NDArray(t, [c, r], v.dtype));
    }
    return ctx.node('Transpose', [ctx.input(i)], { perm: [1, 0] })[0];
  };
  return [ctx.node('MatMul', [operand(0, !!ctx.op.attrs.transpose_a), operand(1, !!ctx.op.attrs.transpose_b)])[0]];
};
