/** The tf.train namespace: optimizers, global step, Saver. */
export {
  Optimizer, GradientDescentOptimizer, MomentumOptimizer, AdamOptimizer, AdagradOptimizer, RMSPropOptimizer,
  get_global_step, create_global_step, get_or_create_global_step, global_step,
} from '../train/optimizers';
export { Saver, latest_checkpoint, checkpoint_exists, import_meta_graph, get_checkpoint_state } from '../saved_model/saver';
export type { SaverOptions, SaveOptions } from '../saved_model/saver';
export { SessionRunHook, SessionRunArgs, SessionRunContext, SessionRunValues } from '../train/hooks';
export { LoggingTensorHook, StopAtStepHook, StepCounterHook, CheckpointSaverHook } from '../train/hooks_basic';
export { SecondOrStepTimer } from '../train/hooks_timer';
export { NewCheckpointReader, load_checkpoint, list_variables, load_variable } from '../saved_model/tf_bundle/checkpoint_reader';
export type { CheckpointReader } from '../saved_model/tf_bundle/checkpoint_reader';
export { write_graph } from '../saved_model/tf_import/write_graph';
export { summary_iterator } from '../summary/summary_iterator';
