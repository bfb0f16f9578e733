import type { OpSpec } from '../../register_op';
import { NUMERIC } from '../type_attrs';

/** variable = value (no output, as TF's; initializers and RestoreV2's restore ops use it). */
export const AssignVariableOp: OpSpec = {
  name: 'AssignVariableOp',
  inputs: [{ name: 'resource', type: 'resource' }, { name: 'value', type_attr: 'dtype' }],
  outputs: [],
  // validate_shape: TF 2.9+'s graphs (tf.compat.v1) carry it; TF1's never check the shape.
  attrs: { dtype: { type: 'type' }, validate_shape: { type: 'bool', default: false } },
  is_stateful: true,
  shape: () => [],
  gradient: null,
};

/** variable += value. */
export const AssignAddVariableOp: OpSpec = assignUpdate('AssignAddVariableOp');
/** variable -= value. */
export const AssignSubVariableOp: OpSpec = assignUpdate('AssignSubVariableOp');

function assignUpdate(name: string): OpSpec {
  return {
    name,
    inputs: [{ name: 'resource', type: 'resource' }, { name: 'value', type_attr: 'dtype' }],
    outputs: [],
    attrs: { dtype: { type: 'type', allowed_values: NUMERIC } },
    is_stateful: true,
    shape: () => [],
    gradient: null,
  };
}
