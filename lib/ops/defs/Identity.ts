import { LegacyOpSpec } from '../register_op';

/** Passes its input through (also what Variable/read is). */
export const Identity: LegacyOpSpec = {
  name: 'Identity',
  inputs: 1,
  outputs: ([x]) => x,
  cpu: ([x]) => x,
  gradient: (_op, [dy]) => [dy],
};

/** Identity for the forward pass, no gradient backward (tf.stop_gradient). */
export const StopGradient: LegacyOpSpec = {
  name: 'StopGradient',
  inputs: 1,
  outputs: ([x]) => x,
  cpu: ([x]) => x,
  gradient: null,
};

/** Does nothing; groups control dependencies (tf.no_op, tf.group). */
export const NoOp: LegacyOpSpec = {
  name: 'NoOp',
  inputs: 0,
  outputs: () => [],
  cpu: () => [],
  gradient: null,
};
