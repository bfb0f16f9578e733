import { InvalidArgumentError } from '../../../lib/framework/errors';
import type { NDArray } from '../../../lib/framework/ndarray';
import type { CpuKernel, KernelContext, RunInfo, SubgraphFunc } from '../../../lib/registry/kernel_registry';
import type { Tensor } from '../../../lib/framework/tensor';
import { runWith, SubgraphRunner, subgraphOf, valuesOf } from './subgraph_inputs';

interface LoopFuncs { cond: SubgraphFunc; body: SubgraphFunc; condVars: readonly Tensor[]; bodyVars: readonly Tensor[] }

/** The loop: cond's and body's first inputs are their loop-var placeholders, one per var. */
function loopFuncs(ctx: SubgraphRunner<unknown>, numVars: number): LoopFuncs {
  const cond = subgraphOf(ctx, 'cond'), body = subgraphOf(ctx, 'body');
  return { cond, body, condVars: cond.inputs.slice(0, numVars), bodyVars: body.inputs.slice(0, numVars) };
}

/** How a backend drives the loop over its own values (the CPU's NDArrays, the gpu's device tensors). */
export interface LoopHooks<V> {
  /** The scalar predicate's value (the gpu reads back this one value per iteration). */
  isTrue(pred: V): boolean;
  /** Called with each iteration's vars before the body runs on them (WhileGrad keeps them). */
  visit?(vars: V[]): void;
  /** Called with the vars the body made (the gpu frees the iteration's other device values). */
  afterBody?(vars: V[]): void;
}

/** Iterates cond and body from the op's inputs (loop vars, then captures); returns the final vars. */
export function iterate<V extends { readonly shape: readonly number[] }>(ctx: SubgraphRunner<V>, numVars: number, inputs: V[],
  captureTensors: readonly Tensor[], hooks: LoopHooks<V>): V[] {
  const f = loopFuncs(ctx, numVars);
  const captured = valuesOf(captureTensors, inputs.slice(numVars));
  let vars = inputs.slice(0, numVars);
  for (;;) {
    const [goOn] = runWith(ctx, f.cond, valuesOf(f.condVars, vars, new Map(captured)));
    if (goOn.shape.length !== 0) {
      throw new InvalidArgumentError(`The loop condition of '${ctx.op.name}' must be a scalar, but it has shape [${goOn.shape.join(',')}]`, ctx.op.name);
    }
    if (!hooks.isTrue(goOn)) return vars;
    hooks.visit?.(vars);
    vars = runWith(ctx, f.body, valuesOf(f.bodyVars, vars, new Map(captured)));
    hooks.afterBody?.(vars);
  }
}

/** The CPU's predicate. */
export const isTrueOnHost = (pred: NDArray): boolean => Boolean(pred.data[0]);

/**
 * Each differentiated loop's iterations, kept by its While for the WhileGrad of the same
 * run (a WhileGrad in another run, e.g. inside a gradient branch, reruns the loop instead).
 */
const keptIterations = new WeakMap<RunInfo, Map<SubgraphFunc, NDArray[][]>>();

export const whileKernel: CpuKernel = (inputs, ctx) => {
  const numVars = (ctx.attrs.T as unknown[]).length;
  if (!subgraphOf(ctx, 'body').keepIterations) return iterate(ctx, numVars, inputs, ctx.op.inputs.slice(numVars), { isTrue: isTrueOnHost });
  const stack: NDArray[][] = [];
  const out = iterate(ctx, numVars, inputs, ctx.op.inputs.slice(numVars), { isTrue: isTrueOnHost, visit: (vars) => stack.push(vars) });
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
