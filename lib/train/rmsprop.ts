import { Tensor } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { makeOp } from '../ops/op_builder';
import type { Variable } from '../ops/variables';
import { callable } from '../framework/callable';
import { OptimizerBase, Hyperparameter, checkHyper } from './optimizer';
import { bindArgs } from '../framework/python_args';

interface RMSPropArgs {
  learning_rate: unknown; decay: unknown; momentum: unknown; epsilon: unknown;
  use_locking: boolean; centered: boolean; name: string;
}

/**
 * tf.train.RMSPropOptimizer(learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10,
 * use_locking=false, centered=false, name='RMSProp'). As TF1, the mean-square slot
 * ('Variable/RMSProp') starts at ones and the momentum slot ('Variable/RMSProp_1') at
 * zeros; centered adds a mean-gradient slot created before the momentum one.
 */
class RMSPropOptimizerImpl extends OptimizerBase {
  private readonly learningRate: Hyperparameter;
  private readonly decay: Hyperparameter;
  private readonly momentum: Hyperparameter;
  private readonly epsilon: Hyperparameter;
  readonly _centered: boolean;
  private tensors: { lr: Tensor; decay: Tensor; momentum: Tensor; epsilon: Tensor } | null = null;

  constructor(...args: unknown[]) {
    const a = bindArgs<RMSPropArgs>('RMSPropOptimizer', args,
      ['learning_rate', 'decay', 'momentum', 'epsilon', 'use_locking', 'centered', 'name'],
      { decay: 0.9, momentum: 0.0, epsilon: 1e-10, use_locking: false, centered: false, name: 'RMSProp' });
    super(a.use_locking, a.name);
    this.learningRate = checkHyper(a.learning_rate, 'learning_rate', 'RMSPropOptimizer');
    this.decay = checkHyper(a.decay, 'decay', 'RMSPropOptimizer');
    this.momentum = checkHyper(a.momentum, 'momentum', 'RMSPropOptimizer');
    this.epsilon = checkHyper(a.epsilon, 'epsilon', 'RMSPropOptimizer');
    this._centered = !!a.centered;
  }

  protected override _create_slots(var_list: Variable[]): void {
    for (const v of var_list) {
      this._get_or_make_slot_with_value(v, 1, 'rms', this._name, 'ones');
      if (this._centered) this._zeros_slot(v, 'mg', this._name);
      this._zeros_slot(v, 'momentum', this._name);
    }
  }

  protected override _prepare(): void {
    this.tensors = {
      lr: this._hyper(this.learningRate, 'learning_rate'),
      decay: this._hyper(this.decay, 'decay'),
      momentum: this._hyper(this.momentum, 'momentum'),
      epsilon: this._hyper(this.epsilon, 'epsilon'),
    };
  }

  protected override _apply_dense(grad: Tensor, v: Variable): Operation {
    const { lr, decay, momentum, epsilon } = this.tensors!;
    const rms = this.get_slot(v, 'rms')!, mom = this.get_slot(v, 'momentum')!;
    const attrs = { use_locking: this._use_locking };
    if (this._centered) {
      const mg = this.get_slot(v, 'mg')!;
      return makeOp('ApplyCenteredRMSProp', [v._ref, mg._ref, rms._ref, mom._ref, lr, decay, momentum, epsilon, grad], attrs);
    }
    return makeOp('ApplyRMSProp', [v._ref, rms._ref, mom._ref, lr, decay, momentum, epsilon, grad], attrs);
  }
}

export const RMSPropOptimizer = callable(RMSPropOptimizerImpl);
export type RMSPropOptimizer = RMSPropOptimizerImpl;
