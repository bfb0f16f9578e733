import type { OpSpec } from '../register_op';

/** Elementwise arithmetic, comparisons, logic, casts and reductions. */
export const MATH_OPS: OpSpec[] = [];
