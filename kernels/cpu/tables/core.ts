import type { CpuKernel } from '../../../lib/registry/kernel_registry';

/** The CPU kernels of the core op definitions (lib/ops/defs/core), by TensorFlow op type. */
export const CORE_KERNELS: Record<string, CpuKernel> = {
};
