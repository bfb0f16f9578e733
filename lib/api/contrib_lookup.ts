/** tf.contrib.lookup: hash tables from tensors (lib/ops/lookup_ops.ts). */
export {
  HashTable, KeyValueTensorInitializer, index_table_from_tensor, index_to_string_table_from_tensor,
} from '../ops/lookup_ops';
