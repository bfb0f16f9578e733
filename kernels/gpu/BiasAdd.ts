import type { GpuKernel } from './types';
import { UnimplementedError } from '../../lib/framework/errors';
import { NDArray } from '../../lib/framework/ndarray';
import { biasChannels } from '../cpu/BiasAdd';
import { elementwise } from './elementwise';
import { reduce } from './reduce';

function requireNhwc(type: string, name: string, format: unknown): void {
  const f = format ?? 'NHWC';
  if (f !== 'NHWC') throw new UnimplementedError(`${type} '${name}': data_format ${f} is not supported, only NHWC`, name);
}

/** BiasAdd (NHWC): the 1-D bias added along the last dimension. */
export const BiasAdd: GpuKernel = ([value, bias], ctx) => {
  requireNhwc('BiasAdd', ctx.op.name, ctx.attrs.data_format);
  biasChannels('BiasAdd', value.shape, bias.shape, ctx.op.name);
  return elementwise(ctx, [value, bias], ['x', 'b'], 'x + b', value.dtype, value.shape);
};

/** BiasAddGrad (NHWC): out_backprop summed over every dimension but the last. */
export const BiasAddGrad: GpuKernel = ([dy], ctx) => {
  requireNhwc('BiasAddGrad', ctx.op.name, ctx.attrs.data_format);
  const c = biasChannels('BiasAddGrad', dy.shape, null, ctx.op.name);
  if (dy.size === 0) return ctx.fromHost(NDArray.zeros([c]));
  return reduce(ctx, dy, dy.shape.slice(0, -1).map((_, i) => i), [c], { kind: 'sum' });
};
