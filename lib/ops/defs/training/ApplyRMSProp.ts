import { applyOp } from './apply_op';

/** RMSPropOptimizer's update of a variable and its ms (mean square) and mom slots. */
export const ApplyRMSProp = applyOp({
  name: 'ApplyRMSProp',
  inputs: ['var', 'ms', 'mom', 'lr', 'rho', 'momentum', 'epsilon', 'grad'],
  refs: 3,
  scalars: ['lr', 'rho', 'momentum', 'epsilon'],
});

/** RMSPropOptimizer({centered: true})'s update, which also tracks the mean gradient mg. */
export const ApplyCenteredRMSProp = applyOp({
  name: 'ApplyCenteredRMSProp',
  inputs: ['var', 'mg', 'ms', 'mom', 'lr', 'rho', 'momentum', 'epsilon', 'grad'],
  refs: 4,
  scalars: ['lr', 'rho', 'momentum', 'epsilon'],
});
