/** The evaluation loop: update every metric once per batch, then read the metric values once. */
import { Tensor } from '../framework/tensor';
import type { DType } from '../framework/dtypes';
import * as logging from '../framework/tf_logging';
import type { Variable } from '../ops/variables';
import type { EstimatorSpecImpl } from './estimator_spec';
import type { HookedSession } from './hooked_session';

export interface EvalResults { values: Record<string, unknown>; dtypes: Record<string, DType> }

/**
 * Runs the metrics' update ops and the loss on each batch until the input ends or `steps`
 * batches; returns each metric's value, 'loss' (the mean of the batch losses, as TF1's added
 * tf.metrics.mean(loss) computes it) and 'global_step'.
 */
export function evaluateLoop(hooked: HookedSession, spec: EstimatorSpecImpl, globalStep: Variable, steps: number | null): EvalResults {
  const metrics = Object.entries(spec.eval_metric_ops);
  const updates = metrics.map(([, pair]) => pair[1]);
  let lossTotal = 0;
  let batches = 0;
  const every = steps === null ? 0 : Math.max(1, Math.floor(steps / 10));
  while (!hooked.should_stop() && (steps === null || batches < steps)) {
    const out = hooked.run([updates, spec.loss]) as [unknown[], number] | undefined;
    if (out === undefined) break;
    lossTotal = Math.fround(lossTotal + out[1]);
    batches += 1;
    if (steps !== null && (batches % every === 0 || batches === steps)) logging.info('Evaluation [%d/%d]', batches, steps);
  }
  const valueTensors: Record<string, Tensor> = Object.fromEntries(metrics.map(([k, pair]) => [k, pair[0]]));
  const values = hooked.session.run({ metrics: valueTensors, step: globalStep }) as { metrics: Record<string, unknown>; step: number };
  const dtypes: Record<string, DType> = { loss: 'float32', global_step: globalStep.dtype };
  for (const [k, t] of Object.entries(valueTensors)) dtypes[k] = t.dtype;
  return {
    values: { ...values.metrics, loss: batches > 0 ? Math.fround(lossTotal / batches) : NaN, global_step: values.step },
    dtypes,
  };
}
