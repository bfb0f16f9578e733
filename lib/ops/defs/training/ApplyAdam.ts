import { applyOp } from './apply_op';

/** AdamOptimizer's update of a variable and its m and v slots (attr use_nesterov). */
export const ApplyAdam = applyOp({
  name: 'ApplyAdam',
  inputs: ['var', 'm', 'v', 'beta1_power', 'beta2_power', 'lr', 'beta1', 'beta2', 'epsilon', 'grad'],
  refs: 3,
  scalars: ['beta1_power', 'beta2_power', 'lr', 'beta1', 'beta2', 'epsilon'],
  attrs: { use_nesterov: { type: 'bool', default: false } },
});
