import { FailedPreconditionError, InvalidArgumentError } from '../../../lib/framework/errors';
import { formatShape, NDArray } from '../../../lib/framework/ndarray';
import type { CpuKernel, KernelContext, VariableHandle } from '../../../lib/registry/kernel_registry';
import { handleTensor, resourceKey } from '../resource/handles';

/*
 * A table's contents live in the session's VariableStore as two arrays, its keys and its
 * values, under names no variable can have (op names never contain ':'). So initializing a
 * table is staged and committed with its run like any variable write, and two sessions on
 * one graph hold separate tables.
 */

interface TableSlots { keys: VariableHandle; values: VariableHandle; name: string }

/** V1 handle: [container, shared_name] strings (TF's shape [2]); V2: a scalar resource naming it. */
export const hashTableKernel: CpuKernel = (_inputs, ctx) => {
  const key = resourceKey(ctx);
  const slash = key.indexOf('/');
  const container = (ctx.attrs.container as string) ? key.slice(0, slash) : '';
  return NDArray.fromStrings([container, container ? key.slice(slash + 1) : key], [2]);
};
export const hashTableV2Kernel: CpuKernel = (_inputs, ctx) => handleTensor(resourceKey(ctx));

function tableOf(handle: NDArray, ctx: KernelContext): TableSlots {
  const name = handle.dtype === 'resource' ? handle.stringAt(0)
    : handle.size === 2 ? [handle.stringAt(0), handle.stringAt(1)].filter((s) => s).join('/')
      : null;
  if (name === null) throw new InvalidArgumentError(`${ctx.op.type}: table_handle must be a lookup table handle`, ctx.op.name);
  return { keys: ctx.variable(`${name}:table_keys`), values: ctx.variable(`${name}:table_values`), name };
}

function initialized(table: TableSlots, ctx: KernelContext): { keys: NDArray; values: NDArray } {
  if (!table.keys.isInitialized()) throw new FailedPreconditionError('Table not initialized.', ctx.op.name);
  return { keys: table.keys.read(), values: table.values.read() };
}

/** A key's identity in a JS Map: strings by their bytes, numbers as themselves. */
function mapKey(a: NDArray, i: number): string | number {
  return a.strings ? a.stringAt(i) : a.data[i];
}

/** Key -> position, per stored keys array (the store keeps the same array until the table is rewritten). */
const indexes = new WeakMap<NDArray, Map<string | number, number>>();
function indexOf(keys: NDArray): Map<string | number, number> {
  let index = indexes.get(keys);
  if (!index) {
    index = new Map();
    for (let i = 0; i < keys.size; i++) index.set(mapKey(keys, i), i);
    indexes.set(keys, index);
  }
  return index;
}

function checkedEntries(keys: NDArray, values: NDArray, ctx: KernelContext): void {
  if (keys.size !== values.size) {
    throw new InvalidArgumentError(`Expected shape [${keys.shape.join(',')}] for value, got [${values.shape.join(',')}]`, ctx.op.name);
  }
  const seen = new Map<string | number, number>();
  for (let i = 0; i < keys.size; i++) {
    const k = mapKey(keys, i);
    const prior = seen.get(k);
    if (prior !== undefined && mapKey(values, prior) !== mapKey(values, i)) {
      throw new FailedPreconditionError(`HashTable has different value for same key. Key ${k} has ${mapKey(values, prior)} ` +
        `and trying to add value ${mapKey(values, i)}`, ctx.op.name);
    }
    seen.set(k, i);
  }
}

function store(table: TableSlots, keys: NDArray, values: NDArray): void {
  table.keys.write(keys.reshape([keys.size]));
  table.values.write(values.reshape([values.size]));
}

/** InitializeTable(V2): fills an empty table; a second initialization is TF's FailedPreconditionError. */
export const initializeTableKernel: CpuKernel = ([handle, keys, values], ctx) => {
  const table = tableOf(handle, ctx);
  if (table.keys.isInitialized()) throw new FailedPreconditionError('Table already initialized.', ctx.op.name);
  checkedEntries(keys, values, ctx);
  store(table, keys, values);
  return [];
};

/** LookupTableImport(V2): the table's contents replaced. */
export const lookupTableImportKernel: CpuKernel = ([handle, keys, values], ctx) => {
  checkedEntries(keys, values, ctx);
  store(tableOf(handle, ctx), keys, values);
  return [];
};

/** LookupTableFind(V2): each key's value, default_value (a scalar) where the key is missing. */
export const lookupTableFindKernel: CpuKernel = ([handle, keys, dflt], ctx) => {
  const table = initialized(tableOf(handle, ctx), ctx);
  if (table.keys.dtype !== keys.dtype) {
    throw new InvalidArgumentError(`Key must be type ${table.keys.dtype} but got ${keys.dtype}`, ctx.op.name);
  }
  if (table.values.dtype !== dflt.dtype) {
    throw new InvalidArgumentError(`Value must be type ${table.values.dtype} but got ${dflt.dtype}`, ctx.op.name);
  }
  if (dflt.size !== 1) throw new InvalidArgumentError(`Default value must be a scalar, got shape ${formatShape(dflt.shape)}`, ctx.op.name);
  const index = indexOf(table.keys);
  const positions = Array.from({ length: keys.size }, (_, i) => index.get(mapKey(keys, i)) ?? -1);
  if (table.values.strings) {
    const strings = table.values.strings, d = dflt.strings![0];
    return NDArray.fromStrings(positions.map((p) => (p < 0 ? d : strings[p])), keys.shape);
  }
  const out = ctx.outputForOverwrite(keys.shape, table.values.dtype);
  const v = table.values.data, d = dflt.data[0];
  positions.forEach((p, i) => { out.data[i] = p < 0 ? d : v[p]; });
  return out;
};

/** LookupTableSize(V2): the number of entries (0 before initialization, as TF's). */
export const lookupTableSizeKernel: CpuKernel = ([handle], ctx) => {
  const table = tableOf(handle, ctx);
  return NDArray.scalar(table.keys.isInitialized() ? table.keys.read().size : 0, 'int64');
};
