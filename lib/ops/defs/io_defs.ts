import type { OpSpec } from '../register_op';
import { StringJoin } from './io/StringJoin';
import { ShardedFilename } from './io/ShardedFilename';
import { ParseExample } from './io/ParseExample';
import { SaveV2, RestoreV2, MergeV2Checkpoints } from './io/checkpoint_io';

/** String and checkpoint I/O ops: what TF's Saver puts in every graph it saves (save/...). */
export const IO_OPS: OpSpec[] = [StringJoin, ShardedFilename, SaveV2, RestoreV2, MergeV2Checkpoints, ParseExample];
