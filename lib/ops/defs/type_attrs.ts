import type { DType } from '../../framework/dtypes';
import type { AttrSpec } from '../register_op';

/*
 * TF's type lists for the op definitions' type attrs (numbertype, realnumbertypes, the
 * lists an op spells out), cut to the dtypes tensorgraph has and its kernels compute.
 */

/*
 * float16 is in none of the arithmetic lists: it is held in float32 and rounded to a half only
 * where values enter it (constants, feeds, Cast), so a kernel computing on it would return
 * unrounded float32 values labelled float16. Ops refuse it with TF1's TypeError; cast to float32.
 */

/** numbertype / realnumbertypes: every numeric dtype our generic (compiled-expression) kernels compute. */
export const NUMERIC: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'int16', 'int8', 'uint16', 'uint8'];
/** The lists without unsigned types (Neg, Abs, Sign, Round, Pow, SquaredDifference). */
export const SIGNED: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'int16', 'int8'];
/** floatingpoint types for the math kernels, which compute float64 in float64. */
export const FLOATS: readonly DType[] = ['float32', 'float64'];
/** The nn kernels (Softmax, Elu, Sigmoid, ...) and the float32-only kernels: float32 alone. */
export const FLOAT32: readonly DType[] = ['float32'];
/** Index and shape operands (Tidx, Tshape, out_type, ...): {int32, int64}. */
export const INDEX: readonly DType[] = ['int32', 'int64'];
/** Ops that only move or compare values (Select, Reshape, Equal): every dtype, float16 included. */
export const ALL: readonly DType[] = ['float32', 'float64', 'float16', 'int32', 'int64', 'int16', 'int8', 'uint16', 'uint8', 'bool'];

/** A type attr: `T: {float, int32}`, or `Tidx: {int32, int64} = DT_INT32` with a default. */
export function typeAttr(allowed?: readonly DType[], defaultType?: DType): AttrSpec {
  const spec: AttrSpec = { type: 'type' };
  if (allowed) spec.allowed_values = allowed;
  if (defaultType) spec.default = defaultType;
  return spec;
}

/** An index or shape type attr: `Tidx: {int32, int64} = DT_INT32` (TF's default for most; some ops have int64 or none). */
export function indexTypeAttr(defaultType: DType | null = 'int32'): AttrSpec {
  return typeAttr(INDEX, defaultType ?? undefined);
}
