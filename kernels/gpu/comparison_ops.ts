/** Comparisons and logic: bool results (exactly 0 or 1 on the device), with broadcasting. */
import type { GpuKernel } from './types';
import { elementwise } from './elementwise';

function compare(cond: string): GpuKernel {
  return ([x, y], ctx) => elementwise(ctx, [x, y], ['x', 'y'], `(${cond}) ? 1 : 0`, 'bool');
}

export const Equal = compare('x == y');
export const NotEqual = compare('x != y');
export const Less = compare('x < y');
export const LessEqual = compare('x <= y');
export const Greater = compare('x > y');
export const GreaterEqual = compare('x >= y');
export const LogicalAnd = compare('x != 0 && y != 0');
export const LogicalOr = compare('x != 0 || y != 0');
export const LogicalNot: GpuKernel = ([x], ctx) => elementwise(ctx, [x], ['x'], 'x == 0 ? 1 : 0', 'bool');
