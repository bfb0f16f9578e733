import { InvalidArgumentError } from '../../../lib/framework/errors';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { serializedSummary, debugShape } from './summary_value';

/** ScalarSummary: element i of `values` under the tag at element i of `tags` (the shapes must agree). */
export const scalarSummaryKernel: CpuKernel = ([tags, values], ctx) => {
  if (debugShape(tags.shape) !== debugShape(values.shape)) {
    const single = tags.rank === 0 ? ` (tag '${tags.stringAt(0)}')` : '';
    throw new InvalidArgumentError(`tags and values not the same shape: ${debugShape(tags.shape)} != ${debugShape(values.shape)}${single}`, ctx.op.name);
  }
  return serializedSummary(Array.from({ length: tags.size }, (_, i) => ({
    tag: tags.stringAt(i), value: { case: 'simpleValue' as const, value: Number(values.data[i]) },
  })));
};
