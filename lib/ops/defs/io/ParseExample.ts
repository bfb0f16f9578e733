import type { OpSpec } from '../../register_op';
import type { StaticShape } from '../../../registry/op_registry';

/**
 * Parses serialized tf.Example protos into sparse and dense tensors (TF's OpDef): tf.parse_example,
 * and the classify/regress signatures of TF Serving models. Kernel: kernels/cpu/io/ParseExample.ts.
 */
export const ParseExample: OpSpec = {
  name: 'ParseExample',
  inputs: [
    { name: 'serialized', type: 'string' }, { name: 'names', type: 'string' },
    { name: 'sparse_keys', number_attr: 'Nsparse', type: 'string' },
    { name: 'dense_keys', number_attr: 'Ndense', type: 'string' },
    { name: 'dense_defaults', type_list_attr: 'Tdense' },
  ],
  outputs: [
    { name: 'sparse_indices', number_attr: 'Nsparse', type: 'int64' },
    { name: 'sparse_values', type_list_attr: 'sparse_types' },
    { name: 'sparse_shapes', number_attr: 'Nsparse', type: 'int64' },
    { name: 'dense_values', type_list_attr: 'Tdense' },
  ],
  attrs: {
    Nsparse: { type: 'int', minimum: 0 },
    Ndense: { type: 'int', minimum: 0 },
    sparse_types: { type: 'list(type)', minimum: 0, allowed_values: ['float32', 'int64', 'string'] },
    Tdense: { type: 'list(type)', minimum: 0, allowed_values: ['float32', 'int64', 'string'] },
    dense_shapes: { type: 'list(shape)', minimum: 0 },
  },
  shape: ([serialized], attrs) => {
    const nSparse = attrs.Nsparse as number;
    const batch = serialized.shape && serialized.shape.length === 1 ? serialized.shape[0] : null;
    const dense = (attrs.dense_shapes as StaticShape[]).map((s) => ({ shape: s === null ? null : [batch, ...s] as StaticShape }));
    return [
      ...Array.from({ length: nSparse }, () => ({ shape: [null, 2] as StaticShape })),
      ...Array.from({ length: nSparse }, () => ({ shape: [null] as StaticShape })),
      ...Array.from({ length: nSparse }, () => ({ shape: [2] as StaticShape })),
      ...dense,
    ];
  },
  gradient: null,
};
