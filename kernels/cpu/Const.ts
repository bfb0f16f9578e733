import type { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/** The `value` attr itself: kernels never modify their inputs, and fetches of it are copied out. */
export const constKernel: CpuKernel = (_inputs, ctx) => ctx.attrs.value as NDArray;
