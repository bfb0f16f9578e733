import { Tensor, TensorLike } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { NDArray } from '../framework/ndarray';
import { DType, as_dtype, isInteger } from '../framework/dtypes';
import { get_default_graph, GraphKeys } from '../framework/graph';
import { convertToTensor, NameArg, nameFrom } from '../framework/convert';
import { UnimplementedError, ValueError } from '../framework/errors';
import { bindArgs } from '../framework/python_args';
import { callable } from '../framework/callable';
import { pyfunc } from '../framework/python_args';
import { group, no_op } from './control_flow_ops';
import { size } from './shape_ops';
import { range } from './shape_ops';
import { cast } from './math_ops';

/*
 * tf.contrib.lookup (TF 1.x): hash tables built on the V2 ops (HashTableV2, InitializeTableV2,
 * LookupTableFindV2, LookupTableSizeV2) as TF >= 1.5 builds them; graphs TF wrote with the V1
 * ops import and run too. Contents live in the session; tf.tables_initializer() fills them.
 */

/** Keys and values of a table, given as tensors (tf.contrib.lookup.KeyValueTensorInitializer). */
class KeyValueTensorInitializerImpl {
  readonly keys: Tensor;
  readonly values: Tensor;
  /** The scope the keys were made in; the InitializeTableV2 op takes its name (as TF's). */
  private readonly scope: string;

  constructor(...args: unknown[]) {
    const a = bindArgs<{ keys: TensorLike; values: TensorLike; key_dtype: DType | string | null; value_dtype: DType | string | null; name: NameArg }>(
      'KeyValueTensorInitializer', args, ['keys', 'values', 'key_dtype', 'value_dtype', 'name'], {}, 2);
    const g = get_default_graph();
    const made = g.name_scope(nameFrom(a.name) ?? 'key_value_init', (scope) => ({
      scope,
      keys: convertToTensor(a.keys, a.key_dtype ? as_dtype(a.key_dtype) : undefined, 'keys'),
      values: convertToTensor(a.values, a.value_dtype ? as_dtype(a.value_dtype) : undefined, 'values'),
    }));
    this.keys = made.keys;
    this.values = made.values;
    this.scope = made.scope;
  }

  get key_dtype(): DType { return this.keys.dtype; }
  get value_dtype(): DType { return this.values.dtype; }

  /** The InitializeTableV2 op filling `table`, added to TABLE_INITIALIZERS (TF's initialize(table)). */
  initialize(table: HashTableImpl): Operation {
    const g = table.table_ref.graph;
    const op = g.create_op('InitializeTableV2', [table.table_ref, this.keys, this.values], {}, this.scope);
    g.add_to_collection(GraphKeys.TABLE_INITIALIZERS, op);
    return op;
  }
}
export const KeyValueTensorInitializer = callable(KeyValueTensorInitializerImpl);
export type KeyValueTensorInitializer = KeyValueTensorInitializerImpl;

/** A hash table with one initializer and a default value (tf.contrib.lookup.HashTable). */
class HashTableImpl {
  readonly table_ref: Tensor;
  readonly default_value: Tensor;
  readonly init: Operation;
  readonly name: string;
  readonly key_dtype: DType;
  readonly value_dtype: DType;

  constructor(...args: unknown[]) {
    const a = bindArgs<{ initializer: KeyValueTensorInitializerImpl; default_value: TensorLike; shared_name: string | null; name: NameArg }>(
      'HashTable', args, ['initializer', 'default_value', 'shared_name', 'name'], {}, 2);
    if (!(a.initializer instanceof KeyValueTensorInitializerImpl)) throw new TypeError('HashTable: initializer must be a KeyValueTensorInitializer');
    const g = get_default_graph();
    this.key_dtype = a.initializer.key_dtype;
    this.value_dtype = a.initializer.value_dtype;
    this.table_ref = g.name_scope(nameFrom(a.name) ?? 'hash_table', (scope) => g.create_op('HashTableV2', [],
      { shared_name: a.shared_name ?? '', key_dtype: this.key_dtype, value_dtype: this.value_dtype }, scope).outputs[0]);
    this.name = this.table_ref.op.name.split('/').pop()!;
    this.default_value = convertToTensor(a.default_value, this.value_dtype);
    if (this.default_value.dtype !== this.value_dtype) {
      throw new TypeError(`HashTable: default_value has dtype ${this.default_value.dtype}, the table's values are ${this.value_dtype}`);
    }
    this.init = a.initializer.initialize(this);
  }

  /** The values of `keys` (default_value where missing), a tensor of the keys' shape. */
  lookup(...args: unknown[]): Tensor {
    const a = bindArgs<{ keys: TensorLike; name: NameArg }>('lookup', args, ['keys', 'name'], {}, 1);
    // Plain JS values take the table's key dtype; arrays and tensors keep theirs, and must match.
    const keys = convertToTensor(a.keys, a.keys instanceof NDArray ? undefined : this.key_dtype);
    if (keys.dtype !== this.key_dtype) throw new TypeError(`Signature mismatch. Keys must be dtype ${this.key_dtype}, got ${keys.dtype}.`);
    const g = this.table_ref.graph;
    return g.name_scope(nameFrom(a.name) ?? `${this.name}_Lookup`, (scope) =>
      g.create_op('LookupTableFindV2', [this.table_ref, keys, this.default_value], {}, scope).outputs[0]);
  }

  /** The number of entries, an int64 scalar. */
  size(...args: unknown[]): Tensor {
    const a = bindArgs<{ name: NameArg }>('size', args, ['name']);
    const g = this.table_ref.graph;
    return g.name_scope(nameFrom(a.name) ?? `${this.name}_Size`, (scope) =>
      g.create_op('LookupTableSizeV2', [this.table_ref], {}, scope).outputs[0]);
  }
}
export const HashTable = callable(HashTableImpl);
export type HashTable = HashTableImpl;

/** 0..n-1 as int64, n the number of elements of `t`. */
function positions(t: Tensor): Tensor {
  return cast(range(size(t)), 'int64');
}

/**
 * tf.contrib.lookup.index_table_from_tensor(mapping, num_oov_buckets=0, default_value=-1,
 * hasher_spec, dtype=tf.string, name): each element of `mapping` to its position (int64).
 */
export const index_table_from_tensor = pyfunc('index_table_from_tensor',
  ['mapping', 'num_oov_buckets', 'default_value', 'hasher_spec', 'dtype', 'name'], 1,
  function index_table_from_tensor(mapping: TensorLike, num_oov_buckets?: number, default_value?: number,
    _hasher_spec?: unknown, dtype?: DType | string, name?: NameArg): HashTableImpl {
    if (num_oov_buckets) throw new UnimplementedError('index_table_from_tensor: num_oov_buckets > 0 (string hashing) is not supported in tensorgraph');
    const g = get_default_graph();
    return g.name_scope(nameFrom(name) ?? 'string_to_index', () => {
      const keys = convertToTensor(mapping, as_dtype(dtype ?? 'string'));
      if (keys.dtype !== 'string' && !isInteger(keys.dtype)) throw new ValueError(`Expected string or integer mapping, got ${keys.dtype}.`);
      const values = positions(keys);
      return g.name_scope('hash_table', (scope) => {
        const tableKeys = isInteger(keys.dtype) ? cast(keys, 'int64') : keys;
        const init = new KeyValueTensorInitializerImpl(tableKeys, values, tableKeys.dtype, 'int64', { name: 'table_init' });
        return new HashTableImpl(init, default_value ?? -1, { shared_name: '', name: scope });
      });
    });
  });

/**
 * tf.contrib.lookup.index_to_string_table_from_tensor(mapping, default_value='UNK', name):
 * int64 positions to the strings of `mapping`.
 */
export const index_to_string_table_from_tensor = pyfunc('index_to_string_table_from_tensor', ['mapping', 'default_value', 'name'], 1,
  function index_to_string_table_from_tensor(mapping: TensorLike, default_value?: string, name?: NameArg): HashTableImpl {
    const g = get_default_graph();
    return g.name_scope(nameFrom(name) ?? 'index_to_string', (scope) => {
      const values = convertToTensor(mapping, 'string');
      const init = new KeyValueTensorInitializerImpl(positions(values), values, 'int64', 'string', { name: 'table_init' });
      return new HashTableImpl(init, default_value ?? 'UNK', { shared_name: '', name: scope });
    });
  });

/** tf.tables_initializer(name='init_all_tables'): runs every table initializer of the graph. */
export const tables_initializer = pyfunc('tables_initializer', ['name'], 0, function tables_initializer(name?: NameArg): Operation {
  const inits = get_default_graph().get_collection<Operation>(GraphKeys.TABLE_INITIALIZERS);
  const n = nameFrom(name) ?? 'init_all_tables';
  return inits.length > 0 ? group(...inits, { name: n }) : no_op(n);
});
