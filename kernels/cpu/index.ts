/**
 * Every built-in CPU kernel, by TensorFlow op type. Op definitions (lib/ops/defs) do
 * not name kernels: the CPU backend registers these when it loads, the same way
 * another backend registers its own.
 */
import { kernelRegistry, CpuKernel } from '../../lib/registry/kernel_registry';
import { InternalError } from '../../lib/framework/errors';
import { CORE_KERNELS } from './tables/core';
import { MATH_KERNELS } from './tables/math';
import { ARRAY_KERNELS } from './tables/array';
import { NN_KERNELS } from './tables/nn';
import { RANDOM_KERNELS } from './tables/random';
import { TRAINING_KERNELS } from './tables/training';
import { SHAPE_KERNELS } from './tables/shape';
import { GATHER_KERNELS } from './tables/gather';
import { IO_KERNELS } from './tables/io';
import { RESOURCE_KERNELS } from './tables/resource';
import { LOOKUP_KERNELS } from './tables/lookup';
import { STRING_KERNELS } from './tables/string';
import { SUMMARY_KERNELS } from './tables/summary';
import { CONTROL_FLOW_KERNELS } from './tables/control_flow';

/**
 * One table of kernels by op type from named tables. An op type in two tables throws:
 * merged in order, the later one would silently replace the other's kernel.
 */
export function mergeKernelTables(tables: Record<string, Record<string, CpuKernel>>): Record<string, CpuKernel> {
  const merged: Record<string, CpuKernel> = {};
  const tableOf = new Map<string, string>();
  for (const [tableName, table] of Object.entries(tables)) {
    for (const [type, kernel] of Object.entries(table)) {
      const first = tableOf.get(type);
      if (first !== undefined) {
        throw new InternalError(`CPU kernel tables '${first}' and '${tableName}' both have a kernel for op type '${type}'`);
      }
      tableOf.set(type, tableName);
      merged[type] = kernel;
    }
  }
  return merged;
}

export const CPU_KERNELS: Record<string, CpuKernel> = mergeKernelTables({
  core: CORE_KERNELS, math: MATH_KERNELS, shape: SHAPE_KERNELS, array: ARRAY_KERNELS, nn: NN_KERNELS,
  random: RANDOM_KERNELS, training: TRAINING_KERNELS,
  gather: GATHER_KERNELS,
  io: IO_KERNELS,
  resource: RESOURCE_KERNELS,
  lookup: LOOKUP_KERNELS,
  string: STRING_KERNELS,
  summary: SUMMARY_KERNELS,
  control_flow: CONTROL_FLOW_KERNELS,
});

let registered = false;
/** Registers the built-in CPU kernels under backend 'cpu' (once per process). */
export function registerCpuKernels(): void {
  if (registered) return;
  registered = true;
  const reg = kernelRegistry();
  for (const [type, kernel] of Object.entries(CPU_KERNELS)) reg.register(type, 'cpu', kernel);
}
