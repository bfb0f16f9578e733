import type { OpSpec } from '../register_op';

/** Shape, layout and indexing ops (Reshape, Transpose, ConcatV2, Pack, OneHot, ...). */
export const ARRAY_OPS: OpSpec[] = [];
