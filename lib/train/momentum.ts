import { Tensor } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { makeOp } from '../ops/op_builder';
import type { Variable } from '../ops/variables';
import { callable } from '../framework/callable';
import { OptimizerBase, Hyperparameter, checkHyper } from './optimizer';
import { bindArgs } from '../framework/python_args';

interface MomentumArgs { learning_rate: unknown; momentum: unknown; use_locking: boolean; name: string; use_nesterov: boolean }

/**
 * tf.train.MomentumOptimizer(learning_rate, momentum, use_locking=false, name='Momentum',
 * use_nesterov=false): accum = momentum * accum + grad; var -= lr * accum. Slot 'Variable/Momentum'.
 */
class MomentumOptimizerImpl extends OptimizerBase {
  private readonly learningRate: Hyperparameter;
  private readonly momentum: Hyperparameter;
  readonly _use_nesterov: boolean;
  private lrTensor: Tensor | null = null;
  private momentumTensor: Tensor | null = null;

  constructor(...args: unknown[]) {
    const a = bindArgs<MomentumArgs>('MomentumOptimizer', args, ['learning_rate', 'momentum', 'use_locking', 'name', 'use_nesterov'],
      { use_locking: false, name: 'Momentum', use_nesterov: false });
    super(a.use_locking, a.name);
    this.learningRate = checkHyper(a.learning_rate, 'learning_rate', 'MomentumOptimizer');
    this.momentum = checkHyper(a.momentum, 'momentum', 'MomentumOptimizer');
    this._use_nesterov = !!a.use_nesterov;
  }

  protected override _create_slots(var_list: Variable[]): void {
    for (const v of var_list) this._zeros_slot(v, 'momentum', this._name);
  }

  protected override _prepare(): void {
    this.lrTensor = this._hyper(this.learningRate, 'learning_rate');
    this.momentumTensor = this._hyper(this.momentum, 'momentum');
  }

  protected override _apply_dense(grad: Tensor, v: Variable): Operation {
    const accum = this.get_slot(v, 'momentum')!;
    return makeOp('ApplyMomentum', [v._ref, accum._ref, this.lrTensor!, grad, this.momentumTensor!],
      { use_locking: this._use_locking, use_nesterov: this._use_nesterov });
  }
}

export const MomentumOptimizer = callable(MomentumOptimizerImpl);
export type MomentumOptimizer = MomentumOptimizerImpl;
