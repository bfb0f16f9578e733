/**
 * Every built-in CPU kernel, by TensorFlow op type. Op definitions (lib/ops/defs) do
 * not name kernels: the CPU backend registers these when it loads, the same way
 * another backend registers its own.
 */
import { kernelRegistry, CpuKernel } from '../../lib/registry/kernel_registry';
import { CORE_KERNELS } from './tables/core';
import { MATH_KERNELS } from './tables/math';
import { ARRAY_KERNELS } from './tables/array';
import { NN_KERNELS } from './tables/nn';
import { RANDOM_KERNELS } from './tables/random';
import { TRAINING_KERNELS } from './tables/training';
import { SHAPE_KERNELS } from './tables/shape';

const TABLES: Record<string, CpuKernel>[] = [CORE_KERNELS, MATH_KERNELS, SHAPE_KERNELS, ARRAY_KERNELS, NN_KERNELS, RANDOM_KERNELS, TRAINING_KERNELS];

export const CPU_KERNELS: Record<string, CpuKernel> = Object.assign({}, ...TABLES);

let registered = false;
/** Registers the built-in CPU kernels under backend 'cpu' (once per process). */
export function registerCpuKernels(): void {
  if (registered) return;
  registered = true;
  const reg = kernelRegistry();
  for (const [type, kernel] of Object.entries(CPU_KERNELS)) reg.register(type, 'cpu', kernel);
}
