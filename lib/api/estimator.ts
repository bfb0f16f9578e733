/** The tf.estimator namespace: Estimator, EstimatorSpec, ModeKeys, RunConfig, inputs.*, export.*. */
export { Estimator, EstimatorImpl } from '../estimator/estimator';
export type { ModelFn, InputFn } from '../estimator/estimator';
export { EstimatorSpec } from '../estimator/estimator_spec';
export type { MetricPair } from '../estimator/estimator_spec';
export { ModeKeys } from '../estimator/mode_keys';
export { RunConfig } from '../estimator/run_config';
import { numpy_input_fn } from '../estimator/numpy_io';
import { PredictOutput } from '../estimator/export_output';
import { ServingInputReceiver, build_raw_serving_input_receiver_fn } from '../estimator/serving_input';

/** tf.estimator.inputs. */
export const inputs = { numpy_input_fn };
/** tf.estimator.export (a reserved word in JS, so reached as tf.estimator.export, never imported by name). */
const exportNamespace = { ServingInputReceiver, build_raw_serving_input_receiver_fn, PredictOutput };
export { exportNamespace as export };
