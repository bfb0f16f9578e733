import { applyOp } from './apply_op';

/** MomentumOptimizer's update (attr use_nesterov). */
export const ApplyMomentum = applyOp({
  name: 'ApplyMomentum',
  inputs: ['var', 'accum', 'lr', 'grad', 'momentum'],
  refs: 2,
  scalars: ['lr', 'momentum'],
  attrs: { use_nesterov: { type: 'bool', default: false } },
});
