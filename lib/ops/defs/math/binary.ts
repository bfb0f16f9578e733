import type { OpSpec } from '../../register_op';
import type { DType } from '../../../framework/dtypes';
import type { GradientFunction } from '../../../registry/gradient_registry';
import type { KernelContext } from '../../../registry/kernel_registry';
import { broadcastStatic } from '../../../framework/shape_utils';
import { InvalidArgumentError } from '../../../framework/errors';
import { binaryKernel } from '../../../../kernels/cpu/elementwise';
import { biasAddWasm, elementwiseInWasm } from '../../../../kernels/cpu/wasm_elementwise';
import { NDArray } from '../../../framework/ndarray';
import { requireDType, requireSameDType, NUMERIC, FLOATS } from './checks';
import { reduceBroadcastGradients } from '../../gradient_utils';
import * as m from '../../math_ops';

/*
 * Elementwise binary ops with NumPy broadcasting. Each op is its TF1 type name,
 * the JS expression its kernel computes from x and y, the dtypes it accepts and
 * its gradient. Gradients are computed at the broadcast shape, then summed back
 * to each operand's shape (reduceBroadcastGradients).
 */

interface BinaryOpOptions {
  name: string;
  /** Kernel expression in x and y; may depend on the dtype. */
  expr: string | ((dtype: DType) => string);
  dtypes: readonly DType[];
  gradient: GradientFunction | null;
  /** Checks on the operand values that the expression cannot express (division by zero). */
  validate?: (y: ArrayLike<number>, dtype: DType, opName: string) => void;
  /** A faster kernel for some operands; null where it does not apply. */
  fast?: (x: NDArray, y: NDArray, ctx: KernelContext) => NDArray | null;
}

function binaryOp(o: BinaryOpOptions): OpSpec {
  return {
    name: o.name,
    inputs: 2,
    outputs: ([x, y], _attrs, opName) => {
      requireDType(o.name, opName, x, o.dtypes);
      requireSameDType(o.name, opName, x, y);
      return { dtype: x.dtype, shape: broadcastStatic(x.shape, y.shape, opName, o.name) };
    },
    cpu: ([x, y], ctx) => {
      const fast = o.fast?.(x, y, ctx);
      if (fast) return fast;
      o.validate?.(y.data, x.dtype, ctx.op.name);
      const expr = typeof o.expr === 'string' ? o.expr : o.expr(x.dtype);
      return binaryKernel(ctx, x, y, x.dtype, ctx.op.name, expr);
    },
    gradient: o.gradient,
  };
}

function rejectIntegerZero(y: ArrayLike<number>, dtype: DType, opName: string): void {
  if (dtype === 'float32') return;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 0) throw new InvalidArgumentError(`Integer division by zero in '${opName}'`, opName);
  }
}

/** x + b with b a vector along x's last dimension (a layer's bias), on large float32 x. */
function biasAdd(x: NDArray, b: NDArray, ctx: KernelContext): NDArray | null {
  if (x.dtype !== 'float32' || b.rank !== 1 || x.rank < 2 || x.shape[x.rank - 1] !== b.size || b.size === 0 ||
    !elementwiseInWasm(x.size)) return null;
  const out = ctx.allocate('float32', x.size, false) as Float32Array;
  return biasAddWasm(x.data as Float32Array, b.data as Float32Array, out) ? new NDArray(out, x.shape, 'float32') : null;
}

export const Add = binaryOp({
  name: 'Add', expr: 'x + y', dtypes: NUMERIC, fast: biasAdd,
  gradient: (op, [dy]) => reduceBroadcastGradients(op, dy, dy),
});

export const Sub = binaryOp({
  name: 'Sub', expr: 'x - y', dtypes: NUMERIC,
  gradient: (op, [dy]) => reduceBroadcastGradients(op, dy, m.negative(dy!)),
});

// int32 products beyond 2^53 would lose bits before wrapping; Math.imul wraps exactly, as C++ does.
export const Mul = binaryOp({
  name: 'Mul', expr: (dtype) => (dtype === 'int32' ? 'Math.imul(x, y)' : 'x * y'), dtypes: NUMERIC,
  gradient: (op, [dy]) => {
    const [x, y] = op.inputs;
    return reduceBroadcastGradients(op, m.multiply(dy!, y), m.multiply(x, dy!));
  },
});

export const RealDiv = binaryOp({
  name: 'RealDiv', expr: 'x / y', dtypes: FLOATS,
  // d(x/y)/dx = 1/y; d(x/y)/dy = -x/y².
  gradient: (op, [dy]) => {
    const [x, y] = op.inputs;
    return reduceBroadcastGradients(op, m.divide(dy!, y), m.multiply(dy!, m.divide(m.divide(m.negative(x), y), y)));
  },
});

export const FloorDiv = binaryOp({
  name: 'FloorDiv', expr: 'Math.floor(x / y)', dtypes: NUMERIC, validate: rejectIntegerZero,
  // Piecewise constant: TF1 gives no gradient.
  gradient: null,
});

export const FloorMod = binaryOp({
  name: 'FloorMod', expr: 'h.floorMod(x, y)', dtypes: NUMERIC, validate: rejectIntegerZero,
  // x - floor(x/y)*y: dx = 1, dy = -floor(x/y).
  gradient: (op, [dy]) => {
    const [x, y] = op.inputs;
    return reduceBroadcastGradients(op, dy, m.multiply(m.negative(dy!), m.floordiv(x, y)));
  },
});

export const Pow = binaryOp({
  name: 'Pow', expr: 'Math.pow(x, y)', dtypes: NUMERIC,
  validate: (y, dtype, opName) => {
    if (dtype === 'float32') return;
    for (let i = 0; i < y.length; i++) {
      if (y[i] < 0) throw new InvalidArgumentError(`Integers to negative integer powers are not allowed ('${opName}')`, opName);
    }
  },
  // dx = y·x^(y-1); dy = x^y·log(x), taken as 0 where x <= 0 (as TF1, where log is undefined).
  gradient: (op, [dy]) => {
    const [x, y] = op.inputs;
    const z = op.outputs[0];
    const gx = m.multiply(dy!, m.multiply(y, m.pow(x, m.subtract(y, 1))));
    const positive = m.cast(m.greater(x, 0), x.dtype);
    const safeX = m.add(m.multiply(x, positive), m.subtract(1, positive));
    const gy = m.multiply(dy!, m.multiply(z, m.log(safeX)));
    return reduceBroadcastGradients(op, gx, gy);
  },
});

/** Maximum/Minimum: the gradient goes to the selected operand, to x on ties (TF1's GreaterEqual mask). */
function selectGradient(pickX: (x: any, y: any) => any): GradientFunction {
  return (op, [dy]) => {
    const [x, y] = op.inputs;
    const xMask = m.cast(pickX(x, y), dy!.dtype);
    return reduceBroadcastGradients(op, m.multiply(dy!, xMask), m.multiply(dy!, m.subtract(1, xMask)));
  };
}

// Math.max/min propagate NaN, as NumPy does.
export const Maximum = binaryOp({
  name: 'Maximum', expr: 'Math.max(x, y)', dtypes: NUMERIC,
  gradient: selectGradient((x, y) => m.greater_equal(x, y)),
});

export const Minimum = binaryOp({
  name: 'Minimum', expr: 'Math.min(x, y)', dtypes: NUMERIC,
  gradient: selectGradient((x, y) => m.less_equal(x, y)),
});

export const SquaredDifference = binaryOp({
  name: 'SquaredDifference', expr: '(x - y) * (x - y)', dtypes: NUMERIC,
  gradient: (op, [dy]) => {
    const [x, y] = op.inputs;
    const gx = m.multiply(m.multiply(dy!, 2), m.subtract(x, y));
    return reduceBroadcastGradients(op, gx, m.negative(gx));
  },
});

export const BINARY_OPS: OpSpec[] = [Add, Sub, Mul, RealDiv, FloorDiv, FloorMod, Pow, Maximum, Minimum, SquaredDifference];
