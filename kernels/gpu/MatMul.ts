import type { GpuKernel } from './types';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { kernelSource } from './codegen';

/** C = op(A)·op(B): one thread per output element, a dot product over k. */
export const MatMul: GpuKernel = ([a, b], ctx) => {
  const ta = !!ctx.attrs.transpose_a, tb = !!ctx.attrs.transpose_b;
  const [m, k] = ta ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [k2, n] = tb ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (k !== k2) throw new InvalidArgumentError(`Matrix size-incompatible: In[0]: [${a.shape}], In[1]: [${b.shape}]`, ctx.op.name);
  const aAt = ta ? `j * ${m} + r` : `r * ${k} + j`;
  const bAt = tb ? `c * ${k} + j` : `j * ${n} + c`;
  const src = kernelSource(['a', 'b'], `
  const r = Math.floor((this.thread.x + 0.5) / ${n});
  const c = this.thread.x - r * ${n};
  let sum = 0;
  for (let j = 0; j < ${k}; j++) {
    sum += a[${aAt}] * b[${bAt}];
  }
  return sum;`);
  return ctx.launch(src, [a, b], [m, n], 'float32');
};
