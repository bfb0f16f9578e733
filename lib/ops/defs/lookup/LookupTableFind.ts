import type { OpSpec } from '../../register_op';
import type { ArgSpec } from '../../../registry/op_def';
import { V1_HANDLE, V2_HANDLE } from './HashTable';

function lookupTableFind(name: string, handle: ArgSpec): OpSpec {
  return {
    name,
    inputs: [handle, { name: 'keys', type_attr: 'Tin' }, { name: 'default_value', type_attr: 'Tout' }],
    outputs: [{ name: 'values', type_attr: 'Tout' }],
    attrs: { Tin: { type: 'type' }, Tout: { type: 'type' } },
    is_stateful: true,
    // Scalar values per key (hash tables hold scalars): the keys' shape.
    shape: ([, keys]) => ({ shape: keys.shape }),
    gradient: null,
  };
}

/** The value of each key, default_value for keys not in the table. */
export const LookupTableFind: OpSpec = lookupTableFind('LookupTableFind', V1_HANDLE);
export const LookupTableFindV2: OpSpec = lookupTableFind('LookupTableFindV2', V2_HANDLE);

function lookupTableSize(name: string, handle: ArgSpec): OpSpec {
  return {
    name,
    inputs: [handle],
    outputs: [{ name: 'size', type: 'int64' }],
    attrs: {},
    is_stateful: true,
    shape: () => ({ shape: [] }),
    gradient: null,
  };
}

/** The number of entries. */
export const LookupTableSize: OpSpec = lookupTableSize('LookupTableSize', V1_HANDLE);
export const LookupTableSizeV2: OpSpec = lookupTableSize('LookupTableSizeV2', V2_HANDLE);

function lookupTableImport(name: string, handle: ArgSpec): OpSpec {
  return {
    name,
    inputs: [handle, { name: 'keys', type_attr: 'Tin' }, { name: 'values', type_attr: 'Tout' }],
    outputs: [],
    attrs: { Tin: { type: 'type' }, Tout: { type: 'type' } },
    is_stateful: true,
    shape: () => [],
    gradient: null,
  };
}

/** Replaces the table's contents with keys -> values. */
export const LookupTableImport: OpSpec = lookupTableImport('LookupTableImport', V1_HANDLE);
export const LookupTableImportV2: OpSpec = lookupTableImport('LookupTableImportV2', V2_HANDLE);
