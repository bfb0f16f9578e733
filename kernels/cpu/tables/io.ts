import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { stringJoinKernel } from '../io/StringJoin';
import { shardedFilenameKernel } from '../io/ShardedFilename';
import { parseExampleKernel } from '../io/ParseExample';

/**
 * The CPU kernels of the string ops of lib/ops/defs/io. SaveV2, RestoreV2 and
 * MergeV2Checkpoints read and write tensor bundles (lib/saved_model/tf_bundle): their kernels
 * are registered from lib/saved_model/tf_import/io_kernels.ts.
 */
export const IO_KERNELS: Record<string, CpuKernel> = {
  StringJoin: stringJoinKernel,
  ShardedFilename: shardedFilenameKernel,
  ParseExample: parseExampleKernel,
};
