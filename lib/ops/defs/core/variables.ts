import type { OpSpec } from '../../register_op';
import type { StaticShape } from '../../../registry/op_registry';
import { mergeShapes } from './shape_merge';
import { NUMERIC } from '../type_attrs';

/*
 * TF1's ref variables (state_ops.cc). The variable is the VariableV2 op; Assign and
 * friends take it as a ref input (is_ref: the plan never reads it as a value; the
 * kernel reaches the variable through ctx.ref) and output the updated ref. Kernels:
 * kernels/cpu/variables.ts.
 */

/** TF's numbertype among ours (float16 left out, as everywhere we compute): what AssignAdd and AssignSub can add. */
const NUMBER_TYPES = NUMERIC;

/** A variable's storage: reading it gives the session's current value. */
export const VariableV2: OpSpec = {
  name: 'VariableV2',
  inputs: [],
  outputs: [{ name: 'ref', type_attr: 'dtype', is_ref: true }],
  attrs: {
    shape: { type: 'shape' },
    dtype: { type: 'type' },
    container: { type: 'string', default: '' },
    shared_name: { type: 'string', default: '' },
  },
  is_stateful: true,
  shape: (_inputs, attrs) => ({ shape: attrs.shape as StaticShape }),
  gradient: null,
};

/** ref = value. With validate_shape false the variable takes the value's shape. */
export const Assign: OpSpec = {
  name: 'Assign',
  inputs: [{ name: 'ref', type_attr: 'T', is_ref: true }, { name: 'value', type_attr: 'T' }],
  outputs: [{ name: 'output_ref', type_attr: 'T', is_ref: true }],
  attrs: {
    T: { type: 'type' },
    validate_shape: { type: 'bool', default: true },
    use_locking: { type: 'bool', default: true },
  },
  shape: (inputs, attrs, opName) => {
    const [ref, value] = inputs;
    if (!attrs.validate_shape) return { shape: value.shape };
    return { shape: mergeShapes(ref.shape, value.shape, inputs, opName, 'Assign') };
  },
  gradient: null,
};

/** ref += value, in place (tf.assign_add). */
export const AssignAdd: OpSpec = assignUpdate('AssignAdd');

/** ref -= value, in place (tf.assign_sub). */
export const AssignSub: OpSpec = assignUpdate('AssignSub');

function assignUpdate(name: string): OpSpec {
  return {
    name,
    inputs: [{ name: 'ref', type_attr: 'T', is_ref: true }, { name: 'value', type_attr: 'T' }],
    outputs: [{ name: 'output_ref', type_attr: 'T', is_ref: true }],
    attrs: {
      T: { type: 'type', allowed_values: NUMBER_TYPES },
      use_locking: { type: 'bool', default: false },
    },
    shape: (inputs, _attrs, opName) => ({ shape: mergeShapes(inputs[0].shape, inputs[1].shape, inputs, opName, name) }),
    gradient: null,
  };
}

/** True once the variable holds a value (tf.is_variable_initialized). */
export const IsVariableInitialized: OpSpec = {
  name: 'IsVariableInitialized',
  inputs: [{ name: 'ref', type_attr: 'dtype', is_ref: true }],
  outputs: [{ name: 'is_initialized', type: 'bool' }],
  attrs: { dtype: { type: 'type' } },
  shape: () => ({ shape: [] }),
  gradient: null,
};
