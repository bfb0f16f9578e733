import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

/** A fetched array's elements (strings decoded). */
function list(a: unknown): unknown[] { return (a as NDArray).strings ? (a as NDArray).tolist() as unknown[] : [...(a as NDArray).data]; }

describe('tf.contrib.lookup hash tables (HashTableV2, InitializeTableV2, LookupTableFindV2, LookupTableSizeV2; V1 ops)', () => {
  beforeEach(() => tf.reset_default_graph());

  it('HashTable(KeyValueTensorInitializer(keys, values), default): lookup after tables_initializer, default for missing keys, size', () => {
    const table = tf.contrib.lookup.HashTable(
      tf.contrib.lookup.KeyValueTensorInitializer(['emerson', 'lake', 'palmer'], NDArray.from([0, 1, 2], 'int64')), -1);
    const out = table.lookup(['lake', 'tarkus', 'emerson', 'palmer']);
    expect(out.dtype).to.equal('int64');
    expect(out.shape).to.deep.equal([4]);
    expect(table.table_ref.op.type).to.equal('HashTableV2');
    expect(table.table_ref.dtype).to.equal('resource');
    expect(out.op.name).to.equal('hash_table_Lookup');
    expect(tf.get_collection(tf.GraphKeys.TABLE_INITIALIZERS).map((op) => (op as tf.Operation).name)).to.deep.equal(['key_value_init']);
    const init = tf.tables_initializer();
    expect(init.name).to.equal('init_all_tables');
    tf.Session().with((sess) => {
      expect(sess.run(table.size())).to.equal(0);
      expect(() => sess.run(out)).to.throw(tf.errors.FailedPreconditionError, 'Table not initialized.');
      sess.run(init);
      expect(list(sess.run(out))).to.deep.equal([1, -1, 0, 2]);
      expect(sess.run(table.size())).to.equal(3);
      // A second initialization is TF's FailedPreconditionError, and the table stays as it was.
      expect(() => sess.run(init)).to.throw(tf.errors.FailedPreconditionError, 'Table already initialized.');
      expect(list(sess.run(out))).to.deep.equal([1, -1, 0, 2]);
      // Keys of another dtype are refused when the graph is built.
      expect(() => table.lookup(NDArray.from([1], 'int64'))).to.throw(TypeError, 'Keys must be dtype string');
    });
  });

  it('index_table_from_tensor and index_to_string_table_from_tensor (TF names: string_to_index/hash_table, index_to_string)', () => {
    const words = tf.constant(['a', 'b', 'c']);
    const toId = tf.contrib.lookup.index_table_from_tensor(words);
    const toWord = tf.contrib.lookup.index_to_string_table_from_tensor(['zero', 'one', 'two']);
    expect(toWord.table_ref.op.name).to.equal('index_to_string');
    expect(tf.get_default_graph().get_operation_by_name('index_to_string/table_init').type).to.equal('InitializeTableV2');
    expect(toId.table_ref.op.name).to.equal('string_to_index/hash_table');
    const ids = toId.lookup(tf.constant([['c', 'x'], ['a', 'b']]));
    const names = toWord.lookup(NDArray.from([2, 5, 0], 'int64'));
    tf.Session().with((sess) => {
      sess.run(tf.tables_initializer());
      const got = sess.run(ids) as NDArray;
      expect(got.shape).to.deep.equal([2, 2]);
      expect(list(got)).to.deep.equal([2, -1, 0, 1]);
      expect(list(sess.run(names))).to.deep.equal(['two', 'UNK', 'zero']);
    });
    expect(() => tf.contrib.lookup.index_table_from_tensor(['a'], { num_oov_buckets: 1 })).to.throw(tf.errors.UnimplementedError, 'num_oov_buckets');
  });

  it('tables live in the session: two sessions on one graph hold separate tables; a failed run leaves a table unfilled', () => {
    const table = tf.contrib.lookup.HashTable(tf.contrib.lookup.KeyValueTensorInitializer(NDArray.from([1, 2], 'int64'), [10.5, 20.5]), 0);
    const out = table.lookup(NDArray.from([2, 3], 'int64'));
    const init = tf.tables_initializer();
    const bad = tf.placeholder(tf.float32, [1]);
    const s1 = tf.Session(), s2 = tf.Session();
    try {
      // The initializer runs, then the run fails on the missing feed: nothing is committed.
      expect(() => s1.run([init, tf.identity(bad)])).to.throw(tf.errors.InvalidArgumentError);
      expect(s1.run(table.size())).to.equal(0);
      s1.run(init);
      expect(list(s1.run(out))).to.deep.equal([20.5, 0]);
      expect(() => s2.run(out)).to.throw(tf.errors.FailedPreconditionError, 'Table not initialized.');
    } finally { s1.close(); s2.close(); }
  });

  it('TF\'s errors: a key with two values, keys and values of different sizes, a non-scalar default', () => {
    const g = tf.get_default_graph();
    const mk = (keys: NDArray, values: NDArray, name: string) => {
      const h = g.create_op('HashTableV2', [], { key_dtype: keys.dtype, value_dtype: values.dtype }, name).outputs[0];
      return { h, init: g.create_op('InitializeTableV2', [h, tf.constant(keys), tf.constant(values)], {}, `${name}_init`) };
    };
    const dup = mk(NDArray.from([1, 1], 'int64'), NDArray.from([3, 4], 'int64'), 'dup');
    const sizes = mk(NDArray.from([1, 2], 'int64'), NDArray.from([3], 'int64'), 'sizes');
    const ok = mk(NDArray.from([1, 1], 'int64'), NDArray.from([3, 3], 'int64'), 'same_twice');
    const find = g.create_op('LookupTableFindV2', [ok.h, tf.constant(NDArray.from([1], 'int64')), tf.constant(NDArray.from([0, 0], 'int64'))], {}, 'find');
    tf.Session().with((sess) => {
      expect(() => sess.run(dup.init)).to.throw(tf.errors.FailedPreconditionError, 'HashTable has different value for same key. Key 1 has 3 and trying to add value 4');
      expect(() => sess.run(sizes.init)).to.throw(tf.errors.InvalidArgumentError, 'Expected shape [2] for value, got [1]');
      sess.run(ok.init);
      expect(() => sess.run(find.outputs[0])).to.throw(tf.errors.InvalidArgumentError, 'Default value must be a scalar');
    });
  });

  it('the V1 ops (HashTable, InitializeTable, LookupTableFind, LookupTableSize) as TF 1.0 graphs hold them: a [2] string handle', () => {
    const g = tf.get_default_graph();
    const h = g.create_op('HashTable', [], { key_dtype: 'int64', value_dtype: 'string', shared_name: 'classes' }, 'table').outputs[0];
    expect(h.shape).to.deep.equal([2]);
    const init = g.create_op('InitializeTable', [h, tf.constant(NDArray.from([0, 1], 'int64')), tf.constant(['no', 'yes'])], {}, 'init');
    const find = g.create_op('LookupTableFind', [h, tf.constant(NDArray.from([[1, 0, 7]], 'int64')), tf.constant('?')], {}, 'find').outputs[0];
    const n = g.create_op('LookupTableSize', [h], {}, 'n').outputs[0];
    tf.Session().with((sess) => {
      expect(list(sess.run(h))).to.deep.equal(['', 'classes']);
      sess.run(init);
      expect(sess.run(find)).to.deep.equal(NDArray.fromStrings(['yes', 'no', '?'], [1, 3]));
      expect(sess.run(n)).to.equal(2);
    });
  });

  it('LookupTableImportV2 replaces the contents', () => {
    const table = tf.contrib.lookup.HashTable(tf.contrib.lookup.KeyValueTensorInitializer(['x'], [1]), -1);
    const g = tf.get_default_graph();
    const imp = g.create_op('LookupTableImportV2', [table.table_ref, tf.constant(['y', 'z']), tf.constant([2, 3])], {}, 'import');
    const out = table.lookup(['x', 'y', 'z']);
    tf.Session().with((sess) => {
      sess.run(tf.tables_initializer());
      expect(list(sess.run(out))).to.deep.equal([1, -1, -1]);
      sess.run(imp);
      expect(list(sess.run(out))).to.deep.equal([-1, 2, 3]);
    });
  });
});
