import type { Tensor } from '../framework/tensor';
import type { Variable } from '../ops/variables';
import { LoggingTensorHookImpl } from '../train/hooks_basic';
import type { SessionRunContext, SessionRunValues } from '../train/hooks';

/**
 * The Estimator's "loss = 2.3, step = 1" line: a LoggingTensorHook on {loss, step} whose step is
 * re-read after the run, since a read inside the run sees the step before train_op's increment
 * (variable writes commit when the run ends) and TF1 prints the step the run has reached.
 */
export class LossLoggingHook extends LoggingTensorHookImpl {
  constructor(loss: Tensor, private readonly step: Variable, everyNIter: number) {
    super({ loss, step }, { every_n_iter: everyNIter });
  }

  after_run(context: SessionRunContext, values: SessionRunValues): void {
    const results = values.results as Record<string, unknown> | null;
    if (results) results.step = context.session.run(this.step);
    super.after_run(context, values);
  }
}
