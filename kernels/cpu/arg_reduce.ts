import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { DType, as_dtype } from '../../lib/framework/dtypes';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { argReductionAxis } from '../../lib/framework/shape_rules';
import type { CpuKernel, KernelContext } from '../../lib/registry/kernel_registry';

/**
 * ArgMax/ArgMin along one axis, over an [outer, r, inner] view. Ties give the first
 * index; a NaN counts as the extreme (its first occurrence wins), as NumPy's argmax.
 */
export function argReduceKernel(ctx: KernelContext, x: NDArray, axis: number, findMax: boolean, outDType: DType): NDArray {
  const shape = x.shape;
  let outer = 1, inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  const r = shape[axis];
  const outShape = shape.filter((_, i) => i !== axis);
  const out = ctx.allocate(outDType, outer * inner, true);
  const d = x.data;
  const sign = findMax ? 1 : -1;
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const base = o * r;
      let best = 0, bestV = d[base] * sign;
      if (bestV === bestV) {
        for (let k = 1; k < r; k++) {
          const v = d[base + k] * sign;
          if (v > bestV) { bestV = v; best = k; } else if (v !== v) { best = k; break; }
        }
      }
      out[o] = best;
    }
  } else {
    // Row at a time: keep the best value of every inner position, then compare the next row.
    const bestV = new Float64Array(inner);
    const nanSeen = new Uint8Array(inner);
    for (let o = 0; o < outer; o++) {
      const o0 = o * inner, s0 = o * r * inner;
      nanSeen.fill(0);
      for (let j = 0; j < inner; j++) {
        const v = d[s0 + j] * sign;
        bestV[j] = v; out[o0 + j] = 0;
        if (v !== v) nanSeen[j] = 1;
      }
      for (let k = 1; k < r; k++) {
        const row = s0 + k * inner;
        for (let j = 0; j < inner; j++) {
          if (nanSeen[j]) continue;
          const v = d[row + j] * sign;
          if (v > bestV[j]) { bestV[j] = v; out[o0 + j] = k; } else if (v !== v) { nanSeen[j] = 1; out[o0 + j] = k; }
        }
      }
    }
  }
  return new NDArray(out, outShape, outDType);
}

/** ArgMax/ArgMin's kernel: inputs (input, dimension: an int scalar), attr output_type. */
function argOpKernel(findMax: boolean): CpuKernel {
  return ([x, dim], ctx) => {
    const a = argReductionAxis(dim, x.shape, ctx.op.name, (msg) => new InvalidArgumentError(msg, ctx.op.name));
    return argReduceKernel(ctx, x, a, findMax, as_dtype(ctx.attrs.output_type ?? 'int64'));
  };
}

export const argMaxKernel = argOpKernel(true);
export const argMinKernel = argOpKernel(false);
