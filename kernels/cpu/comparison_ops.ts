import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { binaryKernel, unaryKernel } from './elementwise';

/* CPU kernels of the comparisons and logical ops: bool outputs (1/0), NumPy broadcasting. */

function comparisonKernel(expr: string): CpuKernel {
  return ([x, y], ctx) => binaryKernel(ctx, x, y, 'bool', ctx.op.name, expr);
}

export const equalKernel = comparisonKernel('x === y ? 1 : 0');
export const notEqualKernel = comparisonKernel('x !== y ? 1 : 0');
export const lessKernel = comparisonKernel('x < y ? 1 : 0');
export const lessEqualKernel = comparisonKernel('x <= y ? 1 : 0');
export const greaterKernel = comparisonKernel('x > y ? 1 : 0');
export const greaterEqualKernel = comparisonKernel('x >= y ? 1 : 0');
export const logicalAndKernel = comparisonKernel('x !== 0 && y !== 0 ? 1 : 0');
export const logicalOrKernel = comparisonKernel('x !== 0 || y !== 0 ? 1 : 0');
export const logicalNotKernel: CpuKernel = ([x], ctx) => unaryKernel(ctx, x, 'bool', 'x === 0 ? 1 : 0');
