import type { OpSpec } from '../../register_op';
import type { ArgSpec } from '../../../registry/op_def';

/*
 * TF's lookup tables (lookup_ops.cc): a table is a handle, a scalar; its contents live in the
 * session (kernels/cpu/lookup/). TF1's first versions pass the handle as a Ref(string), the V2
 * ones as a resource. Here both handles are values naming the table (no ref semantics: the
 * plan reads the handle like any input), so the V1 ops' table_handle inputs are not is_ref.
 */

/** The handle of a V1 op (Ref(string) in TF's OpDef) and of a V2 op. */
export const V1_HANDLE: ArgSpec = { name: 'table_handle', type: 'string' };
export const V2_HANDLE: ArgSpec = { name: 'table_handle', type: 'resource' };

function hashTable(name: string, handle: ArgSpec): OpSpec {
  return {
    name,
    inputs: [],
    outputs: [handle],
    attrs: {
      container: { type: 'string', default: '' },
      shared_name: { type: 'string', default: '' },
      use_node_name_sharing: { type: 'bool', default: false },
      key_dtype: { type: 'type' },
      value_dtype: { type: 'type' },
    },
    is_stateful: true,
    shape: () => ({ shape: name === 'HashTable' ? [2] : [] }),
    gradient: null,
  };
}

/** An empty, uninitialized hash table (TF1's first version: the handle is a Ref(string) of shape [2]). */
export const HashTable: OpSpec = hashTable('HashTable', { ...V1_HANDLE, is_ref: true });
/** An empty, uninitialized hash table (resource handle). */
export const HashTableV2: OpSpec = hashTable('HashTableV2', V2_HANDLE);
