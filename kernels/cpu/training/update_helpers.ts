import { NDArray, formatShape } from '../../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../../lib/framework/errors';
import type { KernelContext } from '../../../lib/registry/kernel_registry';

/** A hyperparameter input (learning rate, beta1, ...): must be a scalar, as TF1's kernels require. */
export function scalarInput(x: NDArray, what: string, ctx: KernelContext): number {
  if (x.rank !== 0) throw new InvalidArgumentError(`${what} is not a scalar: ${formatShape(x.shape)}`, ctx.op.name);
  return x.data[0];
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * The variable (ref input 0) and its slots (ref inputs 1..n, named for errors), all
 * checked to have the gradient's shape: `old` holds their values and `data` the staged
 * buffers the kernel writes every element of (the same arrays when the variable was
 * already updated in this run, so loops read element i before writing it). Writing
 * into fresh buffers rather than copies of the old values saves a copy of each per
 * step (Adam on Deep MNIST's 3.3M parameters copied 39 MB). What the kernel writes is
 * committed only if the whole run succeeds.
 */
export function updateBuffers(ctx: KernelContext, grad: NDArray, slotNames: string[]):
  { var: NDArray; data: Float32Array[]; old: Float32Array[] } {
  const staged = [0, ...slotNames.map((_, i) => i + 1)].map((i) => ctx.ref(i).rewritable());
  const bufs = staged.map((s) => s.out);
  const varShape = bufs[0].shape;
  slotNames.forEach((slot, i) => {
    if (!sameShape(varShape, bufs[i + 1].shape)) {
      throw new InvalidArgumentError(`var and ${slot} do not have the same shape: ${formatShape(varShape)} vs ${formatShape(bufs[i + 1].shape)}`, ctx.op.name);
    }
  });
  if (!sameShape(varShape, grad.shape)) {
    throw new InvalidArgumentError(`var and grad do not have the same shape: ${formatShape(varShape)} vs ${formatShape(grad.shape)}`, ctx.op.name);
  }
  return { var: bufs[0], data: bufs.map((b) => b.data as Float32Array), old: staged.map((s) => s.old.data as Float32Array) };
}
