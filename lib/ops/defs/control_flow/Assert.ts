import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';

/** Fails the run with InvalidArgumentError, printing `data`, when `condition` is false (tf.Assert; kernel: kernels/cpu/control_flow/Assert.ts). */
export const Assert: OpSpec = {
  name: 'Assert',
  inputs: [{ name: 'condition', type: 'bool' }, { name: 'data', type_list_attr: 'T' }],
  outputs: [],
  attrs: { T: { type: 'list(type)', minimum: 1 }, summarize: { type: 'int', default: 3 } },
  is_stateful: true,
  shape: ([condition], _attrs, opName) => {
    if (condition.shape !== null && condition.shape.length !== 0) {
      throw new ValueError(`Shape must be rank 0 but is rank ${condition.shape.length} for '${opName}' (op: 'Assert') with input shapes: [${condition.shape.map((d) => d ?? '?').join(',')}].`);
    }
    return [];
  },
  gradient: null,
};
