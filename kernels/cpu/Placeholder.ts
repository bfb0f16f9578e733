import { InvalidArgumentError } from '../../lib/framework/errors';
import { shapeToString } from '../../lib/framework/shape_utils';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/** Runs only when the placeholder was not fed: TF1's error, naming it, its dtype and its shape. */
export const placeholderKernel: CpuKernel = (_inputs, ctx) => {
  const dtype = ctx.attrs.dtype === 'float32' ? 'float' : ctx.attrs.dtype;
  throw new InvalidArgumentError(`You must feed a value for placeholder tensor '${ctx.op.name}' with dtype ${dtype}` +
    (ctx.attrs.shape ? ` and shape ${shapeToString(ctx.attrs.shape)}` : ''), ctx.op.name);
};
