import { Tensor } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { ValueError } from '../framework/errors';
import { makeOp } from '../ops/op_builder';
import type { Variable } from '../ops/variables';
import { callable } from '../framework/callable';
import { OptimizerBase, Hyperparameter, checkHyper } from './optimizer';
import { bindArgs } from '../framework/python_args';

interface AdagradArgs { learning_rate: unknown; initial_accumulator_value: number; use_locking: boolean; name: string }

/**
 * tf.train.AdagradOptimizer(learning_rate, initial_accumulator_value=0.1, use_locking=false,
 * name='Adagrad'): accum += grad^2; var -= lr * grad / sqrt(accum). Slot 'Variable/Adagrad'.
 */
class AdagradOptimizerImpl extends OptimizerBase {
  private readonly learningRate: Hyperparameter;
  readonly _initial_accumulator_value: number;
  private lrTensor: Tensor | null = null;

  constructor(...args: unknown[]) {
    const a = bindArgs<AdagradArgs>('AdagradOptimizer', args, ['learning_rate', 'initial_accumulator_value', 'use_locking', 'name'],
      { initial_accumulator_value: 0.1, use_locking: false, name: 'Adagrad' });
    super(a.use_locking, a.name);
    this.learningRate = checkHyper(a.learning_rate, 'learning_rate', 'AdagradOptimizer');
    if (typeof a.initial_accumulator_value !== 'number' || !(a.initial_accumulator_value > 0)) {
      throw new ValueError(`initial_accumulator_value must be positive: ${a.initial_accumulator_value}`);
    }
    this._initial_accumulator_value = a.initial_accumulator_value;
  }

  protected override _create_slots(var_list: Variable[]): void {
    for (const v of var_list) this._get_or_make_slot_with_value(v, this._initial_accumulator_value, 'accumulator', this._name);
  }

  protected override _prepare(): void {
    this.lrTensor = this._hyper(this.learningRate, 'learning_rate');
  }

  protected override _apply_dense(grad: Tensor, v: Variable): Operation {
    const accum = this.get_slot(v, 'accumulator')!;
    return makeOp('ApplyAdagrad', [v._ref, accum._ref, this.lrTensor!, grad], { use_locking: this._use_locking });
  }
}

export const AdagradOptimizer = callable(AdagradOptimizerImpl);
export type AdagradOptimizer = AdagradOptimizerImpl;
