import { InvalidArgumentError } from '../../../lib/framework/errors';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { runWith, subgraphOf, valuesOf } from './subgraph_inputs';

/** Runs only the taken branch, on the captured values (the op's inputs after the predicate). */
export const ifKernel: CpuKernel = (inputs, ctx) => {
  const [pred, ...captured] = inputs;
  if (pred.shape.length !== 0) {
    throw new InvalidArgumentError(`The predicate of a cond must be a scalar, but it has shape [${pred.shape.join(',')}]`, ctx.op.name);
  }
  const branch = subgraphOf(ctx, pred.data[0] ? 'then_branch' : 'else_branch');
  return runWith(ctx, branch, valuesOf(ctx.op.inputs.slice(1), captured));
};
