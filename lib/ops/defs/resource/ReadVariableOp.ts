import type { OpSpec } from '../../register_op';
import type { Operation } from '../../../framework/operation';
import type { StaticShape } from '../../../registry/op_registry';

/**
 * The variable's current value. Its static shape is unknown from the handle alone (TF keeps
 * it as handle metadata); graphs we build set it from the VarHandleOp's shape attr.
 */
export const ReadVariableOp: OpSpec = {
  name: 'ReadVariableOp',
  inputs: [{ name: 'resource', type: 'resource' }],
  outputs: [{ name: 'value', type_attr: 'dtype' }],
  attrs: { dtype: { type: 'type' } },
  is_stateful: true,
  shape: () => ({ shape: null as StaticShape }),
  // As TF's _ReadGrad: the gradient of the value is the gradient of the variable.
  gradient: (_op: Operation, grads) => [grads[0]],
};
