import { NDArray } from '../../../lib/framework/ndarray';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { runWith, subgraphOf, valuesOf } from './subgraph_inputs';
import { isTrueOnHost, iterate, takeKeptIterations } from './While';

/**
 * Takes each iteration's loop vars from the stack the forward While kept in this run (TF1's
 * gradient keeps such stacks too), or reruns the loop to rebuild it, then runs body_grad from the last iteration back: each step maps the
 * gradients of an iteration's outputs to those of its inputs and adds the captures'.
 */
export const whileGradKernel: CpuKernel = (inputs, ctx) => {
  const numVars = (ctx.attrs.T as unknown[]).length;
  const numCaps = (ctx.attrs.Tcaptures as unknown[]).length;
  const opInputs = ctx.op.inputs;
  let stack = takeKeptIterations(ctx, subgraphOf(ctx, 'body'));
  if (!stack) {
    const rerun: NDArray[][] = [];
    iterate(ctx, numVars, inputs.slice(0, numVars + numCaps), opInputs.slice(numVars, numVars + numCaps),
      { isTrue: isTrueOnHost, visit: (vars) => rerun.push(vars) });
    stack = rerun;
  }
  const bodyGrad = subgraphOf(ctx, 'body_grad');
  // body_grad's inputs: the body's var placeholders, one gradient placeholder per var, then its captures.
  const varPhs = bodyGrad.inputs.slice(0, numVars), gradPhs = bodyGrad.inputs.slice(numVars, 2 * numVars);
  const captured = valuesOf(opInputs.slice(2 * numVars + numCaps), inputs.slice(2 * numVars + numCaps));
  let grads = inputs.slice(numVars + numCaps, 2 * numVars + numCaps);
  const capGrads = inputs.slice(numVars, numVars + numCaps).map((c) => NDArray.zeros(c.shape, c.dtype));
  for (let i = stack.length - 1; i >= 0; i--) {
    const named = valuesOf(gradPhs, grads, valuesOf(varPhs, stack[i], new Map(captured)));
    const out = runWith(ctx, bodyGrad, named);
    grads = out.slice(0, numVars);
    out.slice(numVars).forEach((g, j) => { for (let k = 0; k < g.size; k++) capGrads[j].data[k] += g.data[k]; });
  }
  return [...grads, ...capGrads];
};
