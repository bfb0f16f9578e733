import type { OpSpec } from '../register_op';
import { BINARY_OPS } from './math/binary';
import { UNARY_OPS } from './math/unary';
import { COMPARISON_OPS } from './math/compare';
import { AddN } from './math/add_n';
import { Cast } from './math/cast';
import { REDUCTION_OPS } from './math/reduce';
import { ArgMax, ArgMin } from './math/arg';
import { SHAPE_OPS } from './array/shape_ops';

/** Elementwise arithmetic, comparisons, logic, casts and reductions (each in defs/math/). */
export const MATH_OPS: OpSpec[] = [
  ...BINARY_OPS, ...UNARY_OPS, ...COMPARISON_OPS, AddN, Cast, ...REDUCTION_OPS, ArgMax, ArgMin,
];

export { SHAPE_OPS };
