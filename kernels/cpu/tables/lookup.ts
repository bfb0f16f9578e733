import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import {
  hashTableKernel, hashTableV2Kernel, initializeTableKernel, lookupTableFindKernel, lookupTableSizeKernel, lookupTableImportKernel,
} from '../lookup/hash_table';

/** The CPU kernels of the lookup-table ops (lib/ops/defs/lookup); V1 and V2 differ only in the handle. */
export const LOOKUP_KERNELS: Record<string, CpuKernel> = {
  HashTable: hashTableKernel,
  HashTableV2: hashTableV2Kernel,
  InitializeTable: initializeTableKernel,
  InitializeTableV2: initializeTableKernel,
  LookupTableFind: lookupTableFindKernel,
  LookupTableFindV2: lookupTableFindKernel,
  LookupTableSize: lookupTableSizeKernel,
  LookupTableSizeV2: lookupTableSizeKernel,
  LookupTableImport: lookupTableImportKernel,
  LookupTableImportV2: lookupTableImportKernel,
};
