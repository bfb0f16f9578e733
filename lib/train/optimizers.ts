/* tf.train optimizers and the global step (lib/api/train.ts spreads these into tf.train). */
import { OptimizerBase } from './optimizer';
import { callable } from '../framework/callable';

/** tf.train.Optimizer: the base class (subclass it and implement _apply_dense). */
export const Optimizer = callable(OptimizerBase);
export type Optimizer = OptimizerBase;
export { GradientDescentOptimizer } from './gradient_descent';
export { MomentumOptimizer } from './momentum';
export { AdamOptimizer } from './adam';
export { AdagradOptimizer } from './adagrad';
export { RMSPropOptimizer } from './rmsprop';
export { get_global_step, create_global_step, get_or_create_global_step, global_step } from './global_step';
