import type { OpSpec } from '../../register_op';
import type { DType } from '../../../framework/dtypes';
import { as_dtype } from '../../../framework/dtypes';
import { ValueError } from '../../../framework/errors';
import { unaryKernel } from '../../../../kernels/cpu/elementwise';

/** How a value becomes DstT when stored: typed-array stores wrap int32/uint8 and round float32 already. */
function castExpr(dst: DType): string {
  switch (dst) {
    case 'bool': return 'x !== 0 ? 1 : 0';
    // Float64Array would keep the fraction: int64 truncates toward zero, as TF's cast
    // (`|| 0` turns -0 and NaN into 0, as an integer store does for int32).
    case 'int64': return 'Math.trunc(x) || 0';
    default: return 'x';
  }
}

/** Converts to attr DstT: bool <-> numeric, float -> int truncating toward zero. */
export const Cast: OpSpec = {
  name: 'Cast',
  inputs: 1,
  outputs: ([x], attrs, opName) => {
    let dst: DType;
    try { dst = as_dtype(attrs.DstT); } catch {
      throw new ValueError(`Cast '${opName}': DstT ${JSON.stringify(attrs.DstT)} is not a dtype`);
    }
    return { dtype: dst, shape: x.shape };
  },
  cpu: ([x], ctx) => {
    const dst = as_dtype(ctx.attrs.DstT);
    return dst === x.dtype ? x : unaryKernel(ctx, x, dst, castExpr(dst));
  },
  // Only float-to-float casts carry a gradient (float32 is the one float dtype, so it passes through).
  gradient: (op, [dy]) => {
    const src = op.inputs[0].dtype, dst = op.outputs[0].dtype;
    return src === 'float32' && dst === 'float32' ? [dy] : [null];
  },
};
