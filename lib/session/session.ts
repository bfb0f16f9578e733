import { Graph, get_default_graph, enterGraph } from '../framework/graph';
import { Tensor } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { Operation } from '../framework/operation';
import { Xoshiro128 } from '../framework/random';
import { pushDefaultSession, popDefaultSession, SessionLike } from '../framework/default_session';
import { FetchStructure, presentValue } from './fetches';
import { normalizeFeeds } from './feeds';
import { compilePlan, Plan } from './plan';
import { VariableStore } from './variable_store';
import { BufferPool } from './buffer_pool';
import { RuntimeError } from './runtime_error';
import { Backend, chooseBackend, SessionConfig } from './backend';
import type { RandomStream } from '../registry/kernel_registry';

export interface SessionOptions { graph?: Graph; config?: SessionConfig; target?: string }

interface CompiledRun {
  plan: Plan;
  program: unknown;
  /** The buffers of the plan's Const values, which fetched results must not expose. */
  constants: Set<unknown>;
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
  /**
   * Kernel-output buffers recycled between and within runs on the CPU backend;
   * null when TENSORGRAPH_RECYCLE_BUFFERS=0 (every output freshly allocated, for
   * debugging a kernel suspected of reading what it did not write).
   */
  readonly buffers: BufferPool | null;
  private closed = false;
  /** Counts runs, kernel launches and plan compilations; tests read them to check pruning and caching. */
  readonly stats = { runs: 0, kernelCalls: 0, compiles: 0 };

  constructor(options: SessionOptions = {}) {
    this.graph = options.graph ?? get_default_graph();
    this.backend = chooseBackend(options.config ?? {});
    const home = this.backend.variableHome?.() ?? null;
    this.variables = new VariableStore(home);
    this.buffers = process.env.TENSORGRAPH_RECYCLE_BUFFERS === '0' ? null : new BufferPool(undefined, home);
  }

  /** Which backend (and, for gpu.js, which mode) runs this session's kernels. */
  get device(): string { return this.backend.description; }

  run(fetches: unknown, feedDict?: unknown): any {
    if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
    const structure = new FetchStructure(fetches, this.graph);
    const feeds = normalizeFeeds(feedDict, this.graph);
    const compiled = this.compile(structure, feeds);
    const results = this.backend.execute(compiled.plan, compiled.program, feeds, {
      variables: this.variables,
      randomFor: (op) => this.randomFor(op),
      buffers: this.buffers ?? undefined,
    });
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
    this.variables.clear();
    this.compiled.clear();
    this.randomStreams.clear();
    this.buffers?.clear();
    this.backend.release?.();
    popDefaultSession(this);
  }

  get is_closed(): boolean { return this.closed; }
}

class InteractiveSessionImpl extends SessionImpl {
  constructor(options: SessionOptions = {}) {
    super(options);
    pushDefaultSession(this);
  }
}

/** Lets TF1-style code call a class with or without `new`. */
export function callable<C extends new (...args: any[]) => any>(cls: C): C & ((...args: ConstructorParameters<C>) => InstanceType<C>) {
  return new Proxy(cls, { apply: (target, _this, args) => new target(...args) }) as any;
}

export const Session = callable(SessionImpl);
export type Session = SessionImpl;
export const InteractiveSession = callable(InteractiveSessionImpl);
export type InteractiveSession = InteractiveSessionImpl;
