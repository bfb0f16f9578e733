import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import {
  varHandleOpKernel, varIsInitializedOpKernel, readVariableOpKernel, assignVariableOpKernel,
  assignAddVariableOpKernel, assignSubVariableOpKernel,
} from '../resource/resource_variables';

/** The CPU kernels of the resource-variable ops (lib/ops/defs/resource). */
export const RESOURCE_KERNELS: Record<string, CpuKernel> = {
  VarHandleOp: varHandleOpKernel,
  VarIsInitializedOp: varIsInitializedOpKernel,
  ReadVariableOp: readVariableOpKernel,
  AssignVariableOp: assignVariableOpKernel,
  AssignAddVariableOp: assignAddVariableOpKernel,
  AssignSubVariableOp: assignSubVariableOpKernel,
};
