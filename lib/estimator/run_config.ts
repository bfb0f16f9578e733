/** tf.estimator.RunConfig: where and how often an Estimator saves, logs and seeds. */
import { ValueError } from '../framework/errors';
import { callable } from '../framework/callable';
import { bindArgs } from '../framework/python_args';

export interface RunConfigOptions {
  model_dir?: string | null;
  tf_random_seed?: number | null;
  save_summary_steps?: number;
  save_checkpoints_steps?: number | null;
  save_checkpoints_secs?: number | null;
  session_config?: unknown;
  keep_checkpoint_max?: number;
  keep_checkpoint_every_n_hours?: number;
  log_step_count_steps?: number | null;
}

const PARAMS: (keyof RunConfigOptions)[] = ['model_dir', 'tf_random_seed', 'save_summary_steps', 'save_checkpoints_steps',
  'save_checkpoints_secs', 'session_config', 'keep_checkpoint_max', 'keep_checkpoint_every_n_hours', 'log_step_count_steps'];

export class RunConfigImpl {
  readonly model_dir: string | null;
  readonly tf_random_seed: number | null;
  readonly save_summary_steps: number;
  readonly save_checkpoints_steps: number | null;
  readonly save_checkpoints_secs: number | null;
  readonly session_config: unknown;
  readonly keep_checkpoint_max: number;
  readonly keep_checkpoint_every_n_hours: number;
  readonly log_step_count_steps: number | null;

  /**
   * RunConfig(model_dir=None, tf_random_seed=None, save_summary_steps=100, save_checkpoints_steps=None,
   * save_checkpoints_secs=600 when neither is given, session_config=None, keep_checkpoint_max=5,
   * keep_checkpoint_every_n_hours=10000, log_step_count_steps=100). save_summary_steps is kept but
   * nothing writes summaries (tensorgraph has no tf.summary).
   */
  constructor(...args: unknown[]) {
    const a = bindArgs<RunConfigOptions>('RunConfig', args, PARAMS);
    const steps = a.save_checkpoints_steps ?? null, secs = a.save_checkpoints_secs ?? null;
    if (steps !== null && secs !== null) throw new ValueError('save_checkpoints_steps and save_checkpoints_secs cannot be both set.');
    this.model_dir = a.model_dir ?? null;
    this.tf_random_seed = a.tf_random_seed ?? null;
    this.save_summary_steps = a.save_summary_steps ?? 100;
    this.save_checkpoints_steps = steps;
    // Neither given: every 10 minutes. Both given as null explicitly: TF1 saves none either way.
    this.save_checkpoints_secs = steps === null && a.save_checkpoints_secs === undefined ? 600 : secs;
    this.session_config = a.session_config ?? null;
    this.keep_checkpoint_max = a.keep_checkpoint_max ?? 5;
    this.keep_checkpoint_every_n_hours = a.keep_checkpoint_every_n_hours ?? 10000;
    this.log_step_count_steps = a.log_step_count_steps === undefined ? 100 : a.log_step_count_steps;
    for (const k of ['save_checkpoints_steps', 'save_checkpoints_secs', 'log_step_count_steps'] as const) {
      const v = this[k];
      if (v !== null && !(v > 0)) throw new ValueError(`${k} should be > 0, given: ${v}`);
    }
  }

  /** RunConfig.replace(**kwargs): a copy with some fields changed. */
  replace(changes: RunConfigOptions): RunConfigImpl {
    const current: RunConfigOptions = Object.fromEntries(PARAMS.map((k) => [k, this[k]]));
    if ('save_checkpoints_steps' in changes && !('save_checkpoints_secs' in changes)) current.save_checkpoints_secs = null;
    if ('save_checkpoints_secs' in changes && !('save_checkpoints_steps' in changes)) current.save_checkpoints_steps = null;
    return new RunConfigImpl({ ...current, ...changes });
  }
}
export const RunConfig = callable(RunConfigImpl);
export type RunConfig = RunConfigImpl;
