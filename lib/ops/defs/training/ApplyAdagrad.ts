import { applyOp } from './apply_op';

/** AdagradOptimizer's update (attr update_slots, default true). */
export const ApplyAdagrad = applyOp({
  name: 'ApplyAdagrad',
  inputs: ['var', 'accum', 'lr', 'grad'],
  refs: 2,
  scalars: ['lr'],
  attrs: { update_slots: { type: 'bool', default: true } },
});
