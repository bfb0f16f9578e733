import type { CpuKernel } from '../../../lib/registry/kernel_registry';

/** The CPU kernels of the training op definitions (lib/ops/defs/training), by TensorFlow op type. */
export const TRAINING_KERNELS: Record<string, CpuKernel> = {
};
