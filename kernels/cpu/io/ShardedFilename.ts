import { NDArray } from '../../../lib/framework/ndarray';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';

/** ShardedFilename: `basename-%05d-of-%05d`, as TF names checkpoint data shards. */
export const shardedFilenameKernel: CpuKernel = ([basename, shard, numShards]) => {
  const pad = (n: number) => String(n).padStart(5, '0');
  return NDArray.fromStrings([`${basename.stringAt(0)}-${pad(shard.data[0])}-of-${pad(numShards.data[0])}`], []);
};
