import { NDArray, sizeOf, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel, RandomStream } from '../../lib/registry/kernel_registry';
import { shapeFromTensor } from './window_attrs';

/*
 * Random kernels. Each draws from ctx.random(): one stream per op and session,
 * deterministic when the op is seeded, and advancing from run to run, so a
 * session sees new numbers every run and a fresh session repeats them.
 */

const TWO_POW_24 = 16777216;

/**
 * Uniform in [0, 1) with 24 random bits: every value is exact in float32, so
 * rounding can never produce 1.0.
 */
export function uniformFloat32(rng: RandomStream): number {
  return Math.floor(rng.uniform() * TWO_POW_24) / TWO_POW_24;
}

function randomKernel(opType: string, draw: (rng: RandomStream) => number): CpuKernel {
  return ([shapeTensor], ctx) => {
    const shape = shapeFromTensor(shapeTensor.data, shapeTensor.shape, 'shape', opType, ctx.op.name);
    const out = ctx.allocate('float32', sizeOf(shape), true) as Float32Array;
    const rng = ctx.random();
    for (let i = 0; i < out.length; i++) out[i] = draw(rng);
    return new NDArray(out, shape, 'float32');
  };
}

/** RandomStandardNormal: N(0, 1). */
export const randomStandardNormalKernel = randomKernel('RandomStandardNormal', (rng) => rng.normal());

/** TruncatedNormal: N(0, 1) with draws of magnitude 2 or more (after rounding to float32) drawn again. */
export const truncatedNormalKernel = randomKernel('TruncatedNormal', (rng) => {
  for (;;) {
    const v = Math.fround(rng.normal());
    if (v < 2 && v > -2) return v;
  }
});

/** RandomUniform: U[0, 1). */
export const randomUniformKernel = randomKernel('RandomUniform', uniformFloat32);

/** RandomUniformInt(shape, minval, maxval): integers uniform in [minval, maxval). */
export const randomUniformIntKernel: CpuKernel = ([shapeTensor, minval, maxval], ctx) => {
  const name = ctx.op.name;
  const shape = shapeFromTensor(shapeTensor.data, shapeTensor.shape, 'shape', 'RandomUniformInt', name);
  if (minval.size !== 1 || maxval.size !== 1) {
    throw new InvalidArgumentError(`RandomUniformInt '${name}': minval and maxval must be scalars, got shapes ` +
      `${formatShape(minval.shape)} and ${formatShape(maxval.shape)}`, name);
  }
  const lo = minval.data[0], hi = maxval.data[0];
  if (!(lo < hi)) throw new InvalidArgumentError(`RandomUniformInt '${name}': Need minval < maxval: ${lo} >= ${hi}`, name);
  const range = hi - lo;
  const out = ctx.allocate(minval.dtype, sizeOf(shape), true);
  const rng = ctx.random();
  // Two 32-bit draws make a 53-bit fraction, so large int64 ranges are covered evenly too.
  for (let i = 0; i < out.length; i++) {
    const u = (Math.floor(rng.uniform() * 2 ** 21) * 2 ** 32 + Math.floor(rng.uniform() * 2 ** 32)) / 2 ** 53;
    out[i] = lo + Math.floor(u * range);
  }
  return new NDArray(out, shape, minval.dtype);
};
