/**
 * Every built-in gpu kernel, by TF1 op type. Each kernel module exports only its
 * kernels, each under the op type it implements, so this table is their union.
 * (Helpers live in modules not listed here: codegen, elementwise, reduce, host_probe.)
 */
import { kernelRegistry } from '../../lib/registry/kernel_registry';
import type { GpuKernel } from './types';
import * as graphOps from './graph_ops';
import * as variables from './variables';
import * as matmul from './MatMul';
import * as binary from './binary_ops';
import * as comparison from './comparison_ops';
import * as unary from './unary_ops';
import * as activations from './activations';
import * as reductions from './reductions';
import * as argmax from './ArgMax';
import * as shapeOps from './shape_ops';
import * as addN from './AddN';
import * as arrayOps from './array_ops';
import * as softmax from './Softmax';
import * as crossEntropy from './cross_entropy';
import * as conv from './Conv2D';
import * as pooling from './pooling';
import * as biasAdd from './BiasAdd';
import * as random from './random_ops';
import * as training from './training_ops';
import * as fusedBatchNorm from './FusedBatchNorm';
import * as gatherOps from './gather_ops';
import * as slicing from './slicing_ops';
import * as controlFlow from './control_flow';

const MODULES: Record<string, unknown>[] = [
  graphOps, variables, matmul, binary, comparison, unary, activations, reductions, argmax, shapeOps, addN,
  arrayOps, softmax, crossEntropy, conv, pooling, biasAdd, random, training,
  fusedBatchNorm,
  gatherOps,
  slicing,
  controlFlow,
];

/** Exports named like op types (CamelCase) are kernels; anything else a module exports is a helper. */
export const GPU_KERNELS: Record<string, GpuKernel> = Object.fromEntries(
  MODULES.flatMap((m) => Object.entries(m)).filter(([name, k]) => /^[A-Z]/.test(name) && typeof k === 'function'),
) as Record<string, GpuKernel>;

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
