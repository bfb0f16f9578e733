import type { OpSpec } from '../../register_op';
import type { ArgSpec } from '../../../registry/op_def';
import { V1_HANDLE, V2_HANDLE } from './HashTable';

function initializeTable(name: string, handle: ArgSpec): OpSpec {
  return {
    name,
    inputs: [handle, { name: 'keys', type_attr: 'Tkey' }, { name: 'values', type_attr: 'Tval' }],
    outputs: [],
    attrs: { Tkey: { type: 'type' }, Tval: { type: 'type' } },
    is_stateful: true,
    shape: () => [],
    gradient: null,
  };
}

/** Fills a table with keys -> values once (tf.tables_initializer runs these). */
export const InitializeTable: OpSpec = initializeTable('InitializeTable', V1_HANDLE);
export const InitializeTableV2: OpSpec = initializeTable('InitializeTableV2', V2_HANDLE);
