import { callable } from '../framework/callable';
import { Graph, get_default_graph, enterGraph } from '../framework/graph';
import { Tensor } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { Operation } from '../framework/operation';
import { Xoshiro128 } from '../framework/random';
import { pushDefaultSession, popDefaultSession, SessionLike } from '../framework/default_session';
import { registerSessionFactory } from '../framework/session_factory';
import { bindArgs, bindArgsBesideDict, isKeywordsObject, isOptionsObject } from '../framework/python_args';
import { FetchStructure, presentValue } from './fetches';
import { normalizeFeeds } from './feeds';
import { compilePlan, Plan } from './plan';
import { VariableStore } from './variable_store';
import { BufferPool } from './buffer_pool';
import { RuntimeError } from './runtime_error';
import { Backend, chooseBackend, SessionConfig } from './backend';
import type { RunState } from './run_context';
import type { RandomStream } from '../registry/kernel_registry';

export interface SessionOptions { graph?: Graph; config?: SessionConfig; target?: string }

interface CompiledRun {
  plan: Plan;
  program: unknown;
  /** The buffers of the plan's Const values, which fetched results must not expose. */
  constants: Set<unknown>;
}

interface PreparedRun {
  structure: FetchStructure;
  feeds: Map<Tensor, NDArray>;
  compiled: CompiledRun;
}

let sessionsMade = 0;

const RUN_PARAMS = ['fetches', 'feed_dict', 'options', 'run_metadata'];

/** Binds sess.run's arguments as Python does, telling a keywords object from a feed_dict by its keys. */
function runArgs(fnName: string, args: unknown[]): { fetches: unknown; feedDict: unknown } {
  let given = args;
  const first = args[0];
  // run({fetches, feed_dict}) is all keywords; another single object is a dict of fetches, as TF1 allows.
  if (args.length === 1 && isOptionsObject(first) && 'fetches' in first && isKeywordsObject(first, RUN_PARAMS)) given = [first];
  else if (args.length === 1) given = [first, {}];
  const a = bindArgsBesideDict<{ fetches: unknown; feed_dict: unknown; options: unknown; run_metadata: unknown }>(
    fnName, given, RUN_PARAMS as ('fetches' | 'feed_dict' | 'options' | 'run_metadata')[], 'feed_dict', 1);
  return { fetches: a.fetches, feedDict: a.feed_dict };
}

/** TF1's tf.Session: runs parts of a graph, holding variable values between runs. */
class SessionImpl implements SessionLike {
  readonly graph: Graph;
  /**
   * The session's variable values. What read() returns is a view of the session's own
   * storage (on the CPU backend, possibly in the kernels' WebAssembly memory): valid
   * while the session is open, changed by later runs. To keep a value, fetch it
   * (sess.run(v) returns a copy) or clone it.
   */
  readonly variables: VariableStore;
  readonly backend: Backend;
  private readonly compiled = new Map<string, CompiledRun>();
  private readonly randomStreams = new Map<Operation, RandomStream>();
  /** Kernels' named state between runs (tf.data iterators); values with a close() are closed with the session. */
  private readonly resources = new Map<string, unknown>();
  /**
   * Kernel-output buffers recycled between and within runs on the CPU backend;
   * null when TENSORGRAPH_RECYCLE_BUFFERS=0 (every output freshly allocated, for
   * debugging a kernel suspected of reading what it did not write).
   */
  readonly buffers: BufferPool | null;
  private closed = false;
  /** Runs executing now on this thread's stack: more than one only when a kernel runs the session again. */
  private runDepth = 0;
  /** run_async calls made and not yet finished (the one in progress and those queued behind it). */
  private asyncRuns = 0;
  /** Settles when the last run_async call made so far has finished: the next one starts after it. */
  private asyncTail: Promise<void> = Promise.resolve();
  /**
   * The first error of a run nested in a kernel of the running run: the outer run's
   * transaction includes the nested one's writes, so a failed nested run fails the
   * outer run too (even when the kernel caught the error), and nothing is committed.
   */
  private nestedFailure: { error: unknown } | null = null;
  /** Names the session in errors: 'Session #<n> (<device>)'. */
  readonly name: string;
  /** Counts runs, kernel launches and plan compilations; tests read them to check pruning and caching. */
  readonly stats = { runs: 0, kernelCalls: 0, compiles: 0 };

  /** TF1's Session(target='', graph=None, config=None), positional or by keyword. */
  constructor(...args: unknown[]) {
    const options = bindArgs<SessionOptions>(new.target.name.replace(/Impl$/, ''), args, ['target', 'graph', 'config']);
    this.graph = options.graph ?? get_default_graph();
    this.backend = chooseBackend(options.config ?? {});
    const home = this.backend.variableHome?.() ?? null;
    this.variables = new VariableStore(home);
    this.buffers = process.env.TENSORGRAPH_RECYCLE_BUFFERS === '0' ? null : new BufferPool(undefined, home);
    this.name = `Session #${++sessionsMade} (${this.backend.description})`;
  }

  /** Which backend (and, for gpu.js, which mode) runs this session's kernels. */
  get device(): string { return this.backend.description; }

  /**
   * TF1's sess.run(fetches, feed_dict=None, options=None, run_metadata=None): also
   * run(fetches, {feed_dict, options, run_metadata}) and run({fetches, feed_dict, ...}).
   * A last argument whose keys are all among feed_dict/options/run_metadata, or that has
   * a feed_dict key, is the keywords; any other object is the feed_dict. options and
   * run_metadata (TF1's RunOptions tracing) are accepted and have no effect.
   */
  run(...args: unknown[]): any {
    const { fetches, feedDict } = runArgs('run', args);
    // A run nested in a kernel of this session's running run is part of that run, not a
    // second caller: it may run even while that one is a run_async.
    if (this.asyncRuns > 0 && this.runDepth === 0) {
      throw new RuntimeError(`${this.name} has ${this.asyncRuns} run_async call${this.asyncRuns > 1 ? 's' : ''} in progress: ` +
        'sess.run may not overtake them; await their promises first (or use run_async, which queues)');
    }
    const prepared = this.prepare(fetches, feedDict);
    return this.present(prepared, this.executeSync(prepared));
  }

  /**
   * sess.run as a Promise, with the same results and the same errors (as rejections).
   * Runs of one session happen one at a time, in call order: a run_async made while
   * another is in progress waits for it. A run_async starts at once when none is in
   * progress, so on a backend without executeAsync it has finished by the time it
   * returns; on one with it, sess.run is a RuntimeError until the promise settles.
   */
  run_async(...args: unknown[]): Promise<any> {
    if (this.runDepth > 0) {
      return Promise.reject(new RuntimeError(`${this.name}: run_async from inside a kernel of a running run would wait for ` +
        'that run to finish, which waits for the kernel; use sess.run there'));
    }
    let fetches: unknown, feedDict: unknown;
    try {
      ({ fetches, feedDict } = runArgs('run_async', args));
    } catch (e) {
      return Promise.reject(e);
    }
    const queued = this.asyncRuns > 0;
    this.asyncRuns++;
    // The tail is taken before the run starts: a run_async made while this one's
    // synchronous part runs must queue behind this one, not beside it.
    const previous = this.asyncTail;
    let release!: () => void;
    this.asyncTail = new Promise<void>((resolve) => { release = resolve; });
    const start = () => this.startAsync(fetches, feedDict);
    const result = queued ? previous.then(start) : start();
    result.then(release, release);
    return result;
  }

  /** Runs one run_async call; asyncRuns drops as soon as it is done, before its promise's callbacks run. */
  private startAsync(fetches: unknown, feedDict: unknown): Promise<any> {
    let done = false;
    const finish = () => { if (!done) { done = true; this.asyncRuns--; } };
    try {
      const prepared = this.prepare(fetches, feedDict);
      const executeAsync = this.backend.executeAsync;
      if (!executeAsync) {
        const value = this.present(prepared, this.executeSync(prepared));
        finish();
        return Promise.resolve(value);
      }
      const outermost = this.runDepth === 0;
      if (outermost) this.nestedFailure = null;
      const { plan, program } = prepared.compiled;
      let pending: Promise<(NDArray | null)[]>;
      this.runDepth++;
      try {
        pending = executeAsync.call(this.backend, plan, program, prepared.feeds, this.runState());
      } catch (e) {
        pending = Promise.reject(e);
      } finally {
        this.runDepth--;
      }
      return pending.then(
        (results) => {
          try {
            if (outermost) this.settleOrThrowNestedFailure();
          } finally {
            finish();
          }
          return this.present(prepared, results);
        },
        (e) => {
          try {
            if (outermost) this.settle(false);
          } finally {
            finish();
          }
          throw e;
        });
    } catch (e) {
      finish();
      return Promise.reject(e);
    }
  }

  private prepare(fetches: unknown, feedDict: unknown): PreparedRun {
    if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
    const structure = new FetchStructure(fetches, this.graph);
    const feeds = normalizeFeeds(feedDict, this.graph);
    return { structure, feeds, compiled: this.compile(structure, feeds) };
  }

  /**
   * Runs a plan on the backend as one transaction: the variable writes it staged are
   * committed if it succeeds and dropped if it throws, on the backend (device copies)
   * and in the VariableStore alike. A run nested in a kernel of a running one (a custom
   * op running the session) belongs to the outer run's transaction.
   */
  private executeSync({ compiled, feeds }: PreparedRun): (NDArray | null)[] {
    const outermost = this.runDepth === 0;
    if (outermost) this.nestedFailure = null;
    this.runDepth++;
    let results: (NDArray | null)[];
    try {
      results = this.backend.execute(compiled.plan, compiled.program, feeds, this.runState());
    } catch (e) {
      if (outermost) this.settle(false);
      else this.nestedFailure ??= { error: e };
      throw e;
    } finally {
      this.runDepth--;
    }
    if (outermost) this.settleOrThrowNestedFailure();
    return results;
  }

  /** Commits the outer run, unless a run nested in it failed: then it rolls back and throws that error. */
  private settleOrThrowNestedFailure(): void {
    const failure = this.nestedFailure;
    this.nestedFailure = null;
    this.settle(failure === null);
    if (failure) throw failure.error;
  }

  /**
   * Ends the run's transaction on the backend and in the VariableStore. The store is
   * settled even when the backend's hook throws (a failed commit rolls back), so no
   * staged write survives into the next run.
   */
  private settle(succeeded: boolean): void {
    let committed = false;
    try {
      if (succeeded) { this.backend.commitRun?.(); committed = true; } else this.backend.rollbackRun?.();
    } finally {
      if (committed) this.variables.commit(); else this.variables.rollback();
    }
  }

  private runState(): RunState {
    return {
      variables: this.variables,
      randomFor: (op) => this.randomFor(op),
      buffers: this.buffers ?? undefined,
      resources: this.resources,
    };
  }

  /** The fetched values in the fetches' structure, none sharing storage the session or the caller keeps. */
  private present({ structure, feeds, compiled }: PreparedRun, results: (NDArray | null)[]): any {
    this.stats.runs++;
    this.stats.kernelCalls += compiled.plan.steps.length;
    const fed = new Set<unknown>([...feeds.values()].map((v) => v.data));
    const values = compiled.plan.fetchSlots.map((slot, i) => {
      if (slot < 0) return null;
      const v = results[i]!;
      // A fetched value may share storage with a variable (updated in place by later
      // runs), a Const (part of the graph), a feed (the caller's) or a recycled buffer
      // in the kernels' WebAssembly memory: hand out a copy.
      const shared = this.variables.owns(v.data) || compiled.constants.has(v.data) || fed.has(v.data) ||
        this.buffers?.isHomed(v.data) === true;
      return presentValue(shared ? v.clone() : v);
    });
    // Not a fed buffer: a kernel running this session again may feed it one of the outer run's.
    this.buffers?.returnFetched(results.map((v) => (v && fed.has(v.data) ? null : v)));
    return structure.build(values);
  }

  private compile(structure: FetchStructure, feeds: Map<Tensor, NDArray>): CompiledRun {
    const key = structure.leaves.map((l) => l.name).join(',') + '|' + [...feeds.keys()].map((t) => t.name).sort().join(',');
    let c = this.compiled.get(key);
    if (!c) {
      const plan = compilePlan(structure.leaves, [...feeds.keys()].sort((a, b) => a.op.id - b.op.id || a.value_index - b.value_index));
      const constants = new Set<unknown>(plan.steps.filter((st) => st.op.type === 'Const').map((st) => (st.op.attrs.value as NDArray).data));
      c = { plan, program: this.backend.prepare(plan), constants };
      this.stats.compiles++;
      this.compiled.set(key, c);
    }
    return c;
  }

  private randomFor(op: Operation): RandomStream {
    let s = this.randomStreams.get(op);
    if (!s) {
      const seed = Number(op.attrs.seed ?? 0), seed2 = Number(op.attrs.seed2 ?? 0);
      // Both seeds zero means "unseeded" in TF1: draw a fresh stream.
      s = seed === 0 && seed2 === 0
        ? new Xoshiro128((Math.random() * 2 ** 32) >>> 0, (Math.random() * 2 ** 32) >>> 0)
        : new Xoshiro128(seed, seed2);
      this.randomStreams.set(op, s);
    }
    return s;
  }

  /** Makes this the default session while fn runs (TF1's `with sess.as_default():`). */
  as_default<T>(fn: (sess: this) => T): T {
    pushDefaultSession(this);
    const leave = enterGraph(this.graph);
    try { return fn(this); } finally { leave(); popDefaultSession(this); }
  }

  /**
   * The block form of `with tf.Session(graph=g) as sess:` — the graph and the session
   * are the defaults inside fn, and the session is closed after it.
   */
  with<T>(fn: (sess: this) => T): T {
    try { return this.as_default(fn); } finally { this.close(); }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Runs queued behind an in-flight run_async now fail as closed (prepare checks); the
    // in-flight one still uses the variables and the backend, which go when it ends.
    if (this.asyncRuns > 0) {
      this.asyncTail.then(() => this.release());
      popDefaultSession(this);
      return;
    }
    this.release();
    popDefaultSession(this);
  }

  private release(): void {
    this.variables.clear();
    this.compiled.clear();
    this.randomStreams.clear();
    for (const r of this.resources.values()) (r as { close?: () => void } | null)?.close?.();
    this.resources.clear();
    this.buffers?.clear();
    this.backend.release?.();
  }

  get is_closed(): boolean { return this.closed; }
}

class InteractiveSessionImpl extends SessionImpl {
  constructor(...args: unknown[]) {
    super(...args);
    pushDefaultSession(this);
  }
}

export const Session = callable(SessionImpl);
export type Session = SessionImpl;
export const InteractiveSession = callable(InteractiveSessionImpl);
export type InteractiveSession = InteractiveSessionImpl;
registerSessionFactory((graph) => new SessionImpl({ graph }));
