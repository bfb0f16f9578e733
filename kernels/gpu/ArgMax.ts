/** ArgMax / ArgMin (input, dimension): exact integer indices, the first on ties. */
import type { GpuKernel } from './types';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { formatShape, NDArray } from '../../lib/framework/ndarray';
import { as_dtype } from '../../lib/framework/dtypes';
import { argReductionAxis } from '../../lib/framework/shape_rules';
import { kernelSource } from './codegen';

function argReduce(findMax: boolean): GpuKernel {
  return ([x, dimT], ctx) => {
    const dim = ctx.hostValue(dimT);
    const a = argReductionAxis(dim, x.shape, ctx.op.name, (msg) => new InvalidArgumentError(msg, ctx.op.name));
    const outType = as_dtype(ctx.attrs.output_type ?? 'int64');
    const outShape = x.shape.filter((_, i) => i !== a);
    if (outShape.some((d) => d === 0)) return ctx.fromHost(NDArray.zeros(outShape, outType));
    const r = x.shape[a];
    const inner = x.shape.slice(a + 1).reduce((p, d) => p * d, 1);
    const better = findMax ? '>' : '<';
    // The index is counted in a float: exact, since r < 2^24.
    const src = kernelSource(['x'], `
  const t = this.thread.x;
  const o = Math.floor((t + 0.5) / ${inner});
  const j = t - o * ${inner};
  const base = o * ${r * inner} + j;
  let best = x[base];
  let at = 0;
  for (let k = 1; k < ${r}; k++) {
    const v = x[base + k * ${inner}];
    if (best == best && (v ${better} best || v != v)) { best = v; at = k; }
  }
  return at;`);
    return ctx.launch(src, [x], outShape, outType);
  };
}

export const ArgMax = argReduce(true);
export const ArgMin = argReduce(false);
