import { Tensor } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { makeOp } from '../ops/op_builder';
import type { Variable } from '../ops/variables';
import { group } from '../ops/control_flow_ops';
import { callable } from '../framework/callable';
import { OptimizerBase, Hyperparameter, checkHyper } from './optimizer';
import { bindArgs } from '../framework/python_args';

interface AdamArgs { learning_rate: unknown; beta1: unknown; beta2: unknown; epsilon: unknown; use_locking: boolean; name: string }

/**
 * tf.train.AdamOptimizer(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
 * use_locking=false, name='Adam'), as TF1's ApplyAdam: lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t).
 * Slots 'Variable/Adam' (m) and 'Variable/Adam_1' (v); beta1^t and beta2^t are the
 * non-slot variables 'beta1_power' and 'beta2_power', advanced after every update.
 */
class AdamOptimizerImpl extends OptimizerBase {
  private readonly learningRate: Hyperparameter;
  private readonly beta1: Hyperparameter;
  private readonly beta2: Hyperparameter;
  private readonly epsilon: Hyperparameter;
  private tensors: { lr: Tensor; beta1: Tensor; beta2: Tensor; epsilon: Tensor } | null = null;

  constructor(...args: unknown[]) {
    const a = bindArgs<AdamArgs>('AdamOptimizer', args, ['learning_rate', 'beta1', 'beta2', 'epsilon', 'use_locking', 'name'],
      { learning_rate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, use_locking: false, name: 'Adam' });
    super(a.use_locking, a.name);
    this.learningRate = checkHyper(a.learning_rate, 'learning_rate', 'AdamOptimizer');
    this.beta1 = checkHyper(a.beta1, 'beta1', 'AdamOptimizer');
    this.beta2 = checkHyper(a.beta2, 'beta2', 'AdamOptimizer');
    this.epsilon = checkHyper(a.epsilon, 'epsilon', 'AdamOptimizer');
  }

  /** The beta1_power and beta2_power variables of the graph being built. */
  private betaAccumulators(): [Variable, Variable] {
    const g = this._graph!;
    return [this._get_non_slot_variable('beta1_power', g)!, this._get_non_slot_variable('beta2_power', g)!];
  }

  private initialPower(beta: Hyperparameter): number | Tensor {
    const b = typeof beta === 'function' ? beta() : beta;
    return typeof b === 'number' ? b : (b as { _asTensor(): Tensor })._asTensor();
  }

  protected override _create_slots(var_list: Variable[]): void {
    // As TF1, the powers are placed with the first variable by name.
    const first = var_list.reduce((x, y) => (y.name < x.name ? y : x));
    this._create_non_slot_variable(this.initialPower(this.beta1), 'beta1_power', first);
    this._create_non_slot_variable(this.initialPower(this.beta2), 'beta2_power', first);
    for (const v of var_list) {
      this._zeros_slot(v, 'm', this._name);
      this._zeros_slot(v, 'v', this._name);
    }
  }

  protected override _prepare(): void {
    this.tensors = {
      lr: this._hyper(this.learningRate, 'learning_rate'),
      beta1: this._hyper(this.beta1, 'beta1'),
      beta2: this._hyper(this.beta2, 'beta2'),
      epsilon: this._hyper(this.epsilon, 'epsilon'),
    };
  }

  protected override _apply_dense(grad: Tensor, v: Variable): Operation {
    const { lr, beta1, beta2, epsilon } = this.tensors!;
    const [beta1Power, beta2Power] = this.betaAccumulators();
    const m = this.get_slot(v, 'm')!, vSlot = this.get_slot(v, 'v')!;
    return makeOp('ApplyAdam',
      [v._ref, m._ref, vSlot._ref, beta1Power, beta2Power, lr, beta1, beta2, epsilon, grad],
      { use_locking: this._use_locking, use_nesterov: false });
  }

  /** Advances beta1^t and beta2^t once every variable has been updated with the current powers. */
  protected override _finish(update_ops: Operation[], name_scope: string): Operation {
    const { beta1, beta2 } = this.tensors!;
    const [beta1Power, beta2Power] = this.betaAccumulators();
    const g = this._graph!;
    const [updateBeta1, updateBeta2] = g.control_dependencies(update_ops, () => [
      beta1Power.assign(beta1Power.mul(beta1), { use_locking: this._use_locking }),
      beta2Power.assign(beta2Power.mul(beta2), { use_locking: this._use_locking }),
    ]);
    return group(...update_ops, updateBeta1.op, updateBeta2.op, { name: name_scope });
  }
}

export const AdamOptimizer = callable(AdamOptimizerImpl);
export type AdamOptimizer = AdamOptimizerImpl;
