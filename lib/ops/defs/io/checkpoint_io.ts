import type { OpSpec } from '../../register_op';

/*
 * TF's V2 checkpoint ops, as the save/ subgraph a tf.train.Saver (and so every TF-written
 * .meta and SavedModel) holds. Their CPU kernels read and write tensor bundles, which live in
 * lib/saved_model/tf_bundle, so they are registered from lib/saved_model/tf_import/io_kernels.ts
 * (kernels/ may not import that layer).
 */

/** Writes `tensors` under `tensor_names` to the bundle at `prefix` (one shard). */
export const SaveV2: OpSpec = {
  name: 'SaveV2',
  inputs: [
    { name: 'prefix', type: 'string' }, { name: 'tensor_names', type: 'string' }, { name: 'shape_and_slices', type: 'string' },
    { name: 'tensors', type_list_attr: 'dtypes' },
  ],
  outputs: [],
  attrs: { dtypes: { type: 'list(type)', minimum: 1 } },
  shape: () => [],
  gradient: null,
};

/** Reads `tensor_names` from the bundle at `prefix`, one output per name with the dtypes given. */
export const RestoreV2: OpSpec = {
  name: 'RestoreV2',
  inputs: [{ name: 'prefix', type: 'string' }, { name: 'tensor_names', type: 'string' }, { name: 'shape_and_slices', type: 'string' }],
  outputs: [{ name: 'tensors', type_list_attr: 'dtypes' }],
  attrs: { dtypes: { type: 'list(type)', minimum: 1 } },
  // The shapes are the checkpoint's: unknown until run.
  shape: (_inputs, attrs) => (attrs.dtypes as unknown[]).map(() => ({ shape: null })),
  gradient: null,
};

/** Merges the sharded bundles at `checkpoint_prefixes` into one at `destination_prefix`. */
export const MergeV2Checkpoints: OpSpec = {
  name: 'MergeV2Checkpoints',
  inputs: [{ name: 'checkpoint_prefixes', type: 'string' }, { name: 'destination_prefix', type: 'string' }],
  outputs: [],
  attrs: { delete_old_dirs: { type: 'bool', default: true } },
  shape: () => [],
  gradient: null,
};
