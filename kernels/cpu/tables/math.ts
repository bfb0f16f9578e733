import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { matMulKernel } from '../MatMul';

/** The CPU kernels of the math op definitions (lib/ops/defs/math), by TensorFlow op type. */
export const MATH_KERNELS: Record<string, CpuKernel> = {
  MatMul: matMulKernel,
};
