/** gpu kernels of variables: their values stay on the device across runs. */
import type { GpuKernel } from './types';
import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { isCompatible, shapeToString } from '../../lib/framework/shape_utils';

export const VariableV2: GpuKernel = (_inputs, ctx) => ctx.variable(ctx.op.name).read();

export const Assign: GpuKernel = ([, value], ctx) => {
  const staticShape = ctx.op.inputs[0].shape;
  if (ctx.attrs.validate_shape !== false && !isCompatible(staticShape, value.shape)) {
    throw new InvalidArgumentError(`Assign requires shapes of both tensors to match. lhs shape= ${shapeToString(staticShape)} rhs shape= ${formatShape(value.shape)}`, ctx.op.name);
  }
  // Device values are immutable, so the variable can share the assigned value's storage.
  ctx.ref(0).write(value);
  return value;
};

function update(sign: '+' | '-'): GpuKernel {
  return ([, value], ctx) => {
    const v = ctx.ref(0);
    const current = v.read();
    if (current.size !== value.size && value.size !== 1) {
      throw new InvalidArgumentError(`${ctx.op.type} requires matching shapes: variable ${formatShape(current.shape)}, value ${formatShape(value.shape)}`, ctx.op.name);
    }
    const at = value.size === 1 ? '0' : 'this.thread.x';
    const next = ctx.launch(`function(v, d) { return v[this.thread.x] ${sign} d[${at}]; }`, [current, value], current.shape, current.dtype);
    v.write(next);
    return next;
  };
}
export const AssignAdd = update('+');
export const AssignSub = update('-');

export const IsVariableInitialized: GpuKernel = (_inputs, ctx) => ctx.fromHost(NDArray.scalar(ctx.ref(0).isInitialized(), 'bool'));
