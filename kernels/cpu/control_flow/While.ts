import { InvalidArgumentError } from '../../../lib/framework/errors';
import type { NDArray } from '../../../lib/framework/ndarray';
import type { CpuKernel, KernelContext, RunInfo, SubgraphFunc } from '../../../lib/registry/kernel_registry';
import type { Tensor } from '../../../lib/framework/tensor';
import { runWith, subgraphOf, valuesOf } from './subgraph_inputs';

interface LoopFuncs { cond: SubgraphFunc; body: SubgraphFunc; condVars: readonly Tensor[]; bodyVars: readonly Tensor[] }

/** The loop: cond's and body's first inputs are their loop-var placeholders, one per var. */
function loopFuncs(ctx: KernelContext, numVars: number): LoopFuncs {
  const cond = subgraphOf(ctx, 'cond'), body = subgraphOf(ctx, 'body');
  return { cond, body, condVars: cond.inputs.slice(0, numVars), bodyVars: body.inputs.slice(0, numVars) };
}

/**
 * Iterates, calling `visit` with each iteration's vars before the body runs on them
 * (WhileGrad keeps them); returns the final vars.
 */
export function iterate(ctx: KernelContext, numVars: number, inputs: NDArray[], captureTensors: readonly Tensor[],
  visit?: (vars: NDArray[]) => void): NDArray[] {
  const f = loopFuncs(ctx, numVars);
  const captured = valuesOf(captureTensors, inputs.slice(numVars));
  let vars = inputs.slice(0, numVars);
  for (;;) {
    const [goOn] = runWith(ctx, f.cond, valuesOf(f.condVars, vars, new Map(captured)));
    if (goOn.shape.length !== 0) {
      throw new InvalidArgumentError(`The loop condition of '${ctx.op.name}' must be a scalar, but it has shape [${goOn.shape.join(',')}]`, ctx.op.name);
    }
    if (!goOn.data[0]) return vars;
    visit?.(vars);
    vars = runWith(ctx, f.body, valuesOf(f.bodyVars, vars, new Map(captured)));
  }
}

/**
 * Each differentiated loop's iterations, kept by its While for the WhileGrad of the same
 * run (a WhileGrad in another run, e.g. inside a gradient branch, reruns the loop instead).
 */
const keptIterations = new WeakMap<RunInfo, Map<SubgraphFunc, NDArray[][]>>();

export const whileKernel: CpuKernel = (inputs, ctx) => {
  const numVars = (ctx.attrs.T as unknown[]).length;
  if (!subgraphOf(ctx, 'body').keepIterations) return iterate(ctx, numVars, inputs, ctx.op.inputs.slice(numVars));
  const stack: NDArray[][] = [];
  const out = iterate(ctx, numVars, inputs, ctx.op.inputs.slice(numVars), (vars) => stack.push(vars));
  // The first iteration's vars are this op's inputs: the run may recycle their buffers once the While is done.
  if (stack.length) stack[0] = stack[0].map((v) => v.clone());
  let kept = keptIterations.get(ctx.run);
  if (!kept) keptIterations.set(ctx.run, (kept = new Map()));
  kept.set(subgraphOf(ctx, 'body'), stack);
  return out;
};

/** The iterations the While of this loop body kept in this run (taken: each is read once), or null. */
export function takeKeptIterations(ctx: KernelContext, body: SubgraphFunc): NDArray[][] | null {
  const kept = keptIterations.get(ctx.run);
  const stack = kept?.get(body) ?? null;
  kept?.delete(body);
  return stack;
}
