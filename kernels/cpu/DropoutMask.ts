import { NDArray, sizeOf, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { shapeFromTensor } from './window_attrs';
import { uniformFloat32 } from './random_ops';

/**
 * DropoutMask(noise_shape, keep_prob): 1 with probability keep_prob, else 0.
 * TF1 computes floor(keep_prob + U[0, 1)); this keeps u < keep_prob instead, the
 * same distribution without the float32 rounding of the sum. keep_prob is checked
 * here because it is usually fed: outside (0, 1] it is an error, not a silent mask.
 */
export const dropoutMaskKernel: CpuKernel = ([noiseShape, keepProb], ctx) => {
  const name = ctx.op.name;
  if (keepProb.size !== 1) {
    throw new InvalidArgumentError(`dropout '${name}': keep_prob must be a scalar, got shape ${formatShape(keepProb.shape)}`, name);
  }
  const p = keepProb.data[0];
  if (!(p > 0 && p <= 1)) {
    throw new InvalidArgumentError(`dropout '${name}': keep_prob must be in the range (0, 1], got ${p}`, name);
  }
  const shape = shapeFromTensor(noiseShape.data, noiseShape.shape, 'noise_shape', 'DropoutMask', name);
  const out = ctx.allocate('float32', sizeOf(shape), false) as Float32Array;
  if (p === 1) out.fill(1);
  else {
    const rng = ctx.random();
    for (let i = 0; i < out.length; i++) out[i] = uniformFloat32(rng) < p ? 1 : 0;
  }
  return new NDArray(out, shape, 'float32');
};
