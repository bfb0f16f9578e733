/**
 * Elementwise kernels over broadcast operands: the building block of the math,
 * comparison and activation kernels. Not itself a kernel module (no op types here).
 */
import type { DType } from '../../lib/framework/dtypes';
import { broadcastShapes } from '../../lib/framework/shape_utils';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { formatShape } from '../../lib/framework/ndarray';
import type { DeviceTensor, GpuKernelContext } from './types';
import { coords, broadcastOffset, kernelSource } from './codegen';

/**
 * Launches `expr` (gpu.js JavaScript in the names `vars`, one per operand) over the
 * NumPy broadcast of the operands. Operands with the output's shape are read at the
 * thread's own index, scalars at 0, the rest through broadcast coordinates.
 */
export function elementwise(ctx: GpuKernelContext, operands: DeviceTensor[], vars: string[], expr: string, dtype: DType,
  outShape?: number[]): DeviceTensor {
  const shape = outShape ?? operands.reduce((s, t) => broadcastShapes(s, t.shape, ctx.op.name), [] as number[]);
  const n = shape.reduce((p, d) => p * d, 1);
  const needCoords = operands.some((t) => t.size !== n && t.size !== 1);
  const lines = ['const i = this.thread.x;'];
  if (needCoords) lines.push(coords('i', shape, 'c'));
  // A scalar on the host (a fed learning rate, a count from a dynamic shape) goes in as a uniform.
  const args = operands.map((t) => ctx.hostScalar(t) ?? t);
  operands.forEach((t, k) => {
    if (typeof args[k] === 'number') { lines.push(`const ${vars[k]} = in${k};`); return; }
    const at = t.size === n ? 'i' : t.size === 1 ? '0' : broadcastOffset(t.shape, shape, 'c');
    lines.push(`const ${vars[k]} = in${k}[${at}];`);
  });
  lines.push(`return ${expr};`);
  const src = kernelSource(operands.map((_, k) => `in${k}`), lines.join('\n  '));
  return ctx.launch(src, args, shape, dtype);
}

/** Same-shape check of fused gradient ops (ReluGrad and friends), with the CPU kernels' wording. */
export function requireSameShape(a: DeviceTensor, b: DeviceTensor, ctx: GpuKernelContext): void {
  if (a.rank !== b.rank || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new InvalidArgumentError(`'${ctx.op.name}' needs inputs of the same shape, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`, ctx.op.name);
  }
}

/** Truncation toward zero, as a cast to an integer dtype does. */
export const TRUNC = (x: string) => `(${x} < 0 ? Math.ceil(${x}) : Math.floor(${x}))`;
