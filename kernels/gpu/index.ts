/**
 * Every built-in gpu kernel, by TF1 op type. Each kernel module exports only its
 * kernels, each under the op type it implements, so this table is their union.
 */
import { kernelRegistry } from '../../lib/registry/kernel_registry';
import type { GpuKernel } from './types';
import * as graphOps from './graph_ops';
import * as variables from './variables';
import * as matmul from './MatMul';

export const GPU_KERNELS: Record<string, GpuKernel> = {
  ...graphOps, ...variables, ...matmul,
};

let registered = false;
/** Registers the built-in gpu kernels (a gpu kernel given in an op's own OpSpec.gpu takes precedence). */
export function registerGpuKernels(): void {
  if (registered) return;
  registered = true;
  const reg = kernelRegistry();
  for (const [type, kernel] of Object.entries(GPU_KERNELS)) {
    if (!reg.get(type, 'gpu')) reg.register(type, 'gpu', kernel);
  }
}
