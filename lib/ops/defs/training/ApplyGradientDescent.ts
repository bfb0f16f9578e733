import { applyOp } from './apply_op';

/** var -= alpha * delta (GradientDescentOptimizer's update). */
export const ApplyGradientDescent = applyOp({
  name: 'ApplyGradientDescent',
  inputs: ['var', 'alpha', 'delta'],
  refs: 1,
  scalars: ['alpha'],
  types: ['float32', 'float64'],
});
