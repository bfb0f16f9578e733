import { InvalidArgumentError } from '../../../lib/framework/errors';
import type { NDArray } from '../../../lib/framework/ndarray';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';

const decoder = new TextDecoder();

/** TF's summary of one data tensor: its first `summarize` values, space-separated, in brackets. */
function summary(x: NDArray, summarize: number): string {
  const n = x.dtype === 'string' ? x.strings!.length : x.size;
  const shown = Math.min(n, summarize);
  const items: string[] = [];
  for (let i = 0; i < shown; i++) items.push(x.dtype === 'string' ? decoder.decode(x.strings![i]) : String(x.dtype === 'bool' ? Boolean(x.data[i]) : x.data[i]));
  return `[${items.join(' ')}${n > shown ? '...' : ''}]`;
}

/** Passes when the condition holds; otherwise fails the run naming the data, as TF's "assertion failed: [...]". */
export const assertKernel: CpuKernel = ([condition, ...data], ctx) => {
  if (condition.size !== 1) {
    throw new InvalidArgumentError(`In[0] expects a scalar, but got shape [${condition.shape.join(',')}]`, ctx.op.name);
  }
  if (condition.data[0]) return [];
  const summarize = ctx.attrs.summarize as number;
  throw new InvalidArgumentError(`assertion failed: ${data.map((d) => summary(d, summarize)).join(' ')}`, ctx.op.name);
};
