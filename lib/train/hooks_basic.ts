/**
 * The hooks tf.estimator uses and TF1 scripts pass to it: LoggingTensorHook,
 * StopAtStepHook, StepCounterHook and CheckpointSaverHook (TF1's basic_session_run_hooks.py).
 */
import * as fs from 'fs';
import * as path from 'path';
import { get_default_graph } from '../framework/graph';
import { Tensor } from '../framework/tensor';
import { ValueError } from '../framework/errors';
import type { SessionLike } from '../framework/default_session';
import { callable } from '../framework/callable';
import { bindArgs, bindArgsBesideDict } from '../framework/python_args';
import { str } from '../framework/numpy_like';
import * as logging from '../framework/tf_logging';
import { get_global_step } from './global_step';
import type { Variable } from '../ops/variables';
import { Saver } from '../saved_model/saver';
import { SessionRunArgs, SessionRunContext, SessionRunHook, SessionRunValues, asGraphTensor } from './hooks';
import { SecondOrStepTimer } from './hooks_timer';

function requireGlobalStep(hookName: string): Variable {
  const step = get_global_step();
  if (step) return step;
  // Python's RuntimeError; lib/session's class of that name is out of this layer's reach.
  const e = new Error(`Global step should be created to use ${hookName}.`);
  e.name = 'RuntimeError';
  throw e;
}

const readStep = (session: SessionLike, step: Variable): number => Number(session.run(step));

/**
 * tf.train.LoggingTensorHook(tensors, every_n_iter=None, every_n_secs=None, at_end=False, formatter=None):
 * logs "tag = value, ..." every N runs or seconds, then " (1.234 sec)" since the last time.
 * A dict's tags print sorted, a list's in its order; names may be op names ('softmax_tensor').
 */
export class LoggingTensorHookImpl extends SessionRunHook {
  private readonly tagOrder: string[];
  private readonly named: Record<string, unknown>;
  private readonly timer: SecondOrStepTimer | null;
  private readonly atEnd: boolean;
  private readonly formatter: ((values: Record<string, unknown>) => string) | null;
  private tensors: Record<string, Tensor> = {};
  private iterCount = 0;
  private shouldTrigger = false;

  constructor(...args: unknown[]) {
    super();
    // tensors may itself be a dict: a lone dict is the keywords only when every key is a parameter name.
    const a = bindArgsBesideDict<{ tensors: Record<string, unknown> | unknown[]; every_n_iter: number; every_n_secs: number; at_end: boolean;
      formatter: (v: Record<string, unknown>) => string }>('LoggingTensorHook', args, ['tensors', 'every_n_iter', 'every_n_secs', 'at_end', 'formatter'], 'tensors', 1);
    const given = (v: unknown) => v !== undefined && v !== null;
    const onlyLogAtEnd = Boolean(a.at_end) && !given(a.every_n_iter) && !given(a.every_n_secs);
    if (!onlyLogAtEnd && given(a.every_n_iter) === given(a.every_n_secs)) {
      throw new ValueError('either at_end and/or exactly one of every_n_iter and every_n_secs must be provided.');
    }
    if (given(a.every_n_iter) && !(a.every_n_iter > 0)) throw new ValueError(`invalid every_n_iter=${a.every_n_iter}.`);
    if (Array.isArray(a.tensors)) {
      this.tagOrder = a.tensors.map((t) => (typeof t === 'string' ? t : asGraphTensor(get_default_graph(), t).name));
      this.named = Object.fromEntries(this.tagOrder.map((tag, i) => [tag, (a.tensors as unknown[])[i]]));
    } else {
      this.tagOrder = Object.keys(a.tensors).sort();
      this.named = { ...a.tensors };
    }
    this.timer = onlyLogAtEnd ? null : new SecondOrStepTimer(a.every_n_secs ?? null, a.every_n_iter ?? null);
    this.atEnd = Boolean(a.at_end);
    this.formatter = a.formatter ?? null;
  }

  begin(): void {
    const graph = get_default_graph();
    this.iterCount = 0;
    this.tensors = Object.fromEntries(this.tagOrder.map((tag) => [tag, asGraphTensor(graph, this.named[tag])]));
  }

  before_run(_context: SessionRunContext): SessionRunArgs | null {
    this.shouldTrigger = this.timer !== null && this.timer.should_trigger_for_step(this.iterCount);
    return this.shouldTrigger ? new SessionRunArgs(this.tensors) : null;
  }

  after_run(_context: SessionRunContext, values: SessionRunValues): void {
    if (this.shouldTrigger) this.logTensors(values.results as Record<string, unknown>);
    this.iterCount += 1;
  }

  end(session: SessionLike): void {
    if (this.atEnd) this.logTensors(session.run(this.tensors) as Record<string, unknown>);
  }

  private logTensors(values: Record<string, unknown>): void {
    const [elapsed] = this.timer ? this.timer.update_last_triggered_step(this.iterCount) : [null];
    if (this.formatter) {
      logging.info(this.formatter(values));
      return;
    }
    const stats = this.tagOrder.map((tag) => `${tag} = ${str(values[tag], this.tensors[tag].dtype)}`).join(', ');
    if (elapsed !== null) logging.info('%s (%.3f sec)', stats, elapsed);
    else logging.info('%s', stats);
  }
}
export const LoggingTensorHook = callable(LoggingTensorHookImpl);
export type LoggingTensorHook = LoggingTensorHookImpl;

/** tf.train.StopAtStepHook(num_steps=None, last_step=None): stops the loop once the global step reaches last_step. */
export class StopAtStepHookImpl extends SessionRunHook {
  private numSteps: number | null;
  private lastStep: number | null;
  private step: Variable | null = null;

  constructor(...args: unknown[]) {
    super();
    const a = bindArgs<{ num_steps: number | null; last_step: number | null }>('StopAtStepHook', args, ['num_steps', 'last_step']);
    const num = a.num_steps ?? null, last = a.last_step ?? null;
    if ((num === null) === (last === null)) throw new ValueError('Exactly one of num_steps and last_step must be provided.');
    if (num !== null && num < 0) throw new ValueError('num_steps must be non-negative');
    this.numSteps = num;
    this.lastStep = last;
  }

  begin(): void { this.step = requireGlobalStep('StopAtStepHook'); }

  after_create_session(session: SessionLike): void {
    if (this.lastStep === null) this.lastStep = readStep(session, this.step as Variable) + (this.numSteps as number);
  }

  before_run(): SessionRunArgs { return new SessionRunArgs(this.step); }

  after_run(context: SessionRunContext, values: SessionRunValues): void {
    // The fetched value is the step before this run's train_op; re-read only when it may be the last.
    if (Number(values.results) + 1 >= (this.lastStep as number) && readStep(context.session, this.step as Variable) >= (this.lastStep as number)) {
      context.request_stop();
    }
  }
}
export const StopAtStepHook = callable(StopAtStepHookImpl);
export type StopAtStepHook = StopAtStepHookImpl;

/** tf.train.StepCounterHook(every_n_steps=100, every_n_secs=None): logs "global_step/sec: 41.2". */
export class StepCounterHookImpl extends SessionRunHook {
  private readonly timer: SecondOrStepTimer;
  private step: Variable | null = null;
  private tag = 'global_step/sec';

  constructor(...args: unknown[]) {
    super();
    const a = bindArgs<{ every_n_steps: number | null; every_n_secs: number | null; output_dir: unknown; summary_writer: unknown }>(
      'StepCounterHook', args, ['every_n_steps', 'every_n_secs', 'output_dir', 'summary_writer']);
    const secs = a.every_n_secs ?? null;
    this.timer = new SecondOrStepTimer(secs, secs === null ? (a.every_n_steps === undefined ? 100 : a.every_n_steps) : null);
  }

  begin(): void {
    this.step = requireGlobalStep('StepCounterHook');
    this.tag = `${this.step.op.name}/sec`;
  }

  before_run(): SessionRunArgs { return new SessionRunArgs(this.step); }

  after_run(context: SessionRunContext, values: SessionRunValues): void {
    if (!this.timer.should_trigger_for_step(Number(values.results) + 1)) return;
    const step = readStep(context.session, this.step as Variable);
    if (!this.timer.should_trigger_for_step(step)) return;
    const [secs, steps] = this.timer.update_last_triggered_step(step);
    if (secs !== null && steps !== null && secs > 0) logging.info('%s: %g', this.tag, steps / secs);
  }
}
export const StepCounterHook = callable(StepCounterHookImpl);
export type StepCounterHook = StepCounterHookImpl;

/**
 * tf.train.CheckpointSaverHook(checkpoint_dir, save_secs=None, save_steps=None, saver=None,
 * checkpoint_basename='model.ckpt'): saves `<dir>/model.ckpt-<step>` when the session starts,
 * every save_secs or save_steps, and at the end if the last step is not saved yet.
 */
export class CheckpointSaverHookImpl extends SessionRunHook {
  private readonly timer: SecondOrStepTimer;
  private readonly savePath: string;
  private saver: Saver | null;
  private step: Variable | null = null;

  constructor(...args: unknown[]) {
    super();
    const a = bindArgs<{ checkpoint_dir: string; save_secs: number | null; save_steps: number | null; saver: Saver | null;
      checkpoint_basename: string; scaffold: { saver?: Saver | null } | null; listeners: unknown }>('CheckpointSaverHook', args,
      ['checkpoint_dir', 'save_secs', 'save_steps', 'saver', 'checkpoint_basename', 'scaffold', 'listeners'], {}, 1);
    if (a.saver && a.scaffold) throw new ValueError('You cannot provide both saver and scaffold.');
    this.saver = a.saver ?? a.scaffold?.saver ?? null;
    this.savePath = path.join(a.checkpoint_dir, a.checkpoint_basename ?? 'model.ckpt');
    this.timer = new SecondOrStepTimer(a.save_secs ?? null, a.save_steps ?? null);
  }

  begin(): void {
    this.step = requireGlobalStep('CheckpointSaverHook');
    this.saver ??= new Saver();
    // TF1's hook opens a summary writer on checkpoint_dir here, which creates the folder, so a
    // model_dir that does not exist yet (the layers tutorial's /tmp/mnist_convnet_model) works.
    fs.mkdirSync(path.dirname(this.savePath), { recursive: true });
  }

  after_create_session(session: SessionLike): void {
    const step = readStep(session, this.step as Variable);
    this.save(session, step);
    this.timer.update_last_triggered_step(step);
  }

  before_run(): SessionRunArgs { return new SessionRunArgs(this.step); }

  after_run(context: SessionRunContext, values: SessionRunValues): void {
    if (!this.timer.should_trigger_for_step(Number(values.results) + 1)) return;
    const step = readStep(context.session, this.step as Variable);
    if (!this.timer.should_trigger_for_step(step)) return;
    this.timer.update_last_triggered_step(step);
    this.save(context.session, step);
  }

  end(session: SessionLike): void {
    const step = readStep(session, this.step as Variable);
    if (step !== this.timer.last_triggered_step()) this.save(session, step);
  }

  private save(session: SessionLike, step: number): void {
    logging.info('Saving checkpoints for %d into %s.', step, this.savePath);
    (this.saver as Saver).save(session, this.savePath, { global_step: step });
  }
}
export const CheckpointSaverHook = callable(CheckpointSaverHookImpl);
export type CheckpointSaverHook = CheckpointSaverHookImpl;
