import type { GpuKernel } from './types';
import { InvalidArgumentError, UnimplementedError } from '../../lib/framework/errors';
import { formatShape, NDArray } from '../../lib/framework/ndarray';
import { elementwise } from './elementwise';
import { reduce } from './reduce';

function requireNhwc(type: string, name: string, format: unknown): void {
  const f = format ?? 'NHWC';
  if (f !== 'NHWC') throw new UnimplementedError(`${type} '${name}': data_format ${f} is not supported, only NHWC`, name);
}

/** BiasAdd (NHWC): the 1-D bias added along the last dimension. */
export const BiasAdd: GpuKernel = ([value, bias], ctx) => {
  requireNhwc('BiasAdd', ctx.op.name, ctx.attrs.data_format);
  const c = value.shape[value.rank - 1];
  if (value.rank < 2) {
    throw new InvalidArgumentError(`BiasAdd '${ctx.op.name}': input must be at least 2-D, got shape ${formatShape(value.shape)}`, ctx.op.name);
  }
  if (bias.rank !== 1 || bias.shape[0] !== c) {
    throw new InvalidArgumentError(`BiasAdd '${ctx.op.name}': Must provide as many biases as the last dimension ` +
      `of the input tensor: ${formatShape(bias.shape)} vs. ${formatShape(value.shape)}`, ctx.op.name);
  }
  return elementwise(ctx, [value, bias], ['x', 'b'], 'x + b', value.dtype, value.shape);
};

/** BiasAddGrad (NHWC): out_backprop summed over every dimension but the last. */
export const BiasAddGrad: GpuKernel = ([dy], ctx) => {
  requireNhwc('BiasAddGrad', ctx.op.name, ctx.attrs.data_format);
  if (dy.rank < 2) {
    throw new InvalidArgumentError(`BiasAddGrad '${ctx.op.name}': input must be at least 2-D, got shape ${formatShape(dy.shape)}`, ctx.op.name);
  }
  const c = dy.shape[dy.rank - 1];
  if (dy.size === 0) return ctx.fromHost(NDArray.zeros([c]));
  return reduce(ctx, dy, dy.shape.slice(0, -1).map((_, i) => i), [c], { kind: 'sum' });
};
