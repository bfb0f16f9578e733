import type { OpSpec } from '../../register_op';
import type { StaticShape } from '../../../registry/op_registry';

/** Joins N string tensors element-wise with `separator`; scalars broadcast (kernel: kernels/cpu/io/StringJoin.ts). */
export const StringJoin: OpSpec = {
  name: 'StringJoin',
  inputs: [{ name: 'inputs', number_attr: 'N', type: 'string' }],
  outputs: [{ name: 'output', type: 'string' }],
  attrs: { N: { type: 'int', minimum: 1 }, separator: { type: 'string', default: '' } },
  // The first input that is not a scalar gives the shape (all non-scalars must agree at run time).
  shape: (inputs) => ({ shape: (inputs.find((t) => t.shape === null || t.shape.length > 0)?.shape ?? []) as StaticShape }),
  gradient: null,
};
