import type { AnyOpSpec } from '../register_op';
import { BINARY_OPS } from './math/binary';
import { UNARY_OPS } from './math/unary';
import { COMPARISON_OPS } from './math/compare';
import { AddN } from './math/add_n';
import { Cast } from './math/cast';
import { REDUCTION_OPS } from './math/reduce';
import { ArgMax, ArgMin } from './math/arg';
import { SHAPE_OPS } from './math/shape';

/** Elementwise arithmetic, comparisons, logic, casts, reductions and shape ops (each in defs/math/). */
export const MATH_OPS: AnyOpSpec[] = [
  ...BINARY_OPS, ...UNARY_OPS, ...COMPARISON_OPS, AddN, Cast, ...REDUCTION_OPS, ArgMax, ArgMin, ...SHAPE_OPS,
];
