import { UnimplementedError } from '../../../lib/framework/errors';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';

/** Not implemented yet: graphs import, and runs that feed ParseExample's outputs prune it away. */
export const parseExampleKernel: CpuKernel = (_inputs, ctx) => {
  throw new UnimplementedError('ParseExample (decoding tf.Example protos) is not implemented in tensorgraph; ' +
    'feed the tensors it produces instead (e.g. x:0 of a serving signature)', ctx.op.name);
};
