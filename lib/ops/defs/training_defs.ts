import type { OpSpec } from '../register_op';

/** Losses' fused ops and the optimizers' update ops (ApplyGradientDescent, ApplyAdam, ...). */
export const TRAINING_OPS: OpSpec[] = [];
