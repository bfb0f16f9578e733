import { InvalidArgumentError } from '../../../lib/framework/errors';
import { NDArray } from '../../../lib/framework/ndarray';
import type { KernelContext } from '../../../lib/registry/kernel_registry';

/**
 * A resource's key in the session: shared_name (the op's name when empty, as TF), under its
 * container when one is given. A resource variable's value lives in the session's
 * VariableStore under this key, so a TF-written checkpoint's name for it restores it directly.
 */
export function resourceKey(ctx: KernelContext): string {
  const shared = (ctx.attrs.shared_name as string) || ctx.op.name;
  const container = ctx.attrs.container as string;
  return container ? `${container}/${shared}` : shared;
}

/** A scalar DT_RESOURCE handle naming `key`. */
export function handleTensor(key: string): NDArray {
  return new NDArray(new Float64Array(1), [], 'resource', [new TextEncoder().encode(key)]);
}

/** The key a handle input names. */
export function keyOfHandle(handle: NDArray, ctx: KernelContext): string {
  if (handle.dtype !== 'resource' || handle.size !== 1) {
    throw new InvalidArgumentError(`${ctx.op.type} expects a scalar resource handle, got a ${handle.dtype} of ${handle.size} values`, ctx.op.name);
  }
  return handle.stringAt(0);
}
