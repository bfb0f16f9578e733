import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/** BiasAdd (NHWC): adds the 1-D bias along the last dimension of value. */
export const biasAddKernel: CpuKernel = ([value, bias], ctx) => {
  const c = value.shape[value.rank - 1];
  if (value.rank < 2) {
    throw new InvalidArgumentError(`BiasAdd '${ctx.op.name}': input must be at least 2-D, got shape ${formatShape(value.shape)}`, ctx.op.name);
  }
  if (bias.rank !== 1 || bias.shape[0] !== c) {
    throw new InvalidArgumentError(`BiasAdd '${ctx.op.name}': Must provide as many biases as the last dimension ` +
      `of the input tensor: ${formatShape(bias.shape)} vs. ${formatShape(value.shape)}`, ctx.op.name);
  }
  const x = value.data, b = bias.data;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i += c) {
    for (let j = 0; j < c; j++) out[i + j] = x[i + j] + b[j];
  }
  return new NDArray(out, value.shape, 'float32');
};

/** BiasAddGrad (NHWC): sums out_backprop over every dimension but the last. */
export const biasAddGradKernel: CpuKernel = ([dy], ctx) => {
  if (dy.rank < 2) {
    throw new InvalidArgumentError(`BiasAddGrad '${ctx.op.name}': input must be at least 2-D, got shape ${formatShape(dy.shape)}`, ctx.op.name);
  }
  const c = dy.shape[dy.rank - 1];
  const sum = new Float64Array(c);
  const d = dy.data;
  for (let i = 0; i < d.length; i += c) {
    for (let j = 0; j < c; j++) sum[j] += d[i + j];
  }
  return new NDArray(Float32Array.from(sum), [c], 'float32');
};
