import { InvalidArgumentError } from '../../../lib/framework/errors';
import type { NDArray } from '../../../lib/framework/ndarray';
import type { CpuKernel, KernelContext, SubgraphFunc } from '../../../lib/registry/kernel_registry';
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

export const whileKernel: CpuKernel = (inputs, ctx) => {
  const numVars = (ctx.attrs.T as unknown[]).length;
  return iterate(ctx, numVars, inputs, ctx.op.inputs.slice(numVars));
};
