import type { GpuKernel, DeviceTensor } from './types';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { formatShape } from '../../lib/framework/ndarray';
import { elementwise } from './elementwise';

/** Inputs summed per launch: GL caps the textures one kernel may read. */
const PER_LAUNCH = 8;

/** Sum of n same-shaped tensors (tf.gradients sums contributions with it). */
export const AddN: GpuKernel = (inputs, ctx) => {
  const first = inputs[0];
  inputs.forEach((t, i) => {
    if (t.rank !== first.rank || t.shape.some((d, j) => d !== first.shape[j])) {
      throw new InvalidArgumentError(`AddN '${ctx.op.name}': inputs must have the same shape: ` +
        `input 0 is ${formatShape(first.shape)}, input ${i} is ${formatShape(t.shape)}`, ctx.op.name);
    }
  });
  let rest: DeviceTensor[] = inputs;
  let acc: DeviceTensor | null = null;
  while (rest.length) {
    const group: DeviceTensor[] = acc ? [acc, ...rest.slice(0, PER_LAUNCH - 1)] : rest.slice(0, PER_LAUNCH);
    rest = rest.slice(acc ? PER_LAUNCH - 1 : PER_LAUNCH);
    if (group.length === 1) return group[0];
    const names = group.map((_, i) => `v${i}`);
    acc = elementwise(ctx, group, names, names.join(' + '), first.dtype, first.shape);
  }
  return acc!;
};
