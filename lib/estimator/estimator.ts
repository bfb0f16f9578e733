/**
 * tf.estimator.Estimator: runs a model_fn's graph for training, evaluation, prediction and
 * export, keeping its state in checkpoints under model_dir. Every call builds a fresh graph,
 * calls input_fn and model_fn in it, and restores the latest checkpoint (train: or initializes).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Graph, enterGraph } from '../framework/graph';
import { Tensor } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import type { DType } from '../framework/dtypes';
import { str } from '../framework/numpy_like';
import { ValueError } from '../framework/errors';
import { callable } from '../framework/callable';
import { bindArgs } from '../framework/python_args';
import { newSession, ClosableSession } from '../framework/session_factory';
import * as logging from '../framework/tf_logging';
import { global_variables_initializer, local_variables_initializer } from '../ops/variables';
import { get_or_create_global_step } from '../train/global_step';
import { SessionRunHook } from '../train/hooks';
import { CheckpointSaverHook, StepCounterHook, StopAtStepHook } from '../train/hooks_basic';
import { Saver, latest_checkpoint } from '../saved_model/saver';
import { openCheckpoint } from '../saved_model/restore';
import { get_checkpoint_state } from '../saved_model/checkpoint_state';
import { ModeKeys, Mode } from './mode_keys';
import { EstimatorSpecImpl } from './estimator_spec';
import { RunConfigImpl } from './run_config';
import { HookedSession } from './hooked_session';
import { LossLoggingHook } from './loss_logging_hook';
import { evaluateLoop } from './evaluation';
import { predictLoop } from './prediction';
import { exportSavedModel, ServingInputReceiverFn } from './export_savedmodel';

/** model_fn(features, labels, mode, params, config): every argument is passed; JS ignores the ones it does not declare. */
export type ModelFn = (features: unknown, labels: unknown, mode: Mode, params: Record<string, unknown>, config: RunConfigImpl) => EstimatorSpecImpl;
/** input_fn(): features, or [features, labels]. */
export type InputFn = () => unknown;

interface EstimatorOptions { model_dir?: string | null; config?: RunConfigImpl | null; params?: Record<string, unknown> | null; warm_start_from?: unknown }

export class EstimatorImpl {
  readonly model_fn: ModelFn;
  readonly model_dir: string;
  readonly config: RunConfigImpl;
  private readonly paramsDict: Record<string, unknown>;

  /** Estimator(model_fn, model_dir=None, config=None, params=None, warm_start_from=None). */
  constructor(...args: unknown[]) {
    const a = bindArgs<EstimatorOptions & { model_fn: ModelFn }>('Estimator', args,
      ['model_fn', 'model_dir', 'config', 'params', 'warm_start_from'], {}, 1);
    if (typeof a.model_fn !== 'function') throw new ValueError(`model_fn must be a function; got ${String(a.model_fn)}`);
    if (a.warm_start_from) throw new ValueError('Estimator: warm_start_from is not supported by tensorgraph');
    let config = a.config ?? new RunConfigImpl();
    if (!(config instanceof RunConfigImpl)) throw new ValueError(`config must be an instance of RunConfig, but provided ${String(config)}.`);
    if (a.model_dir && config.model_dir && path.resolve(a.model_dir) !== path.resolve(config.model_dir)) {
      throw new ValueError(`model_dir are set both in constructor and RunConfig, but with different values. ` +
        `In constructor: '${a.model_dir}', in RunConfig: '${config.model_dir}' `);
    }
    let dir = a.model_dir ?? config.model_dir;
    if (!dir) {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmp'));
      logging.warning('Using temporary folder as model directory: %s', dir);
    }
    config = config.replace({ model_dir: dir });
    this.model_fn = a.model_fn;
    this.model_dir = dir;
    this.config = config;
    this.paramsDict = { ...(a.params ?? {}) };
    logging.info('Using config: %s', JSON.stringify(Object.fromEntries(Object.entries(config).map(([k, v]) => [`_${k}`, v]))));
  }

  /** A copy of the params given to the constructor. */
  get params(): Record<string, unknown> { return { ...this.paramsDict }; }

  /** The newest checkpoint prefix in model_dir, or null. */
  latest_checkpoint(): string | null { return latest_checkpoint(this.model_dir); }

  /** The names of the variables in the latest checkpoint. */
  get_variable_names(): string[] { return this.reader().names(); }

  /** A variable's value in the latest checkpoint (a number for a scalar). */
  get_variable_value(name: string): NDArray | number {
    const v = this.reader().read(name);
    return v.rank === 0 ? Number(v.data[0]) : v;
  }

  /** train(input_fn, hooks=None, steps=None, max_steps=None, saving_listeners=None): trains, resuming from model_dir; returns this. */
  train(...args: unknown[]): this {
    const a = bindArgs<{ input_fn: InputFn; hooks: SessionRunHook[] | null; steps: number | null; max_steps: number | null; saving_listeners: unknown }>(
      'train', args, ['input_fn', 'hooks', 'steps', 'max_steps', 'saving_listeners'], {}, 1);
    const steps = a.steps ?? null, maxSteps = a.max_steps ?? null;
    if (steps !== null && maxSteps !== null) throw new ValueError('Can not provide both steps and max_steps.');
    if (steps !== null && !(steps > 0)) throw new ValueError(`Must specify steps > 0, given: ${steps}`);
    if (maxSteps !== null && !(maxSteps > 0)) throw new ValueError(`Must specify max_steps > 0, given: ${maxSteps}`);
    const userHooks = checkHooks(a.hooks);
    if (maxSteps !== null && maxSteps <= this.checkpointGlobalStep()) {
      logging.info('Skipping training since max_steps has already saved.');
      return this;
    }
    this.inGraph((graph) => {
      const globalStep = get_or_create_global_step(graph);
      const [features, labels] = splitInput(a.input_fn());
      const spec = this.callModelFn(features, labels, ModeKeys.TRAIN);
      const saver = (spec.scaffold?.saver as Saver | undefined) ??
        new Saver({ max_to_keep: this.config.keep_checkpoint_max, keep_checkpoint_every_n_hours: this.config.keep_checkpoint_every_n_hours });
      const hooks: SessionRunHook[] = [...userHooks];
      if (steps !== null || maxSteps !== null) hooks.push(new StopAtStepHook({ num_steps: steps, last_step: maxSteps }));
      hooks.push(...spec.training_hooks, ...spec.training_chief_hooks);
      const every = this.config.log_step_count_steps;
      if (every !== null) {
        hooks.push(new StepCounterHook({ every_n_steps: every }));
        hooks.push(new LossLoggingHook(spec.loss as Tensor, globalStep, every));
      }
      const { save_checkpoints_secs: secs, save_checkpoints_steps: saveSteps } = this.config;
      if (secs !== null || saveSteps !== null) {
        logging.info('Create CheckpointSaverHook.');
        hooks.push(new CheckpointSaverHook(this.model_dir, { save_secs: secs, save_steps: saveSteps, saver }));
      }
      const lastLoss = this.runWithHooks(graph, hooks, saver, true, (hooked) => {
        let loss: unknown;
        while (!hooked.should_stop()) {
          const out = hooked.run([spec.train_op, spec.loss]) as unknown[] | undefined;
          if (out !== undefined) loss = out[1];
        }
        return loss;
      });
      if (lastLoss !== undefined) logging.info('Loss for final step: %s.', formatValue(lastLoss, 'float32'));
    });
    return this;
  }

  /**
   * evaluate(input_fn, steps=None, hooks=None, checkpoint_path=None, name=None): the metrics of the latest
   * (or the given) checkpoint over the input, plus 'loss' (the mean of the batches' losses) and 'global_step'.
   */
  evaluate(...args: unknown[]): Record<string, unknown> {
    const a = bindArgs<{ input_fn: InputFn; steps: number | null; hooks: SessionRunHook[] | null; checkpoint_path: string | null; name: string | null }>(
      'evaluate', args, ['input_fn', 'steps', 'hooks', 'checkpoint_path', 'name'], {}, 1);
    if (a.steps !== undefined && a.steps !== null && !(a.steps > 0)) throw new ValueError(`Must specify steps > 0, given: ${a.steps}`);
    const checkpoint = a.checkpoint_path ?? this.latest_checkpoint();
    if (!checkpoint) throw new ValueError(`Could not find trained model in model_dir: ${this.model_dir}.`);
    const userHooks = checkHooks(a.hooks);
    return this.inGraph((graph) => {
      const globalStep = get_or_create_global_step(graph);
      const [features, labels] = splitInput(a.input_fn());
      const spec = this.callModelFn(features, labels, ModeKeys.EVAL);
      const saver = new Saver({ allow_empty: true });
      logging.info('Starting evaluation at %s', isoNow());
      const hooks = [...userHooks, ...spec.evaluation_hooks];
      const results = this.runWithHooks(graph, hooks, saver, false, (hooked) =>
        evaluateLoop(hooked, spec, globalStep, a.steps ?? null), checkpoint);
      logging.info('Finished evaluation at %s', isoNow());
      logging.info('Saving dict for global step %d: %s', results.values.global_step, dictToStr(results.values, results.dtypes));
      return results.values;
    });
  }

  /**
   * predict(input_fn, predict_keys=None, hooks=None, checkpoint_path=None, yield_single_examples=True):
   * a generator of the predictions, one example (a dict, or a value for a single tensor) at a time, or
   * one batch at a time with yield_single_examples false. The graph is built when iteration starts.
   */
  predict(...args: unknown[]): Generator<unknown, void, undefined> {
    const a = bindArgs<{ input_fn: InputFn; predict_keys: string | string[] | null; hooks: SessionRunHook[] | null;
      checkpoint_path: string | null; yield_single_examples: boolean }>('predict', args,
      ['input_fn', 'predict_keys', 'hooks', 'checkpoint_path', 'yield_single_examples'], {}, 1);
    const userHooks = checkHooks(a.hooks);
    return predictLoop({
      build: () => {
        const checkpoint = a.checkpoint_path ?? this.latest_checkpoint();
        if (!checkpoint) logging.info(`Could not find trained model in model_dir: ${this.model_dir}, running initialization to predict.`);
        const graph = this.newGraph();
        const leave = enterGraph(graph);
        try {
          get_or_create_global_step(graph);
          const [features] = splitInput(a.input_fn());
          const spec = this.callModelFn(features, null, ModeKeys.PREDICT);
          const hooks = [...userHooks, ...spec.prediction_hooks];
          const saver = new Saver({ allow_empty: true });
          const init = [global_variables_initializer(), local_variables_initializer()];
          for (const h of hooks) h.begin();
          const session = this.startSession(graph, saver, checkpoint, init, hooks);
          return { hooked: new HookedSession(session, graph, hooks), predictions: spec.predictions };
        } finally { leave(); }
      },
      predict_keys: a.predict_keys ?? null,
      yield_single_examples: a.yield_single_examples ?? true,
    });
  }

  /**
   * export_savedmodel(export_dir_base, serving_input_receiver_fn, assets_extra=None, as_text=False,
   * checkpoint_path=None, strip_default_attrs=False): writes the PREDICT graph with the latest checkpoint's
   * values as a SavedModel in export_dir_base/<timestamp>; returns that directory.
   */
  export_savedmodel(...args: unknown[]): string {
    const a = bindArgs<{ export_dir_base: string; serving_input_receiver_fn: ServingInputReceiverFn; assets_extra: unknown;
      as_text: boolean; checkpoint_path: string | null; strip_default_attrs: boolean }>('export_savedmodel', args,
      ['export_dir_base', 'serving_input_receiver_fn', 'assets_extra', 'as_text', 'checkpoint_path', 'strip_default_attrs'], {}, 2);
    if (a.assets_extra || a.as_text) throw new ValueError('export_savedmodel: assets_extra and as_text are not supported by tensorgraph');
    const checkpoint = a.checkpoint_path ?? this.latest_checkpoint();
    if (!checkpoint) throw new ValueError(`Couldn't find trained model at ${this.model_dir}.`);
    return this.inGraph((graph) => {
      get_or_create_global_step(graph);
      return exportSavedModel(graph, a.export_dir_base, a.serving_input_receiver_fn, (features) =>
        this.callModelFn(features, null, ModeKeys.PREDICT), (saver) => {
        const session = newSession(graph);
        saver.restore(session, checkpoint);
        return session;
      }, Boolean(a.strip_default_attrs));
    });
  }

  /** TF 1.15's spelling of export_savedmodel. */
  export_saved_model(...args: unknown[]): string { return this.export_savedmodel(...args); }

  private reader(): ReturnType<typeof openCheckpoint> {
    const ckpt = this.latest_checkpoint();
    if (!ckpt) throw new ValueError(`Could not find trained model in model_dir: ${this.model_dir}.`);
    return openCheckpoint(ckpt);
  }

  private checkpointGlobalStep(): number {
    const ckpt = this.latest_checkpoint();
    if (!ckpt) return 0;
    const reader = openCheckpoint(ckpt);
    return reader.has('global_step') ? Number(reader.read('global_step').data[0]) : 0;
  }

  private newGraph(): Graph {
    const graph = new Graph();
    if (this.config.tf_random_seed !== null) graph.seed = this.config.tf_random_seed;
    return graph;
  }

  private inGraph<T>(fn: (graph: Graph) => T): T {
    const graph = this.newGraph();
    const leave = enterGraph(graph);
    try { return fn(graph); } finally { leave(); }
  }

  private callModelFn(features: unknown, labels: unknown, mode: Mode): EstimatorSpecImpl {
    logging.info('Calling model_fn.');
    const spec = this.model_fn(features, labels, mode, this.params, this.config);
    if (!(spec instanceof EstimatorSpecImpl)) throw new ValueError('model_fn should return an EstimatorSpec.');
    logging.info('Done calling model_fn.');
    return spec;
  }

  /**
   * Makes the session (restoring `checkpoint`, else the latest one when `initIfNone`, else initializing),
   * runs `loop` with every hook told, and closes the session whatever happens.
   */
  private runWithHooks<T>(graph: Graph, hooks: SessionRunHook[], saver: Saver, initIfNone: boolean,
    loop: (hooked: HookedSession) => T, checkpoint?: string): T {
    const init = [global_variables_initializer(), local_variables_initializer()];
    for (const h of hooks) h.begin();
    const ckpt = checkpoint ?? (initIfNone ? this.latest_checkpoint() : null);
    const session = this.startSession(graph, saver, ckpt, init, hooks);
    try {
      const hooked = new HookedSession(session, graph, hooks);
      const result = loop(hooked);
      hooked.end();
      return result;
    } finally {
      session.close();
    }
  }

  private startSession(graph: Graph, saver: Saver, checkpoint: string | null, init: unknown[], hooks: SessionRunHook[]): ClosableSession {
    logging.info('Graph was finalized.');
    const session = newSession(graph);
    try {
      if (checkpoint) {
        saver.restore(session, checkpoint);
        // As TF1's SessionManager: the Saver takes over the older checkpoints, so max_to_keep counts them.
        const state = get_checkpoint_state(path.dirname(checkpoint));
        if (state) saver.recover_last_checkpoints(state.all_model_checkpoint_paths);
      } else {
        session.run(init[0]);
      }
      logging.info('Running local_init_op.');
      session.run(init[1]);
      logging.info('Done running local_init_op.');
      for (const h of hooks) h.after_create_session(session, null);
    } catch (e) {
      session.close();
      throw e;
    }
    return session;
  }
}
export const Estimator = callable(EstimatorImpl);
export type Estimator = EstimatorImpl;

function checkHooks(hooks: unknown): SessionRunHook[] {
  const list = (hooks ?? []) as unknown[];
  for (const h of list) if (!(h instanceof SessionRunHook)) throw new TypeError(`Hooks must be a SessionRunHook, given: ${String(h)}`);
  return [...list] as SessionRunHook[];
}

/** input_fn's result: [features, labels] (a 2-array), or features alone. */
function splitInput(result: unknown): [unknown, unknown] {
  if (Array.isArray(result)) {
    if (result.length !== 2) throw new ValueError(`input_fn should return (features, labels) as a 2-element array; got ${result.length} elements`);
    return [result[0], result[1]];
  }
  return [result, null];
}

/** A fetched value as Python prints it: numpy's str, a scalar in its tensor's dtype. */
export function formatValue(v: unknown, dtype: DType): string {
  return str(v, dtype);
}

/** TF1's _dict_to_str: "k = v" pairs sorted by key. */
function dictToStr(values: Record<string, unknown>, dtypes: Record<string, DType>): string {
  return Object.keys(values).sort().map((k) => `${k} = ${formatValue(values[k], dtypes[k] ?? 'float32')}`).join(', ');
}

function isoNow(): string { return new Date().toISOString().replace(/\.\d+Z$/, 'Z'); }

