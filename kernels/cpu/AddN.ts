import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';

/** Sum of n tensors of one dtype and shape (no broadcasting). */
export const addNKernel: CpuKernel = (inputs, ctx) => {
  const first = inputs[0];
  if (inputs.length === 1) return first;
  for (let i = 1; i < inputs.length; i++) {
    const s = inputs[i].shape;
    if (s.length !== first.shape.length || s.some((d, j) => d !== first.shape[j])) {
      throw new InvalidArgumentError(`AddN '${ctx.op.name}': inputs must have the same shape: ` +
        `input 0 is ${formatShape(first.shape)}, input ${i} is ${formatShape(s)}`, ctx.op.name);
    }
  }
  const out = ctx.allocate(first.dtype, first.size, false);
  // Accumulate pairwise into the output: one pass per input, contiguous.
  const a = first.data, b = inputs[1].data;
  for (let j = 0; j < out.length; j++) out[j] = a[j] + b[j];
  for (let i = 2; i < inputs.length; i++) {
    const d = inputs[i].data;
    for (let j = 0; j < out.length; j++) out[j] += d[j];
  }
  return new NDArray(out, first.shape, first.dtype);
};
