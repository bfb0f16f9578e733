import { InvalidArgumentError } from '../../lib/framework/errors';
import { isCompatible, shapeToString } from '../../lib/framework/shape_utils';
import { formatShape, NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/** VariableV2: the session's current value of the variable this op is. */
export const variableV2Kernel: CpuKernel = (_inputs, ctx) => ctx.variable(ctx.op.name).read();

/** Assign: ref = value; with validate_shape the run-time shape must fit the variable's static one. */
export const assignKernel: CpuKernel = ([, value], ctx) => {
  const v = ctx.ref(0);
  const staticShape = ctx.op.inputs[0].shape;
  if (ctx.attrs.validate_shape !== false && !isCompatible(staticShape, value.shape)) {
    throw new InvalidArgumentError(`Assign requires shapes of both tensors to match. lhs shape= ${shapeToString(staticShape)} rhs shape= ${formatShape(value.shape)}`, ctx.op.name);
  }
  v.write(value);
  return v.read();
};

function updateKernel(sign: 1 | -1): CpuKernel {
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

/** AssignAdd: ref += value, in the variable's staged buffer. */
export const assignAddKernel = updateKernel(1);
/** AssignSub: ref -= value. */
export const assignSubKernel = updateKernel(-1);

/** IsVariableInitialized: whether the variable holds a value yet. */
export const isVariableInitializedKernel: CpuKernel = (_inputs, ctx) => NDArray.scalar(ctx.ref(0).isInitialized(), 'bool');
