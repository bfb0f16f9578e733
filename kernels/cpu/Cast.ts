import type { DType } from '../../lib/framework/dtypes';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { as_dtype } from '../../lib/framework/dtypes';
import { unaryKernel } from './elementwise';

/**
 * How a value becomes DstT when stored: typed-array stores already truncate toward zero and
 * wrap into int32/int16/int8/uint16/uint8 (an out-of-range float wraps too: TF leaves that
 * implementation-defined), and round to float32.
 */
function castExpr(dst: DType): string {
  switch (dst) {
    case 'bool': return 'x !== 0 ? 1 : 0';
    // Held in a Float32Array: the half's rounding is ours to do.
    case 'float16': return 'h.roundToFloat16(x)';
    // Float64Array would keep the fraction: int64 truncates toward zero, as TF's cast
    // (`|| 0` turns -0 and NaN into 0, as an integer store does for int32).
    case 'int64': return 'Math.trunc(x) || 0';
    default: return 'x';
  }
}

/** Converts to attr DstT: bool <-> numeric, float -> int truncating toward zero. */
export const castKernel: CpuKernel = ([x], ctx) => {
  const dst = as_dtype(ctx.attrs.DstT);
  return dst === x.dtype ? x : unaryKernel(ctx, x, dst, castExpr(dst));
};
