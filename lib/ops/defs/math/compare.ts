import type { OpSpec } from '../../register_op';
import type { DType } from '../../../framework/dtypes';
import { broadcastStatic } from '../../../framework/shape_utils';
import { binaryKernel, unaryKernel } from '../../../../kernels/cpu/elementwise';
import { requireDType, requireSameDType, NUMERIC } from './checks';

/* Comparisons and logic: bool outputs, NumPy broadcasting, no gradients (as TF1). */

function boolBinary(name: string, expr: string, dtypes: readonly DType[]): OpSpec {
  return {
    name,
    inputs: 2,
    outputs: ([x, y], _attrs, opName) => {
      requireDType(name, opName, x, dtypes);
      requireSameDType(name, opName, x, y);
      return { dtype: 'bool', shape: broadcastStatic(x.shape, y.shape, opName, name) };
    },
    cpu: ([x, y], ctx) => binaryKernel(ctx, x, y, 'bool', ctx.op.name, expr),
    gradient: null,
  };
}

const ANY: readonly DType[] = [...NUMERIC, 'bool'];
const BOOL: readonly DType[] = ['bool'];

export const Equal = boolBinary('Equal', 'x === y ? 1 : 0', ANY);
export const NotEqual = boolBinary('NotEqual', 'x !== y ? 1 : 0', ANY);
export const Less = boolBinary('Less', 'x < y ? 1 : 0', NUMERIC);
export const LessEqual = boolBinary('LessEqual', 'x <= y ? 1 : 0', NUMERIC);
export const Greater = boolBinary('Greater', 'x > y ? 1 : 0', NUMERIC);
export const GreaterEqual = boolBinary('GreaterEqual', 'x >= y ? 1 : 0', NUMERIC);
export const LogicalAnd = boolBinary('LogicalAnd', 'x !== 0 && y !== 0 ? 1 : 0', BOOL);
export const LogicalOr = boolBinary('LogicalOr', 'x !== 0 || y !== 0 ? 1 : 0', BOOL);

export const LogicalNot: OpSpec = {
  name: 'LogicalNot',
  inputs: 1,
  outputs: ([x], _attrs, opName) => {
    requireDType('LogicalNot', opName, x, BOOL);
    return x;
  },
  cpu: ([x], ctx) => unaryKernel(ctx, x, 'bool', 'x === 0 ? 1 : 0'),
  gradient: null,
};

export const COMPARISON_OPS: OpSpec[] = [Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, LogicalAnd, LogicalOr, LogicalNot];
