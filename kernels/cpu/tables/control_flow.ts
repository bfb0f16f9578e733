import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { ifKernel } from '../control_flow/If';
import { whileKernel } from '../control_flow/While';
import { whileGradKernel } from '../control_flow/WhileGrad';
import { assertKernel } from '../control_flow/Assert';

/** The CPU kernels of the control-flow ops (lib/ops/defs/control_flow): they run their sub-graphs through the session. */
export const CONTROL_FLOW_KERNELS: Record<string, CpuKernel> = {
  If: ifKernel,
  While: whileKernel,
  WhileGrad: whileGradKernel,
  Assert: assertKernel,
};
