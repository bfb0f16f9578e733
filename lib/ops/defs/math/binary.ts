import type { OpSpec } from '../../register_op';
import type { DType } from '../../../framework/dtypes';
import type { GradientFunction } from '../../../registry/gradient_registry';
import { broadcastStatic } from '../../../framework/shape_utils';
import { NUMERIC, SIGNED, FLOATS, typeAttr } from '../type_attrs';
import { reduceBroadcastGradients } from '../../gradient_utils';
import * as m from '../../math_ops';

/*
 * Elementwise binary ops with NumPy broadcasting, as TF's `x: T, y: T -> z: T`
 * (kernels: kernels/cpu/binary_ops.ts). Gradients are computed at the broadcast
 * shape, then summed back to each operand's shape (reduceBroadcastGradients).
 */

function binaryOp(name: string, allowed: readonly DType[], gradient: GradientFunction | null): OpSpec {
  return {
    name,
    inputs: [{ name: 'x', type_attr: 'T' }, { name: 'y', type_attr: 'T' }],
    outputs: [{ name: 'z', type_attr: 'T' }],
    attrs: { T: typeAttr(allowed) },
    shape: ([x, y], _attrs, opName) => ({ shape: broadcastStatic(x.shape, y.shape, opName, name) }),
    gradient,
  };
}

export const Add = binaryOp('Add', NUMERIC, (op, [dy]) => reduceBroadcastGradients(op, dy, dy));

export const Sub = binaryOp('Sub', NUMERIC, (op, [dy]) => reduceBroadcastGradients(op, dy, m.negative(dy!)));

export const Mul = binaryOp('Mul', NUMERIC, (op, [dy]) => {
  const [x, y] = op.inputs;
  return reduceBroadcastGradients(op, m.multiply(dy!, y), m.multiply(x, dy!));
});

// TF allows integer T too; our kernel divides in floating point, so float32 only.
export const RealDiv = binaryOp('RealDiv', FLOATS, (op, [dy]) => {
  // d(x/y)/dx = 1/y; d(x/y)/dy = -x/y².
  const [x, y] = op.inputs;
  return reduceBroadcastGradients(op, m.divide(dy!, y), m.multiply(dy!, m.divide(m.divide(m.negative(x), y), y)));
});

// Piecewise constant: TF1 gives no gradient.
export const FloorDiv = binaryOp('FloorDiv', NUMERIC, null);

// x - floor(x/y)*y: dx = 1, dy = -floor(x/y).
export const FloorMod = binaryOp('FloorMod', NUMERIC, (op, [dy]) => {
  const [x, y] = op.inputs;
  return reduceBroadcastGradients(op, dy, m.multiply(m.negative(dy!), m.floordiv(x, y)));
});

// dx = y·x^(y-1); dy = x^y·log(x), taken as 0 where x <= 0 (as TF1, where log is undefined).
export const Pow = binaryOp('Pow', SIGNED, (op, [dy]) => {
  const [x, y] = op.inputs;
  const z = op.outputs[0];
  const gx = m.multiply(dy!, m.multiply(y, m.pow(x, m.subtract(y, 1))));
  const positive = m.cast(m.greater(x, 0), x.dtype);
  const safeX = m.add(m.multiply(x, positive), m.subtract(1, positive));
  const gy = m.multiply(dy!, m.multiply(z, m.log(safeX)));
  return reduceBroadcastGradients(op, gx, gy);
});

/** Maximum/Minimum: the gradient goes to the selected operand, to x on ties (TF1's GreaterEqual mask). */
function selectGradient(pickX: (x: any, y: any) => any): GradientFunction {
  return (op, [dy]) => {
    const [x, y] = op.inputs;
    const xMask = m.cast(pickX(x, y), dy!.dtype);
    return reduceBroadcastGradients(op, m.multiply(dy!, xMask), m.multiply(dy!, m.subtract(1, xMask)));
  };
}

export const Maximum = binaryOp('Maximum', NUMERIC, selectGradient((x, y) => m.greater_equal(x, y)));

export const Minimum = binaryOp('Minimum', NUMERIC, selectGradient((x, y) => m.less_equal(x, y)));

export const SquaredDifference = binaryOp('SquaredDifference', SIGNED, (op, [dy]) => {
  const [x, y] = op.inputs;
  const gx = m.multiply(m.multiply(dy!, 2), m.subtract(x, y));
  return reduceBroadcastGradients(op, gx, m.negative(gx));
});

export const BINARY_OPS: OpSpec[] = [Add, Sub, Mul, RealDiv, FloorDiv, FloorMod, Pow, Maximum, Minimum, SquaredDifference];
