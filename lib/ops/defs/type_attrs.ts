import type { DType } from '../../framework/dtypes';
import type { AttrSpec } from '../register_op';

/*
 * TF's type lists for the op definitions' type attrs (numbertype, realnumbertypes, the
 * lists an op spells out), cut to the dtypes tensorgraph has and its kernels compute.
 */

/** numbertype / realnumbertypes: every numeric dtype we have. */
export const NUMERIC: readonly DType[] = ['float32', 'int32', 'int64', 'uint8'];
/** The lists without unsigned types (Neg, Abs, Sign, Round, Pow, SquaredDifference). */
export const SIGNED: readonly DType[] = ['float32', 'int32', 'int64'];
export const FLOATS: readonly DType[] = ['float32'];
/** Index and shape operands (Tidx, Tshape, out_type, ...): {int32, int64}. */
export const INDEX: readonly DType[] = ['int32', 'int64'];
export const ALL: readonly DType[] = ['float32', 'int32', 'int64', 'uint8', 'bool'];

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
