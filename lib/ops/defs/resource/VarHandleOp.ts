import type { OpSpec } from '../../register_op';

/*
 * TF's resource variables (resource_variable_ops.cc), as TF 1.12+ and tf.compat.v1 write them.
 * The variable is a handle (a DT_RESOURCE scalar); ReadVariableOp / AssignVariableOp and friends
 * take the handle as an ordinary input and reach the session's value through it. Here a handle's
 * value is the variable's key in the session's VariableStore (kernels/cpu/resource/).
 */

/** A handle to a resource variable, named by container and shared_name (the op's name when shared_name is empty). */
export const VarHandleOp: OpSpec = {
  name: 'VarHandleOp',
  inputs: [],
  outputs: [{ name: 'resource', type: 'resource' }],
  attrs: {
    container: { type: 'string', default: '' },
    shared_name: { type: 'string', default: '' },
    dtype: { type: 'type' },
    shape: { type: 'shape' },
    // TF 2.x's compat.v1 graphs carry it; devices do not matter here.
    allowed_devices: { type: 'list(string)', default: [] },
  },
  is_stateful: true,
  shape: () => ({ shape: [] }),
  gradient: null,
};

/** True once the handle's variable holds a value (resource variables' is_initialized). */
export const VarIsInitializedOp: OpSpec = {
  name: 'VarIsInitializedOp',
  inputs: [{ name: 'resource', type: 'resource' }],
  outputs: [{ name: 'is_initialized', type: 'bool' }],
  attrs: {},
  is_stateful: true,
  shape: () => ({ shape: [] }),
  gradient: null,
};
