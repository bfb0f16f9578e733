import type { OpSpec } from '../../register_op';

/** `basename-SSSSS-of-NNNNN`, the name of one checkpoint shard (kernel: kernels/cpu/io/ShardedFilename.ts). */
export const ShardedFilename: OpSpec = {
  name: 'ShardedFilename',
  inputs: [{ name: 'basename', type: 'string' }, { name: 'shard', type: 'int32' }, { name: 'num_shards', type: 'int32' }],
  outputs: [{ name: 'filename', type: 'string' }],
  shape: () => ({ shape: [] }),
  gradient: null,
};
