import type { CpuKernel } from '../../../lib/registry/kernel_registry';

/** The CPU kernels of the array op definitions (lib/ops/defs/array), by TensorFlow op type. */
export const ARRAY_KERNELS: Record<string, CpuKernel> = {
};
