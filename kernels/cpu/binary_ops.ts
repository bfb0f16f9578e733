import type { DType, TypedArray } from '../../lib/framework/dtypes';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { NDArray } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { binaryKernel } from './elementwise';
import { biasAddWasm, elementwiseInWasm } from './wasm_elementwise';

/*
 * CPU kernels of the elementwise binary ops (Add ... SquaredDifference), NumPy
 * broadcasting: each is the JS expression it computes from x and y, compiled once
 * per expression (./elementwise.ts), plus the checks and fast paths of some.
 */

interface BinaryKernelOptions {
  /** Kernel expression in x and y; may depend on the dtype. */
  expr: string | ((dtype: DType) => string);
  /** Checks on the operand values that the expression cannot express (division by zero). */
  validate?: (y: ArrayLike<number>, dtype: DType, opName: string) => void;
  /** A faster loop for some operands (whose result has x's shape); see FastBinary. */
  fast?: FastBinary;
}

/** Which operands a faster loop takes, and its run, which writes out (x's size) or declines (false). */
interface FastBinary {
  applies(x: NDArray, y: NDArray): boolean;
  run(x: NDArray, y: NDArray, out: TypedArray): boolean;
}

function binaryOpKernel(o: BinaryKernelOptions): CpuKernel {
  return ([x, y], ctx) => {
    o.validate?.(y.data, x.dtype, ctx.op.name);
    let out: TypedArray | undefined;
    if (o.fast?.applies(x, y)) {
      // The JS loop fills this same output when the fast path declines: a second pooled
      // buffer would leave the first to a GC finalizer.
      out = ctx.allocate(x.dtype, x.size, false);
      if (o.fast.run(x, y, out)) return new NDArray(out, x.shape, x.dtype);
    }
    const expr = typeof o.expr === 'string' ? o.expr : o.expr(x.dtype);
    return binaryKernel(ctx, x, y, x.dtype, ctx.op.name, expr, out);
  };
}

function rejectIntegerZero(y: ArrayLike<number>, dtype: DType, opName: string): void {
  if (dtype === 'float32') return;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 0) throw new InvalidArgumentError(`Integer division by zero in '${opName}'`, opName);
  }
}

/** x + b with b a vector along x's last dimension (a layer's bias), on large float32 x. */
const biasAdd: FastBinary = {
  applies: (x, b) => x.dtype === 'float32' && b.rank === 1 && x.rank >= 2 && x.shape[x.rank - 1] === b.size &&
    b.size !== 0 && elementwiseInWasm(x.size),
  run: (x, b, out) => biasAddWasm(x.data as Float32Array, b.data as Float32Array, out as Float32Array),
};

export const addKernel = binaryOpKernel({ expr: 'x + y', fast: biasAdd });
export const subKernel = binaryOpKernel({ expr: 'x - y' });
// int32 products beyond 2^53 would lose bits before wrapping; Math.imul wraps exactly, as C++ does.
export const mulKernel = binaryOpKernel({ expr: (dtype) => (dtype === 'int32' ? 'Math.imul(x, y)' : 'x * y') });
export const realDivKernel = binaryOpKernel({ expr: 'x / y' });
export const floorDivKernel = binaryOpKernel({ expr: 'Math.floor(x / y)', validate: rejectIntegerZero });
export const floorModKernel = binaryOpKernel({ expr: 'h.floorMod(x, y)', validate: rejectIntegerZero });
export const powKernel = binaryOpKernel({
  expr: 'Math.pow(x, y)',
  validate: (y, dtype, opName) => {
    if (dtype === 'float32') return;
    for (let i = 0; i < y.length; i++) {
      if (y[i] < 0) throw new InvalidArgumentError(`Integers to negative integer powers are not allowed ('${opName}')`, opName);
    }
  },
});
// Math.max/min propagate NaN, as NumPy does.
export const maximumKernel = binaryOpKernel({ expr: 'Math.max(x, y)' });
export const minimumKernel = binaryOpKernel({ expr: 'Math.min(x, y)' });
export const squaredDifferenceKernel = binaryOpKernel({ expr: '(x - y) * (x - y)' });
