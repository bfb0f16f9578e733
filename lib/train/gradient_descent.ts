import { Tensor } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { makeOp } from '../ops/op_builder';
import type { Variable } from '../ops/variables';
import { callable } from '../framework/callable';
import { OptimizerBase, Hyperparameter, checkHyper } from './optimizer';
import { bindArgs } from '../framework/python_args';
import { cast } from '../ops/math_ops';

interface GradientDescentArgs { learning_rate: unknown; use_locking: boolean; name: string }

/** tf.train.GradientDescentOptimizer(learning_rate, use_locking=false, name='GradientDescent'): var -= lr * grad. */
class GradientDescentOptimizerImpl extends OptimizerBase {
  private readonly learningRate: Hyperparameter;
  private learningRateTensor: Tensor | null = null;

  constructor(...args: unknown[]) {
    const a = bindArgs<GradientDescentArgs>('GradientDescentOptimizer', args, ['learning_rate', 'use_locking', 'name'],
      { use_locking: false, name: 'GradientDescent' });
    super(a.use_locking, a.name);
    this.learningRate = checkHyper(a.learning_rate, 'learning_rate', 'GradientDescentOptimizer');
  }

  protected override _prepare(): void {
    this.learningRateTensor = this._hyper(this.learningRate, 'learning_rate');
  }

  protected override _apply_dense(grad: Tensor, v: Variable): Operation {
    // As TF1: the float32 rate is cast to the variable's dtype (float64).
    const lr = v.dtype === 'float32' ? this.learningRateTensor! : cast(this.learningRateTensor!, v.dtype);
    return makeOp('ApplyGradientDescent', [v._ref, lr, grad], { use_locking: this._use_locking });
  }
}

export const GradientDescentOptimizer = callable(GradientDescentOptimizerImpl);
export type GradientDescentOptimizer = GradientDescentOptimizerImpl;
