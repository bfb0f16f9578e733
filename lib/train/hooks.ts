/**
 * tf.train.SessionRunHook and the objects a hook sees around each run (TF1's
 * session_run_hook.py): a hook is told when the graph is about to be used (begin), when
 * the session exists (after_create_session), before each run (it may add fetches and
 * feeds by returning SessionRunArgs), after it (with the values it asked for), and at the end.
 */
import type { Graph } from '../framework/graph';
import type { SessionLike } from '../framework/default_session';
import { Tensor } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { callable } from '../framework/callable';
import { bindArgsBesideDict } from '../framework/python_args';

/** What a hook's before_run adds to the coming run: fetches (any structure sess.run takes) and feeds. */
export class SessionRunArgsImpl {
  readonly fetches: unknown;
  readonly feed_dict: Map<Tensor, unknown> | Record<string, unknown> | null;
  readonly options: unknown;
  /** SessionRunArgs(fetches, feed_dict=None, options=None). */
  constructor(...args: unknown[]) {
    // A dict of fetches ({loss: t}) is the fetches unless every key is a parameter name.
    const a = bindArgsBesideDict<{ fetches: unknown; feed_dict: SessionRunArgsImpl['feed_dict']; options: unknown }>(
      'SessionRunArgs', args, ['fetches', 'feed_dict', 'options'], 'fetches', 1);
    this.fetches = a.fetches;
    this.feed_dict = a.feed_dict ?? null;
    this.options = a.options ?? null;
  }
}
export const SessionRunArgs = callable(SessionRunArgsImpl);
export type SessionRunArgs = SessionRunArgsImpl;

/** The values a hook asked for in before_run, in the structure it asked for them. */
export class SessionRunValues {
  constructor(readonly results: unknown, readonly options: unknown = null, readonly run_metadata: unknown = null) {}
}

/** What a hook knows of the run: the caller's fetches and feeds, the session, and a way to stop the loop. */
export class SessionRunContext {
  private stopRequested = false;
  constructor(readonly original_args: SessionRunArgs, readonly session: SessionLike) {}
  get stop_requested(): boolean { return this.stopRequested; }
  /** Asks the training/evaluation loop to stop after this run. */
  request_stop(): void { this.stopRequested = true; }
}

/** tf.train.SessionRunHook: every method does nothing; subclasses override what they need. */
export class SessionRunHook {
  /** Called once before the session is made; the graph may still be changed. */
  begin(): void {}
  /** Called once the session exists and its variables are initialized or restored. */
  after_create_session(_session: SessionLike, _coord: unknown): void {}
  before_run(_run_context: SessionRunContext): SessionRunArgs | null { return null; }
  after_run(_run_context: SessionRunContext, _run_values: SessionRunValues): void {}
  end(_session: SessionLike): void {}
}

/**
 * TF1's `_as_graph_element` for hooks: a tensor name ('softmax_tensor:0'), or an op name
 * ('softmax_tensor') standing for its only output, or a Tensor/Variable as is.
 */
export function asGraphTensor(graph: Graph, t: unknown): Tensor {
  if (t instanceof Tensor) return t;
  if (t && typeof t === 'object' && typeof (t as { _asTensor?: unknown })._asTensor === 'function') return (t as { _asTensor(): Tensor })._asTensor();
  if (typeof t !== 'string') throw new TypeError(`Can not convert a ${typeof t} into a Tensor or Operation.`);
  const element = graph.as_graph_element(t);
  if (element instanceof Operation) {
    if (element.outputs.length !== 1) throw new Error(`Name ${t} is ambiguous, as this Operation has multiple outputs (at least 2).`);
    return element.outputs[0];
  }
  return element;
}
