import type { OpSpec, ArgSpec, AttrSpec } from '../../register_op';
import type { DType } from '../../../framework/dtypes';
import { broadcastStatic } from '../../../framework/shape_utils';
import { ValueError } from '../../../framework/errors';
import { NUMERIC, ALL, typeAttr } from '../type_attrs';

/*
 * Comparisons and logic: bool outputs, NumPy broadcasting, no gradients (as TF1).
 * Kernels: kernels/cpu/comparison_ops.ts.
 */

function boolBinary(name: string, inputs: ArgSpec[], attrs: Record<string, AttrSpec>): OpSpec {
  return {
    name,
    inputs,
    outputs: [{ name: 'z', type: 'bool' }],
    attrs,
    shape: ([x, y], a, opName) => {
      // With false, TF gives a scalar false for shapes that do not broadcast instead of an error.
      if (a.incompatible_shape_error === false) {
        throw new ValueError(`Attr 'incompatible_shape_error' of '${opName}' (op: '${name}'): only true is supported`);
      }
      return { shape: broadcastStatic(x.shape, y.shape, opName, name) };
    },
    gradient: null,
  };
}

const X_Y_OF_T: ArgSpec[] = [{ name: 'x', type_attr: 'T' }, { name: 'y', type_attr: 'T' }];

/** `x: T, y: T -> z: bool` over `allowed`. */
function comparison(name: string, allowed: readonly DType[]): OpSpec {
  return boolBinary(name, X_Y_OF_T, { T: typeAttr(allowed) });
}

/** Equal and NotEqual also take incompatible_shape_error (TF 1.14 on). */
function equality(name: string): OpSpec {
  return boolBinary(name, X_Y_OF_T, { T: typeAttr(ALL), incompatible_shape_error: { type: 'bool', default: true } });
}

/** `x: bool, y: bool -> z: bool`. */
function logical(name: string): OpSpec {
  return boolBinary(name, [{ name: 'x', type: 'bool' }, { name: 'y', type: 'bool' }], {});
}

export const Equal = equality('Equal');
export const NotEqual = equality('NotEqual');
export const Less = comparison('Less', NUMERIC);
export const LessEqual = comparison('LessEqual', NUMERIC);
export const Greater = comparison('Greater', NUMERIC);
export const GreaterEqual = comparison('GreaterEqual', NUMERIC);
export const LogicalAnd = logical('LogicalAnd');
export const LogicalOr = logical('LogicalOr');

export const LogicalNot: OpSpec = {
  name: 'LogicalNot',
  inputs: [{ name: 'x', type: 'bool' }],
  outputs: [{ name: 'y', type: 'bool' }],
  shape: ([x]) => ({ shape: x.shape }),
  gradient: null,
};

export const COMPARISON_OPS: OpSpec[] = [Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, LogicalAnd, LogicalOr, LogicalNot];
