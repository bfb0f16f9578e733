import { LegacyOpSpec } from '../register_op';
import { mergeStatic, shapeToString } from '../../framework/shape_utils';
import { InvalidArgumentError, ValueError } from '../../framework/errors';
import { isCompatible } from '../../framework/shape_utils';
import { formatShape, NDArray } from '../../framework/ndarray';

/** A variable's storage: reading it gives the session's current value. */
export const VariableV2: LegacyOpSpec = {
  name: 'VariableV2',
  inputs: 0,
  stateful: true,
  outputs: (_i, attrs) => ({ dtype: attrs.dtype, shape: attrs.shape }),
  cpu: (_inputs, ctx) => ctx.variable(ctx.op.name).read(),
  gradient: null,
};

function checkAssignShapes(ref: { shape: any; dtype: any }, value: { shape: any; dtype: any }, opName: string, validate: boolean) {
  if (ref.dtype !== value.dtype) {
    throw new ValueError(`Op '${opName}': cannot assign a ${value.dtype} value to a ${ref.dtype} variable`);
  }
  if (validate) mergeStatic(ref.shape, value.shape, `assigning to the variable in '${opName}'`);
}

/** ref = value. With validate_shape false the variable may change shape. */
export const Assign: LegacyOpSpec = {
  name: 'Assign',
  inputs: 2,
  refInputs: [0],
  stateful: true,
  outputs: ([ref, value], attrs, opName) => {
    const validate = attrs.validate_shape !== false;
    checkAssignShapes(ref, value, opName, validate);
    return { dtype: ref.dtype, shape: validate ? mergeStatic(ref.shape, value.shape, opName) : value.shape };
  },
  cpu: ([, value], ctx) => {
    const v = ctx.ref(0);
    const staticShape = ctx.op.inputs[0].shape;
    if (ctx.attrs.validate_shape !== false && !isCompatible(staticShape, value.shape)) {
      throw new InvalidArgumentError(`Assign requires shapes of both tensors to match. lhs shape= ${shapeToString(staticShape)} rhs shape= ${formatShape(value.shape)}`, ctx.op.name);
    }
    v.write(value);
    return v.read();
  },
  gradient: null,
};

function updateKernel(sign: 1 | -1): LegacyOpSpec['cpu'] {
  return ([, value], ctx) => {
    const v = ctx.ref(0);
    const current = v.read();
    if (current.size !== value.size && value.size !== 1) {
      throw new InvalidArgumentError(`${ctx.op.type} requires matching shapes: variable ${formatShape(current.shape)}, value ${formatShape(value.shape)}`, ctx.op.name);
    }
    const buf = v.writable();
    const d = buf.data, s = value.data;
    if (s.length === 1) { const x = s[0] * sign; for (let i = 0; i < d.length; i++) d[i] += x; }
    else for (let i = 0; i < d.length; i++) d[i] += sign * s[i];
    return buf;
  };
}

export const AssignAdd: LegacyOpSpec = {
  name: 'AssignAdd', inputs: 2, refInputs: [0], stateful: true,
  outputs: ([ref, value], _a, opName) => { checkAssignShapes(ref, value, opName, true); return ref; },
  cpu: updateKernel(1),
  gradient: null,
};

export const AssignSub: LegacyOpSpec = {
  name: 'AssignSub', inputs: 2, refInputs: [0], stateful: true,
  outputs: ([ref, value], _a, opName) => { checkAssignShapes(ref, value, opName, true); return ref; },
  cpu: updateKernel(-1),
  gradient: null,
};

/** True once the variable holds a value (tf.is_variable_initialized). */
export const IsVariableInitialized: LegacyOpSpec = {
  name: 'IsVariableInitialized', inputs: 1, refInputs: [0], stateful: true,
  outputs: () => ({ dtype: 'bool', shape: [] }),
  cpu: (_i, ctx) => NDArray.scalar(ctx.ref(0).isInitialized(), 'bool'),
  gradient: null,
};
