import type { OpSpec } from '../../register_op';

/** Passes its input through (also what Variable/read is; kernel: kernels/cpu/Identity.ts). */
export const Identity: OpSpec = {
  name: 'Identity',
  inputs: [{ name: 'input', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { T: { type: 'type' } },
  shape: ([input]) => ({ shape: input.shape }),
  gradient: (_op, [dy]) => [dy],
};

/** Identity for the forward pass, no gradient backward (tf.stop_gradient). */
export const StopGradient: OpSpec = {
  name: 'StopGradient',
  inputs: [{ name: 'input', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { T: { type: 'type' } },
  shape: ([input]) => ({ shape: input.shape }),
  gradient: null,
};

/** Does nothing; groups control dependencies (tf.no_op, tf.group). */
export const NoOp: OpSpec = {
  name: 'NoOp',
  inputs: [],
  outputs: [],
  shape: () => [],
  gradient: null,
};
