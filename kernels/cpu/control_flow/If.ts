import { InvalidArgumentError } from '../../../lib/framework/errors';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { runWith, SubgraphRunner, subgraphOf, valuesOf } from './subgraph_inputs';

/**
 * Runs only the taken branch, on the captured values (the op's inputs after the predicate).
 * `isTrue` reads the scalar predicate: the gpu kernel reads back that one value only.
 */
export function runTakenBranch<V extends { readonly shape: readonly number[] }>(
  ctx: SubgraphRunner<V>, inputs: V[], isTrue: (pred: V) => boolean): V[] {
  const [pred, ...captured] = inputs;
  if (pred.shape.length !== 0) {
    throw new InvalidArgumentError(`The predicate of a cond must be a scalar, but it has shape [${pred.shape.join(',')}]`, ctx.op.name);
  }
  const branch = subgraphOf(ctx, isTrue(pred) ? 'then_branch' : 'else_branch');
  return runWith(ctx, branch, valuesOf(ctx.op.inputs.slice(1), captured));
}

export const ifKernel: CpuKernel = (inputs, ctx) => runTakenBranch(ctx, inputs, (pred) => Boolean(pred.data[0]));
