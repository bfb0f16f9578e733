import type { OpSpec } from '../register_op';
import { HashTable, HashTableV2 } from './lookup/HashTable';
import { InitializeTable, InitializeTableV2 } from './lookup/InitializeTable';
import {
  LookupTableFind, LookupTableFindV2, LookupTableSize, LookupTableSizeV2, LookupTableImport, LookupTableImportV2,
} from './lookup/LookupTableFind';

/** Hash tables (tf.contrib.lookup), V1 and V2. */
export const LOOKUP_OPS: OpSpec[] = [
  HashTable, HashTableV2, InitializeTable, InitializeTableV2, LookupTableFind, LookupTableFindV2,
  LookupTableSize, LookupTableSizeV2, LookupTableImport, LookupTableImportV2,
];
