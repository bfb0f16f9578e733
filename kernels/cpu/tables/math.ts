import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { matMulKernel } from '../MatMul';
import {
  addKernel, subKernel, mulKernel, realDivKernel, floorDivKernel, floorModKernel, powKernel,
  maximumKernel, minimumKernel, squaredDifferenceKernel,
} from '../binary_ops';
import {
  negKernel, expKernel, logKernel, sqrtKernel, rsqrtKernel, squareKernel, absKernel, signKernel,
  reciprocalKernel, floorKernel, ceilKernel, roundKernel,
} from '../unary_ops';
import {
  equalKernel, notEqualKernel, lessKernel, lessEqualKernel, greaterKernel, greaterEqualKernel,
  logicalAndKernel, logicalOrKernel, logicalNotKernel,
} from '../comparison_ops';
import { addNKernel } from '../AddN';
import { castKernel } from '../Cast';
import { sumKernel, meanKernel, prodKernel, maxKernel, minKernel, anyKernel, allKernel } from '../reduce';
import { argMaxKernel, argMinKernel } from '../arg_reduce';

/** The CPU kernels of the math op definitions (lib/ops/defs/math), by TensorFlow op type. */
export const MATH_KERNELS: Record<string, CpuKernel> = {
  MatMul: matMulKernel,
  Add: addKernel,
  Sub: subKernel,
  Mul: mulKernel,
  RealDiv: realDivKernel,
  FloorDiv: floorDivKernel,
  FloorMod: floorModKernel,
  Pow: powKernel,
  Maximum: maximumKernel,
  Minimum: minimumKernel,
  SquaredDifference: squaredDifferenceKernel,
  Neg: negKernel,
  Exp: expKernel,
  Log: logKernel,
  Sqrt: sqrtKernel,
  Rsqrt: rsqrtKernel,
  Square: squareKernel,
  Abs: absKernel,
  Sign: signKernel,
  Reciprocal: reciprocalKernel,
  Floor: floorKernel,
  Ceil: ceilKernel,
  Round: roundKernel,
  Equal: equalKernel,
  NotEqual: notEqualKernel,
  Less: lessKernel,
  LessEqual: lessEqualKernel,
  Greater: greaterKernel,
  GreaterEqual: greaterEqualKernel,
  LogicalAnd: logicalAndKernel,
  LogicalOr: logicalOrKernel,
  LogicalNot: logicalNotKernel,
  AddN: addNKernel,
  Cast: castKernel,
  Sum: sumKernel,
  Mean: meanKernel,
  Prod: prodKernel,
  Max: maxKernel,
  Min: minKernel,
  Any: anyKernel,
  All: allKernel,
  ArgMax: argMaxKernel,
  ArgMin: argMinKernel,
};
