import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { constKernel } from '../Const';
import { identityKernel, noOpKernel } from '../Identity';
import { placeholderKernel } from '../Placeholder';
import { variableV2Kernel, assignKernel, assignAddKernel, assignSubKernel, isVariableInitializedKernel } from '../variables';

/** The CPU kernels of the core op definitions (lib/ops/defs/core), by TensorFlow op type. */
export const CORE_KERNELS: Record<string, CpuKernel> = {
  Const: constKernel,
  Identity: identityKernel,
  StopGradient: identityKernel,
  NoOp: noOpKernel,
  Placeholder: placeholderKernel,
  PlaceholderWithDefault: identityKernel,
  VariableV2: variableV2Kernel,
  Assign: assignKernel,
  AssignAdd: assignAddKernel,
  AssignSub: assignSubKernel,
  IsVariableInitialized: isVariableInitializedKernel,
};
