import type { CpuKernel } from '../../lib/registry/kernel_registry';

/** Identity, StopGradient and an unfed PlaceholderWithDefault: the input itself (kernels never modify their inputs). */
export const identityKernel: CpuKernel = ([x]) => x;

/** NoOp: no outputs; it exists for its control dependencies. */
export const noOpKernel: CpuKernel = () => [];
