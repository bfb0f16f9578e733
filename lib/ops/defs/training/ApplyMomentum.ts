import { applyOp } from './apply_op';
import { applyMomentumKernel } from '../../../../kernels/cpu/training/ApplyMomentum';

/** MomentumOptimizer's update (attr use_nesterov). */
export const ApplyMomentum = applyOp({
  name: 'ApplyMomentum',
  inputs: ['var', 'accum', 'lr', 'grad', 'momentum'],
  refs: 2,
  scalars: ['lr', 'momentum'],
  attrs: { use_nesterov: { type: 'bool', default: false } },
  cpu: applyMomentumKernel,
});
