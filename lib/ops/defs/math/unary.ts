import type { OpSpec } from '../../register_op';
import type { DType } from '../../../framework/dtypes';
import type { GradientFunction } from '../../../registry/gradient_registry';
import { NUMERIC, SIGNED, FLOATS, typeAttr } from '../type_attrs';
import * as m from '../../math_ops';
import { zeros_like } from '../../shape_ops';

/* Elementwise unary ops, as TF's `x: T -> y: T` (kernels: kernels/cpu/unary_ops.ts). */

function unaryOp(name: string, allowed: readonly DType[], gradient: GradientFunction | null): OpSpec {
  return {
    name,
    inputs: [{ name: 'x', type_attr: 'T' }],
    outputs: [{ name: 'y', type_attr: 'T' }],
    attrs: { T: typeAttr(allowed) },
    shape: ([x]) => ({ shape: x.shape }),
    gradient,
  };
}

export const Neg = unaryOp('Neg', SIGNED, (_op, [dy]) => [m.negative(dy!)]);

export const Exp = unaryOp('Exp', FLOATS, (op, [dy]) => [m.multiply(dy!, op.outputs[0])]);

export const Log = unaryOp('Log', FLOATS, (op, [dy]) => [m.divide(dy!, op.inputs[0])]);

// d sqrt(x) = 0.5 / sqrt(x), from the output so nothing is recomputed.
export const Sqrt = unaryOp('Sqrt', FLOATS, (op, [dy]) => [m.divide(m.multiply(dy!, 0.5), op.outputs[0])]);

// d x^(-1/2) = -0.5 x^(-3/2) = -0.5 y³.
export const Rsqrt = unaryOp('Rsqrt', FLOATS, (op, [dy]) => {
  const y = op.outputs[0];
  return [m.multiply(m.multiply(dy!, -0.5), m.multiply(m.square(y), y))];
});

export const Square = unaryOp('Square', NUMERIC, (op, [dy]) => [m.multiply(dy!, m.multiply(op.inputs[0], 2))]);

export const Abs = unaryOp('Abs', SIGNED, (op, [dy]) => [m.multiply(dy!, m.sign(op.inputs[0]))]);

export const Sign = unaryOp('Sign', SIGNED, (op) => [zeros_like(op.inputs[0])]);

// d (1/x) = -1/x² = -y². TF allows integer T too; our kernel divides in floating point.
export const Reciprocal = unaryOp('Reciprocal', FLOATS, (op, [dy]) => [m.multiply(m.negative(dy!), m.square(op.outputs[0]))]);

// Piecewise constant: TF1 declares no gradient for these.
export const Floor = unaryOp('Floor', FLOATS, null);
export const Ceil = unaryOp('Ceil', FLOATS, null);
export const Round = unaryOp('Round', SIGNED, null);

export const UNARY_OPS: OpSpec[] = [Neg, Exp, Log, Sqrt, Rsqrt, Square, Abs, Sign, Reciprocal, Floor, Ceil, Round];
