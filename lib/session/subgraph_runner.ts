import { NDArray } from '../framework/ndarray';
import type { CpuKernel, SubgraphFunc } from '../registry/kernel_registry';
import { compilePlan, Plan } from './plan';
import { executeOnCpu, resolveCpuKernels } from './cpu_executor';
import type { RunState } from './run_context';

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
