import type { OpSpec } from '../register_op';
import { SoftmaxCrossEntropyWithLogits } from './training/SoftmaxCrossEntropyWithLogits';
import { SparseSoftmaxCrossEntropyWithLogits } from './training/SparseSoftmaxCrossEntropyWithLogits';
import { L2Loss } from './training/L2Loss';
import { ApplyGradientDescent } from './training/ApplyGradientDescent';
import { ApplyMomentum } from './training/ApplyMomentum';
import { ApplyAdam } from './training/ApplyAdam';
import { ApplyAdagrad } from './training/ApplyAdagrad';
import { ApplyRMSProp, ApplyCenteredRMSProp } from './training/ApplyRMSProp';

/** Losses' fused ops and the optimizers' update ops (ApplyGradientDescent, ApplyAdam, ...). */
export const TRAINING_OPS: OpSpec[] = [
  SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits, L2Loss,
  ApplyGradientDescent, ApplyMomentum, ApplyAdam, ApplyAdagrad, ApplyRMSProp, ApplyCenteredRMSProp,
];
