/**
 * Softmax, LogSoftmax and their gradient ops over the last dimension. Rows are
 * shifted by their maximum before exponentiating, so logits of any size stay finite.
 */
import type { GpuKernel, DeviceTensor, GpuKernelContext } from './types';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { formatShape } from '../../lib/framework/ndarray';
import { reduce } from './reduce';
import { elementwise, requireSameShape } from './elementwise';
import { kernelSource } from './codegen';

export function rowsOf(x: DeviceTensor, ctx: GpuKernelContext): { rows: number; cols: number } {
  if (x.rank < 1) throw new InvalidArgumentError(`logits must have >= 1 dimension, got shape ${formatShape(x.shape)} in '${ctx.op.name}'`, ctx.op.name);
  const cols = x.shape[x.rank - 1];
  return { rows: cols === 0 ? 0 : x.size / cols, cols };
}

/** Per row: the max, and log(sum(exp(x - max))). */
export function rowLogSumExp(ctx: GpuKernelContext, x: DeviceTensor, rows: number): { max: DeviceTensor; logSum: DeviceTensor } {
  const last = [x.rank - 1];
  const max = reduce(ctx, x, last, [rows], { kind: 'max' });
  const sum = reduce(ctx, x, last, [rows], { kind: 'sum', map: 'Math.exp(v - e1[k])', extra: [max] });
  const logSum = ctx.launch(kernelSource(['s'], 'return Math.log(s[this.thread.x]);'), [sum], [rows], 'float32');
  return { max, logSum };
}

/** Launches `expr` per element, with the element as x and its row's values as r1, r2... */
export function perRow(ctx: GpuKernelContext, x: DeviceTensor, cols: number, rowValues: DeviceTensor[], expr: string,
  more: DeviceTensor[] = []): DeviceTensor {
  const names = ['xs', ...more.map((_, j) => `m${j}`), ...rowValues.map((_, j) => `rv${j}`)];
  const reads = [
    'const x = xs[i];',
    ...more.map((_, j) => `const y${j} = m${j}[i];`),
    ...rowValues.map((_, j) => `const r${j + 1} = rv${j}[row];`),
  ];
  const src = kernelSource(names, `const i = this.thread.x;
  const row = Math.floor((i + 0.5) / ${cols});
  ${reads.join('\n  ')}
  return ${expr};`);
  return ctx.launch(src, [x, ...more, ...rowValues], x.shape, 'float32');
}

export const Softmax: GpuKernel = ([x], ctx) => {
  const { rows, cols } = rowsOf(x, ctx);
  if (x.size === 0) return x;
  const { max, logSum } = rowLogSumExp(ctx, x, rows);
  return perRow(ctx, x, cols, [max, logSum], 'Math.exp(x - r1 - r2)');
};

export const LogSoftmax: GpuKernel = ([x], ctx) => {
  const { rows, cols } = rowsOf(x, ctx);
  if (x.size === 0) return x;
  const { max, logSum } = rowLogSumExp(ctx, x, rows);
  return perRow(ctx, x, cols, [max, logSum], 'x - r1 - r2');
};

/** SoftmaxGrad(y, dy) = (dy - sum(dy * y)) * y per row. */
export const SoftmaxGrad: GpuKernel = ([y, dy], ctx) => {
  requireSameShape(y, dy, ctx);
  const { rows, cols } = rowsOf(y, ctx);
  if (y.size === 0) return y;
  const prod = elementwise(ctx, [y, dy], ['a', 'b'], 'a * b', 'float32');
  const dot = reduce(ctx, prod, [y.rank - 1], [rows], { kind: 'sum' });
  return perRow(ctx, y, cols, [dot], '(y0 - r1) * x', [dy]);
};

/** LogSoftmaxGrad(y, dy) = dy - exp(y) * sum(dy) per row. */
export const LogSoftmaxGrad: GpuKernel = ([y, dy], ctx) => {
  requireSameShape(y, dy, ctx);
  const { rows, cols } = rowsOf(y, ctx);
  if (y.size === 0) return y;
  const sum = reduce(ctx, dy, [dy.rank - 1], [rows], { kind: 'sum' });
  return perRow(ctx, y, cols, [sum], 'y0 - Math.exp(x) * r1', [dy]);
};
