import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { biasAddWasm, columnSumsWasm } from './wasm_elementwise';

/**
 * The channel count of a BiasAdd (or, with no bias, BiasAddGrad) input: the last
 * dimension of an input of rank 2 or more, which the bias must match. Shared by the
 * CPU and gpu kernels.
 */
export function biasChannels(type: 'BiasAdd' | 'BiasAddGrad', valueShape: readonly number[], biasShape: readonly number[] | null,
  name: string): number {
  if (valueShape.length < 2) {
    throw new InvalidArgumentError(`${type} '${name}': input must be at least 2-D, got shape ${formatShape(valueShape)}`, name);
  }
  const c = valueShape[valueShape.length - 1];
  if (biasShape !== null && (biasShape.length !== 1 || biasShape[0] !== c)) {
    throw new InvalidArgumentError(`${type} '${name}': Must provide as many biases as the last dimension ` +
      `of the input tensor: ${formatShape(biasShape)} vs. ${formatShape(valueShape)}`, name);
  }
  return c;
}

/** BiasAdd (NHWC): adds the 1-D bias along the last dimension of value. */
export const biasAddKernel: CpuKernel = ([value, bias], ctx) => {
  const c = biasChannels('BiasAdd', value.shape, bias.shape, ctx.op.name);
  const x = value.data, b = bias.data;
  const out = ctx.allocate('float32', x.length, true) as Float32Array;
  if (biasAddWasm(x as Float32Array, b as Float32Array, out)) return new NDArray(out, value.shape, 'float32');
  for (let i = 0; i < x.length; i += c) {
    for (let j = 0; j < c; j++) out[i + j] = x[i + j] + b[j];
  }
  return new NDArray(out, value.shape, 'float32');
};

/** BiasAddGrad (NHWC): sums out_backprop over every dimension but the last. */
export const biasAddGradKernel: CpuKernel = ([dy], ctx) => {
  const c = biasChannels('BiasAddGrad', dy.shape, null, ctx.op.name);
  const sums = ctx.allocate('float32', c, true) as Float32Array;
  if (c > 0 && columnSumsWasm(dy.data as Float32Array, sums)) return new NDArray(sums, [c], 'float32');
  const sum = new Float64Array(c);
  const d = dy.data;
  for (let i = 0; i < d.length; i += c) {
    for (let j = 0; j < c; j++) sum[j] += d[i + j];
  }
  sums.set(sum);
  return new NDArray(sums, [c], 'float32');
};
