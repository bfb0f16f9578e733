/** TF1 reductions: Sum, Mean, Prod, Max, Min, Any, All (input, reduction_indices; attr keep_dims). */
import type { GpuKernel, DeviceTensor, GpuKernelContext } from './types';
import { NDArray } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { formatShape } from '../../lib/framework/ndarray';
import type { DType } from '../../lib/framework/dtypes';
import { reduce, ReduceKind } from './reduce';

/** Reduction axes from the host value of reduction_indices: negatives wrapped, range-checked, distinct. */
export function reductionAxes(ctx: GpuKernelContext, axesT: DeviceTensor, rank: number): number[] {
  const axes = ctx.hostValue(axesT);
  if (axes.rank > 1) {
    throw new InvalidArgumentError(`reduction_indices of '${ctx.op.name}' must be a scalar or a vector, got shape ${formatShape(axes.shape)}`, ctx.op.name);
  }
  const out = new Set<number>();
  for (const a of axes.data) {
    if (a < -rank || a >= rank) {
      throw new InvalidArgumentError(`Invalid reduction dimension (${a} for input with ${rank} dimension(s)) in '${ctx.op.name}'`, ctx.op.name);
    }
    out.add(a < 0 ? a + rank : a);
  }
  return [...out].sort((a, b) => a - b);
}

/** What an empty group reduces to, as the CPU kernels give it. */
function identity(kind: ReduceKind, mean: boolean, dtype: DType): number {
  if (mean) return NaN;
  switch (kind) {
    case 'sum': return 0;
    case 'prod': return 1;
    case 'max': return dtype === 'float32' ? -Infinity : dtype === 'int32' ? -2147483648 : dtype === 'int64' ? -9223372036854775808 : 0;
    case 'min': return dtype === 'float32' ? Infinity : dtype === 'int32' ? 2147483647 : dtype === 'int64' ? 9223372036854775807 : dtype === 'bool' ? 1 : 255;
  }
}

function reduction(kind: ReduceKind, mean = false): GpuKernel {
  return ([x, axesT], ctx) => {
    const axes = reductionAxes(ctx, axesT, x.rank);
    const keep = !!ctx.attrs.keep_dims;
    const outShape = keep ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
    const outSize = outShape.reduce((p, d) => p * d, 1);
    if (outSize === 0) return ctx.fromHost(NDArray.zeros(outShape, x.dtype));
    if (x.size === 0) {
      // Every group is empty: the identity everywhere, computed on the host (the output is small or rare).
      const out = NDArray.zeros(outShape, x.dtype);
      out.data.fill(identity(kind, mean, x.dtype));
      return ctx.fromHost(out);
    }
    if (!axes.length || axes.every((a) => x.shape[a] === 1)) {
      // Nothing to combine: the values themselves (Mean of one element is itself too).
      return ctx.alias(x, outShape);
    }
    // Integer means truncate toward zero, as the integer division TF performs.
    const r = reduce(ctx, x, axes, outShape, { kind, mean: mean && x.dtype === 'float32' });
    if (mean && x.dtype !== 'float32') {
      const count = axes.reduce((p, a) => p * x.shape[a], 1);
      // floor((|s| + 0.5) / n) is exact for integers even where float division is not correctly rounded.
      return ctx.launch(`function(s) { const v = s[this.thread.x]; const q = Math.floor((Math.abs(v) + 0.5) / ${count}); return v < 0 ? -q : q; }`,
        [r], outShape, x.dtype);
    }
    return r;
  };
}

export const Sum = reduction('sum');
export const Mean = reduction('sum', true);
export const Prod = reduction('prod');
export const Max = reduction('max');
export const Min = reduction('min');
export const Any = reduction('max');
export const All = reduction('min');
