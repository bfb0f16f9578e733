import { NDArray } from '../framework/ndarray';
import { InternalError, OpError, UnimplementedError } from '../framework/errors';
import { kernelRegistry, CpuKernel, KernelContext, RandomStream, VariableHandle } from '../registry/kernel_registry';
import type { Plan, PlanStep } from './plan';
import type { RunState } from './run_context';
export type { RunState } from './run_context';
import type { Operation } from '../framework/operation';
import type { DType, TypedArray } from '../framework/dtypes';
import type { Attrs } from '../registry/op_registry';
import { RunContext } from './run_context';
import type { SubgraphFunc } from '../registry/kernel_registry';
import { compilePlan } from './plan';

/** Resolved kernels for a plan, found once when the plan is compiled. */
export function resolveCpuKernels(plan: Plan): CpuKernel[] {
  return plan.steps.map((s) => {
    const k = kernelRegistry().get<CpuKernel>(s.op.type, 'cpu');
    if (!k) throw new UnimplementedError(`No CPU kernel registered for op '${s.op.name}' (op type: ${s.op.type})`, s.op.name);
    return k;
  });
}

/**
 * Runs the plan's steps on the CPU; returns the slot values (fetched ones kept).
 * With state.buffers, kernels' outputs come from that pool, and a pooled buffer goes
 * back to it when the last slot holding it is released (a kernel may return an
 * input's buffer as its output, e.g. Reshape, so buffers are counted, not slots).
 */
export function executeOnCpu(plan: Plan, kernels: CpuKernel[], values: (NDArray | null)[], state: RunState): void {
  const pool = state.buffers;
  // The feeds are in their slots now; a slot is emptied after its last reader, but the
  // array stays a feed of this run until it ends.
  const run = new RunContext(plan.feedSlots.map(({ slot }) => values[slot]!.data), pool?.allocate);
  // A run nested in a kernel of this session's run (a custom op running the session)
  // counts in a map of its own, so the outer run's counts survive it.
  const holders = pool ? (pool.runsInProgress++ === 0 ? pool.holders : new Map<TypedArray, number>()) : null;
  try {
    for (let i = 0; i < plan.steps.length; i++) {
      const step = plan.steps[i];
      const inputs = step.inputSlots.map((slot) => (slot >= 0 ? values[slot]! : (null as unknown as NDArray)));
      const outputs = runKernel(kernels[i], step, inputs, state, run);
      for (let j = 0; j < step.outputSlots.length; j++) {
        const slot = step.outputSlots[j];
        if (slot < 0) continue;
        values[slot] = outputs[j];
        // A feed is never this run's to recycle, even one the pool allocated (a kernel
        // running the session again may feed it a buffer of the outer run).
        const data = outputs[j].data;
        if (holders && pool!.owns(data) && !run.isFeed(data)) holders.set(data, (holders.get(data) ?? 0) + 1);
      }
      for (const slot of step.release) {
        const data = values[slot]?.data;
        values[slot] = null;
        const count = data && holders?.get(data);
        if (!count) continue;
        if (count > 1) holders!.set(data!, count - 1);
        else { holders!.delete(data!); pool!.release(data!); }
      }
    }
  } finally {
    if (pool) {
      // What the run hands out (fetched values) leaves the pool for good: the caller may
      // keep it, feed it back or make a constant of it, and none of those may see it
      // recycled by a later run.
      // A fetched buffer in the home is not handed over: the session copies it out and
      // then gives it back (BufferPool.returnFetched).
      for (const slot of plan.fetchSlots) {
        const data = slot >= 0 ? values[slot]?.data : undefined;
        if (data && !pool.isHomed(data) && !run.isFeed(data)) pool.disown(data);
      }
      holders!.clear();
      pool.runsInProgress--;
    }
  }
}

/** What a kernel sees of a session run: one per step (a class: one small allocation each). */
class StepContext implements KernelContext {
  readonly op: Operation;
  readonly attrs: Attrs;

  constructor(private readonly step: PlanStep, private readonly state: RunState, readonly run: RunContext) {
    this.op = step.op;
    this.attrs = step.op.attrs;
  }

  ref(index: number): VariableHandle {
    const name = this.step.refNames[index];
    if (!name) throw new InternalError(`Input ${index} of '${this.op.name}' is not a ref input`, this.op.name);
    return this.state.variables.handle(name);
  }

  variable(name: string): VariableHandle { return this.state.variables.handle(name); }
  random(): RandomStream { return this.state.randomFor(this.op); }
  resources(): Map<string, unknown> | undefined { return this.state.resources; }
  output(shape: readonly number[], dtype: DType): NDArray { return this.run.output(shape, dtype, true); }
  outputForOverwrite(shape: readonly number[], dtype: DType): NDArray { return this.run.output(shape, dtype, false); }
  allocate(dtype: DType, size: number, zeroed: boolean): TypedArray { return this.run.allocate(dtype, size, zeroed); }
  runSubgraph(fn: SubgraphFunc, inputs: NDArray[]): NDArray[] { return runSubgraphOnCpu(fn, inputs, this.state); }
}

function runKernel(kernel: CpuKernel, step: PlanStep, inputs: NDArray[], state: RunState, run: RunContext): NDArray[] {
  let out: NDArray | NDArray[];
  try {
    out = kernel(inputs, new StepContext(step, state, run));
  } catch (e) {
    throw attributeError(e, step.op);
  }
  const outputs = Array.isArray(out) ? out : [out];
  if (outputs.length !== step.op.outputs.length) {
    throw new InternalError(`Kernel for '${step.op.name}' (${step.op.type}) returned ${outputs.length} outputs, expected ${step.op.outputs.length}`, step.op.name);
  }
  return outputs;
}

/** Names the failing op in the error, as TF1's "[[node X]]" suffix does. */
export function attributeError(e: unknown, op: Operation): Error {
  if (e instanceof OpError) {
    if (e.op === null) (e as { op: string | null }).op = op.name;
    if (!e.message.includes(`[[node ${op.name}`)) e.message += `\n\t [[node ${op.name} (${op.type})]]`;
    return e;
  }
  const err = e as Error;
  return new InternalError(`${err?.message ?? String(e)}\n\t [[node ${op.name} (${op.type})]]`, op.name);
}

interface CompiledSubgraph { plan: Plan; kernels: CpuKernel[] }

/** A sub-graph is compiled once and reused by every iteration and run (its graph only grows). */
const compiled = new WeakMap<SubgraphFunc, CompiledSubgraph>();

/**
 * Runs a control-flow op's sub-graph on the CPU with the same planner and executor as a
 * session run, sharing the outer run's variables and random streams. Outputs are fresh
 * arrays, not the session's pooled buffers: a loop hands them back as its next inputs,
 * possibly many iterations later, and the pool would recycle them under it.
 */
export function runSubgraphOnCpu(fn: SubgraphFunc, inputs: NDArray[], state: RunState): NDArray[] {
  let c = compiled.get(fn);
  if (!c) {
    const plan = compilePlan([...fn.outputs], fn.inputs);
    c = { plan, kernels: resolveCpuKernels(plan) };
    compiled.set(fn, c);
  }
  const { plan, kernels } = c;
  const values: (NDArray | null)[] = new Array(plan.numSlots).fill(null);
  for (const { tensor, slot } of plan.feedSlots) values[slot] = inputs[fn.inputs.indexOf(tensor)];
  executeOnCpu(plan, kernels, values, { variables: state.variables, randomFor: (op) => state.randomFor(op) });
  return plan.fetchSlots.map((slot, i) => {
    if (slot >= 0) return values[slot]!;
    // An output that is an input passed straight through (a loop var the body returns as is).
    return inputs[fn.inputs.indexOf(fn.outputs[i])];
  });
}
