import type { CpuKernel } from '../../../lib/registry/kernel_registry';

/** The CPU kernels of the nn op definitions (lib/ops/defs/nn), by TensorFlow op type. */
export const NN_KERNELS: Record<string, CpuKernel> = {
};
