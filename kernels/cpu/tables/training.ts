import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { softmaxCrossEntropyKernel, sparseSoftmaxCrossEntropyKernel } from '../softmax_cross_entropy';
import { l2LossKernel } from '../l2_loss';
import { applyGradientDescentKernel } from '../training/ApplyGradientDescent';
import { applyMomentumKernel } from '../training/ApplyMomentum';
import { applyAdamKernel } from '../training/ApplyAdam';
import { applyAdagradKernel } from '../training/ApplyAdagrad';
import { applyRMSPropKernel, applyCenteredRMSPropKernel } from '../training/ApplyRMSProp';

/** The CPU kernels of the training op definitions (lib/ops/defs/training), by TensorFlow op type. */
export const TRAINING_KERNELS: Record<string, CpuKernel> = {
  SoftmaxCrossEntropyWithLogits: softmaxCrossEntropyKernel,
  SparseSoftmaxCrossEntropyWithLogits: sparseSoftmaxCrossEntropyKernel,
  L2Loss: l2LossKernel,
  ApplyGradientDescent: applyGradientDescentKernel,
  ApplyMomentum: applyMomentumKernel,
  ApplyAdam: applyAdamKernel,
  ApplyAdagrad: applyAdagradKernel,
  ApplyRMSProp: applyRMSPropKernel,
  ApplyCenteredRMSProp: applyCenteredRMSPropKernel,
};
