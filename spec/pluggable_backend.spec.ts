/**
 * A backend added from outside: registered by name with the BackendRegistry, its
 * kernels registered under the same name in the kernel registry, and run by a plain
 * `new tf.Session({ config: { device } })` — no change to the session or the executor.
 * The toy 'cpu-trace' backend records the op types it runs and delegates each to the
 * op's CPU kernel; 'cpu-trace-async' adds executeAsync, held until the test lets it go.
 */
import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { AlreadyExistsError, InternalError, InvalidArgumentError, UnimplementedError, ValueError } from '../lib/framework/errors';
import type { Tensor } from '../lib/framework/tensor';
import { Backend, backendRegistry, SessionConfig } from '../lib/session/backend';
import { executeOnCpu, RunState } from '../lib/session/cpu_executor';
import { RuntimeError } from '../lib/session/runtime_error';
import type { Plan } from '../lib/session/plan';
import { kernelRegistry, CpuKernel } from '../lib/registry/kernel_registry';

const TRACE = 'cpu-trace';

class TraceBackend implements Backend {
  readonly name: string = TRACE;
  readonly description: string = 'cpu-trace (records op types, runs CPU kernels)';
  /** Op types run, in order, across runs. */
  readonly ran: string[] = [];
  /** When set, execute runs every kernel (variable writes included) and then throws. */
  failAfterKernels = false;
  /** When set, the next commitRun hook throws (a device commit failing). */
  failNextCommit = false;
  commitRun(): void {
    if (this.failNextCommit) { this.failNextCommit = false; throw new InternalError('cpu-trace: commit failed on purpose'); }
  }

  constructor(readonly config: SessionConfig) {}

  prepare(plan: Plan): CpuKernel[] {
    // Only its own kernels: what it runs is what was registered under its name.
    return plan.steps.map((step) => {
      const kernel = kernelRegistry().get<CpuKernel>(step.op.type, TRACE);
      if (!kernel) throw new UnimplementedError(`No ${TRACE} kernel registered for op type ${step.op.type}`, step.op.name);
      return (inputs, ctx) => { this.ran.push(step.op.type); return kernel(inputs, ctx); };
    });
  }

  execute(plan: Plan, program: unknown, feeds: Map<Tensor, NDArray>, state: RunState): (NDArray | null)[] {
    const values: (NDArray | null)[] = new Array(plan.numSlots).fill(null);
    for (const { tensor, slot } of plan.feedSlots) values[slot] = feeds.get(tensor)!;
    executeOnCpu(plan, program as CpuKernel[], values, state);
    if (this.failAfterKernels) throw new InternalError('cpu-trace: failing on purpose after its kernels ran');
    return plan.fetchSlots.map((s) => (s >= 0 ? values[s] : null));
  }
}

/** Runs execute once the test opens the gate; logs when each run starts and ends. */
class AsyncTraceBackend extends TraceBackend {
  readonly name = `${TRACE}-async`;
  readonly description = 'cpu-trace-async (records op types, runs CPU kernels later)';
  readonly events: string[] = [];
  private gates: (() => void)[] = [];

  /** Lets the oldest waiting run proceed. */
  open(): void { this.gates.shift()?.(); }
  get waiting(): number { return this.gates.length; }

  async executeAsync(plan: Plan, program: unknown, feeds: Map<Tensor, NDArray>, state: RunState): Promise<(NDArray | null)[]> {
    this.events.push('start');
    await new Promise<void>((resolve) => this.gates.push(resolve));
    try {
      return this.execute(plan, program, feeds, state);
    } finally {
      this.events.push('end');
    }
  }
}

/** Waits until pending promise callbacks (and the session's queue) have run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a backend registered from outside (cpu-trace)', () => {
  before(() => {
    // Every op the CPU backend can run, under the toy backend's name, delegating to the CPU kernel.
    for (const type of kernelRegistry().opTypes('cpu')) {
      if (kernelRegistry().get(type, TRACE)) continue;
      const cpu = kernelRegistry().get<CpuKernel>(type, 'cpu')!;
      kernelRegistry().register<CpuKernel>(type, TRACE, (inputs, ctx) => cpu(inputs, ctx));
    }
    backendRegistry().register(TRACE, (config) => new TraceBackend(config), -5);
    backendRegistry().register(`${TRACE}-async`, (config) => new AsyncTraceBackend(config), -5);
  });
  after(() => {
    backendRegistry().unregister(TRACE);
    backendRegistry().unregister(`${TRACE}-async`);
  });
  beforeEach(() => tf.reset_default_graph());

  function model() {
    const x = tf.placeholder('float32', [null, 2], 'x');
    const w = tf.Variable(tf.constant([[1], [2]]), { name: 'w' });
    const y = tf.add(tf.matmul(x, w), tf.constant(0.5));
    const grow = w.assign_add(tf.constant([[10], [10]]));
    return { x, w, y, grow };
  }
  /** The model, with its variable initialized through run_async on the gated async backend. */
  async function initializedOnAsyncBackend() {
    const { w, grow } = model();
    const sess = new tf.Session({ config: { device: `${TRACE}-async` } });
    const backend = sess.backend as AsyncTraceBackend;
    const init = sess.run_async(w.initializer);
    backend.open();
    await init;
    return { w, grow, sess, backend };
  }


  it('runs a graph through new tf.Session({config: {device}}), with the CPU backend\'s values', () => {
    const { x, w, y } = model();
    const sess = new tf.Session({ config: { device: TRACE } });
    const backend = sess.backend as TraceBackend;
    expect(sess.device).to.equal('cpu-trace (records op types, runs CPU kernels)');
    sess.run(w.initializer);
    expect(backend.ran).to.deep.equal(['Const', 'Assign']);
    backend.ran.length = 0;
    const feed = new Map([[x, [[1, 1], [2, 3]]]]);
    const traced = sess.run(y, feed) as NDArray;
    const cpu = new tf.Session({ config: { device: 'cpu' } });
    cpu.run(w.initializer);
    expect(traced.toArray()).to.deep.equal((cpu.run(y, feed) as NDArray).toArray());
    expect(traced.toArray()).to.deep.equal([[3.5], [8.5]]);
    expect(backend.ran).to.deep.equal(['VariableV2', 'Identity', 'MatMul', 'Const', 'Add']);
  });

  it('an op without a kernel under the backend\'s name is its own error, not a silent CPU run', () => {
    const op = tf.register_op({
      name: 'OnlyOnCpuForTrace', inputs: [{ name: 'a', type_attr: 'T' }], outputs: [{ name: 'b', type_attr: 'T' }],
      attrs: { T: { type: 'type' } }, shape: ([a]) => a, kernels: { cpu: ([a]: NDArray[]) => a },
    });
    const t = op([tf.constant([1])]).outputs[0];
    const sess = new tf.Session({ config: { device: TRACE } });
    expect(() => sess.run(t)).to.throw(UnimplementedError, /No cpu-trace kernel registered for op type OnlyOnCpuForTrace/);
  });

  it('a failed execute leaves the variable it wrote unchanged', () => {
    const { w, grow } = model();
    const sess = new tf.Session({ config: { device: TRACE } });
    const backend = sess.backend as TraceBackend;
    sess.run(w.initializer);
    backend.failAfterKernels = true;
    expect(() => sess.run(grow)).to.throw(InternalError, /failing on purpose/);
    expect(backend.ran.slice(-1)).to.deep.equal(['AssignAdd']);
    backend.failAfterKernels = false;
    expect((sess.run(w) as NDArray).toArray()).to.deep.equal([[1], [2]]);
    sess.run(grow);
    expect((sess.run(w) as NDArray).toArray()).to.deep.equal([[11], [12]]);
  });

  it('is listed by name, refuses a second registration of the name, and is gone once unregistered', () => {
    expect(() => new tf.Session({ config: { device: 'no-such' } })).to.throw(ValueError, /available are .*cpu-trace/);
    expect(() => backendRegistry().register('CPU-Trace', () => null)).to.throw(AlreadyExistsError, /'cpu-trace' is already registered/);
    expect(new tf.Session({ config: { device: 'CPU-TRACE' } }).backend).to.be.instanceOf(TraceBackend);
    backendRegistry().unregister(TRACE);
    try {
      expect(() => new tf.Session({ config: { device: TRACE } })).to.throw(ValueError, /Unknown device 'cpu-trace'/);
    } finally {
      backendRegistry().register(TRACE, (config) => new TraceBackend(config), -5);
    }
  });

  describe('run_async on a backend with executeAsync', () => {
    it('resolves the values sess.run gives', async () => {
      const { x, w, y } = model();
      const sess = new tf.Session({ config: { device: `${TRACE}-async` } });
      const backend = sess.backend as AsyncTraceBackend;
      const init = sess.run_async(w.initializer);
      backend.open();
      expect(await init).to.equal(null);
      const feed = new Map([[x, [[1, 1], [2, 3]]]]);
      const result = sess.run_async({ y, both: [y, w] }, feed);
      await settle();
      backend.open();
      const value = await result;
      expect((value.y as NDArray).toArray()).to.deep.equal([[3.5], [8.5]]);
      expect((value.both[1] as NDArray).toArray()).to.deep.equal([[1], [2]]);
    });

    it('runs the calls of one session one at a time, in call order', async () => {
      const { w, grow } = model();
      const sess = new tf.Session({ config: { device: `${TRACE}-async` } });
      const backend = sess.backend as AsyncTraceBackend;
      const init = sess.run_async(w.initializer);
      const first = sess.run_async(grow);
      const second = sess.run_async(grow);
      await settle();
      expect(backend.events).to.deep.equal(['start']);
      backend.open();
      await init;
      await settle();
      expect(backend.events).to.deep.equal(['start', 'end', 'start']);
      backend.open();
      const a = await first;
      await settle();
      expect(backend.events).to.deep.equal(['start', 'end', 'start', 'end', 'start']);
      backend.open();
      const b = await second;
      expect((a as NDArray).toArray()).to.deep.equal([[11], [12]]);
      expect((b as NDArray).toArray()).to.deep.equal([[21], [22]]);
    });

    it('refuses a sync run while a run_async is in progress, naming the session', async () => {
      const { w } = model();
      const sess = new tf.Session({ config: { device: `${TRACE}-async` } });
      const backend = sess.backend as AsyncTraceBackend;
      const init = sess.run_async(w.initializer);
      expect(() => sess.run(w)).to.throw(RuntimeError, /^Session #\d+ \(cpu-trace-async .*\) has 1 run_async call in progress/);
      backend.open();
      await init;
      expect((sess.run(w) as NDArray).toArray()).to.deep.equal([[1], [2]]);
    });

    it('a failure rejects with the run\'s error and rolls back its variable writes', async () => {
      const { w, grow, sess, backend } = await initializedOnAsyncBackend();
      backend.failAfterKernels = true;
      const failing = sess.run_async(grow);
      backend.open();
      let error: unknown = null;
      await failing.catch((e) => { error = e; });
      expect(error).to.be.instanceOf(InternalError);
      expect((error as Error).message).to.match(/failing on purpose/);
      backend.failAfterKernels = false;
      const read = sess.run_async(w);
      backend.open();
      expect(((await read) as NDArray).toArray()).to.deep.equal([[1], [2]]);
    });

    it('an error before the backend runs (a bad feed) rejects too, and later calls still run', async () => {
      const { x, y } = model();
      const sess = new tf.Session({ config: { device: `${TRACE}-async` } });
      let error: unknown = null;
      await sess.run_async(y, new Map([[x, [[1, 2, 3]]]])).catch((e) => { error = e; });
      expect(error).to.be.instanceOf(InvalidArgumentError);
      const c = sess.run_async(tf.constant(3));
      (sess.backend as AsyncTraceBackend).open();
      expect(await c).to.equal(3);
    });
  });

  describe('transactions under failure', () => {
    it('a commit hook that throws still settles the store: the staged write is dropped, not committed by the next run', () => {
      const { w, grow } = model();
      const sess = new tf.Session({ config: { device: TRACE } });
      sess.run(w.initializer);
      (sess.backend as TraceBackend).failNextCommit = true;
      expect(() => sess.run(grow)).to.throw(InternalError, /commit failed on purpose/);
      expect((sess.run(w) as NDArray).toArray()).to.deep.equal([[1], [2]]);
      expect((sess.run(w) as NDArray).toArray()).to.deep.equal([[1], [2]]);
    });

    it('a failed run nested in a kernel fails the outer run, even when the kernel catches it, and nothing is committed', () => {
      const { w, grow } = model();
      const sess = new tf.Session({ config: { device: TRACE } });
      const unfed = tf.placeholder('float32', [1], 'never_fed');
      const failingInner = tf.group(grow, tf.identity(unfed));
      let caught: unknown = null;
      const swallow = tf.register_op({
        name: 'RunsAFailingNestedRunAndCatches', is_stateful: true,
        inputs: [{ name: 'a', type_attr: 'T' }], outputs: [{ name: 'b', type_attr: 'T' }], attrs: { T: { type: 'type' } },
        shape: ([a]) => a,
        kernels: { [TRACE]: (([a]) => { try { sess.run(failingInner); } catch (e) { caught = e; } return a; }) as CpuKernel },
      });
      const outer = swallow([tf.constant([0])]).outputs[0];
      sess.run(w.initializer);
      expect(() => sess.run([outer, grow])).to.throw(InvalidArgumentError, /You must feed a value for placeholder tensor 'never_fed'/);
      expect(caught).to.be.instanceOf(InvalidArgumentError);
      // Neither the outer run's grow nor the nested run's grow was committed.
      expect((sess.run(w) as NDArray).toArray()).to.deep.equal([[1], [2]]);
      // The session works afterwards.
      sess.run(grow);
      expect((sess.run(w) as NDArray).toArray()).to.deep.equal([[11], [12]]);
    });
  });

  describe('run_async ordering and closing', () => {
    it('a run_async made while another one starts waits for it: never two in flight', async () => {
      const sess = new tf.Session({ config: { device: `${TRACE}-async` } });
      const backend = sess.backend as AsyncTraceBackend;
      const c = tf.constant(1);
      const runs = [sess.run_async(c), sess.run_async(c), sess.run_async(c)];
      await settle();
      expect(backend.events).to.deep.equal(['start']);
      for (let i = 0; i < 3; i++) { backend.open(); await settle(); }
      expect(await Promise.all(runs)).to.deep.equal([1, 1, 1]);
      expect(backend.events).to.deep.equal(['start', 'end', 'start', 'end', 'start', 'end']);
    });

    it('run_async from inside a kernel of a running run is refused (it would wait for itself)', async () => {
      const sess = new tf.Session({ config: { device: TRACE } });
      let refused: Promise<unknown> | null = null;
      const op = tf.register_op({
        name: 'CallsRunAsyncFromAKernel', is_stateful: true,
        inputs: [{ name: 'a', type_attr: 'T' }], outputs: [{ name: 'b', type_attr: 'T' }], attrs: { T: { type: 'type' } },
        shape: ([a]) => a,
        kernels: { [TRACE]: (([a]) => { refused = sess.run_async(tf.constant(2)); return a; }) as CpuKernel },
      });
      expect((sess.run(op([tf.constant([5])]).outputs[0]) as NDArray).toArray()).to.deep.equal([5]);
      let error: unknown = null;
      await refused!.catch((e) => { error = e; });
      expect(error).to.be.instanceOf(RuntimeError);
      expect(String(error)).to.match(/run_async from inside a kernel of a running run/);
    });

    it('close() while a run_async is in flight lets it finish; queued calls reject as closed', async () => {
      const { w, grow, sess, backend } = await initializedOnAsyncBackend();
      const inFlight = sess.run_async(grow);
      const queued = sess.run_async(w);
      await settle();
      sess.close();
      backend.open();
      const value = await inFlight as NDArray;
      expect(value.toArray()).to.deep.equal([[11], [12]]);
      let error: unknown = null;
      await queued.catch((e) => { error = e; });
      expect(String(error)).to.match(/Attempted to use a closed Session/);
    });
  });
});
