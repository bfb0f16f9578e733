import { FailedPreconditionError, InvalidArgumentError } from '../../../lib/framework/errors';
import { NDArray } from '../../../lib/framework/ndarray';
import type { CpuKernel, KernelContext, VariableHandle } from '../../../lib/registry/kernel_registry';
import { handleTensor, keyOfHandle, resourceKey } from './handles';

/** VarHandleOp: the handle, naming the variable's key in the session. */
export const varHandleOpKernel: CpuKernel = (_inputs, ctx) => handleTensor(resourceKey(ctx));

/** VarIsInitializedOp: whether the handle's variable holds a value. */
export const varIsInitializedOpKernel: CpuKernel = ([handle], ctx) =>
  NDArray.scalar(ctx.variable(keyOfHandle(handle, ctx)).isInitialized(), 'bool');

/** The variable behind a handle, which must hold a value of the op's dtype. */
function initialized(handle: NDArray, ctx: KernelContext): VariableHandle {
  const key = keyOfHandle(handle, ctx);
  const v = ctx.variable(key);
  if (!v.isInitialized()) {
    throw new FailedPreconditionError(`Error while reading resource variable ${key} from Container: localhost. ` +
      'This could mean that the variable was uninitialized.', ctx.op.name);
  }
  const dtype = v.read().dtype;
  if (dtype !== ctx.attrs.dtype) {
    throw new InvalidArgumentError(`Trying to read variable with wrong dtype. Expected ${dtype} got ${ctx.attrs.dtype as string}`, ctx.op.name);
  }
  return v;
}

/** ReadVariableOp: the current value (a fetch of it is copied out of the store). */
export const readVariableOpKernel: CpuKernel = ([handle], ctx) => initialized(handle, ctx).read();

/** AssignVariableOp: the variable takes the value (and its shape), as TF1's. */
export const assignVariableOpKernel: CpuKernel = ([handle, value], ctx) => {
  const v = ctx.variable(keyOfHandle(handle, ctx));
  if (v.isInitialized() && v.read().dtype !== value.dtype) {
    throw new InvalidArgumentError(`Variable and value dtypes don't match; respectively, ${v.read().dtype} and ${value.dtype}`, ctx.op.name);
  }
  if (ctx.attrs.validate_shape === true && v.isInitialized() && !sameShape(v.read().shape, value.shape)) {
    throw new InvalidArgumentError(`Trying to assign to variable with tensor with wrong shape. Expected [${v.read().shape.join(',')}] ` +
      `got [${value.shape.join(',')}]`, ctx.op.name);
  }
  v.write(value);
  return [];
};

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function updateKernel(sign: 1 | -1): CpuKernel {
  return ([handle, value], ctx) => {
    const v = initialized(handle, ctx);
    const current = v.read();
    if (!sameShape(current.shape, value.shape)) {
      throw new InvalidArgumentError(`Cannot update variable with shape [${current.shape.join(',')}] using a Tensor with shape ` +
        `[${value.shape.join(',')}], shapes must be equal.`, ctx.op.name);
    }
    const buf = v.writable();
    const d = buf.data, s = value.data;
    for (let i = 0; i < d.length; i++) d[i] += sign * s[i];
    return [];
  };
}

/** AssignAddVariableOp: variable += value (same shape). */
export const assignAddVariableOpKernel = updateKernel(1);
/** AssignSubVariableOp: variable -= value. */
export const assignSubVariableOpKernel = updateKernel(-1);
