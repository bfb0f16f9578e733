import { applyOp } from './apply_op';
import { applyAdagradKernel } from '../../../../kernels/cpu/training/ApplyAdagrad';

/** AdagradOptimizer's update (attr update_slots, default true). */
export const ApplyAdagrad = applyOp({
  name: 'ApplyAdagrad',
  inputs: ['var', 'accum', 'lr', 'grad'],
  refs: 2,
  scalars: ['lr'],
  attrs: { update_slots: { type: 'bool', default: true } },
  cpu: applyAdagradKernel,
});
