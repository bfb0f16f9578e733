import { NDArray } from '../../../lib/framework/ndarray';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { runWith, SubgraphRunner, subgraphOf, valuesOf } from './subgraph_inputs';
import { isTrueOnHost, iterate, LoopHooks, takeKeptIterations } from './While';

/** What WhileGrad needs of a backend beyond the loop's hooks: the kept stack and sums of the captures' gradients. */
export interface WhileGradHooks<V> extends LoopHooks<V> {
  /** The iterations the forward While kept in this run (taken), or null to rerun the loop. */
  takeKept(): V[][] | null;
  /** The sum so far plus one iteration's gradient of a capture (`sum` null before the first). */
  add(sum: V | null, g: V): V;
  /** A capture's gradient when the loop ran no iteration. */
  zerosLike(capture: V): V;
  /** Called with what the next step needs (the running gradients and sums): the gpu frees the rest. */
  afterStep?(live: V[]): void;
}

/**
 * Takes each iteration's loop vars from the stack the forward While kept in this run (TF1's
 * gradient keeps such stacks too), or reruns the loop to rebuild it, then runs body_grad from the last iteration back: each step maps the
 * gradients of an iteration's outputs to those of its inputs and adds the captures'.
 */
export function runWhileGrad<V extends { readonly shape: readonly number[] }>(ctx: SubgraphRunner<V>, inputs: V[], hooks: WhileGradHooks<V>): V[] {
  const numVars = (ctx.attrs.T as unknown[]).length;
  const numCaps = (ctx.attrs.Tcaptures as unknown[]).length;
  const opInputs = ctx.op.inputs;
  let stack = hooks.takeKept();
  if (!stack) {
    const rerun: V[][] = [];
    iterate(ctx, numVars, inputs.slice(0, numVars + numCaps), opInputs.slice(numVars, numVars + numCaps), {
      ...hooks, visit: (vars) => { hooks.visit?.(vars); rerun.push(vars); },
    });
    stack = rerun;
  }
  const bodyGrad = subgraphOf(ctx, 'body_grad');
  // body_grad's inputs: the body's var placeholders, one gradient placeholder per var, then its captures.
  const varPhs = bodyGrad.inputs.slice(0, numVars), gradPhs = bodyGrad.inputs.slice(numVars, 2 * numVars);
  const captured = valuesOf(opInputs.slice(2 * numVars + numCaps), inputs.slice(2 * numVars + numCaps));
  let grads = inputs.slice(numVars + numCaps, 2 * numVars + numCaps);
  const capGrads: (V | null)[] = new Array(numCaps).fill(null);
  for (let i = stack.length - 1; i >= 0; i--) {
    const named = valuesOf(gradPhs, grads, valuesOf(varPhs, stack[i], new Map(captured)));
    const out = runWith(ctx, bodyGrad, named);
    grads = out.slice(0, numVars);
    out.slice(numVars).forEach((g, j) => { capGrads[j] = hooks.add(capGrads[j], g); });
    hooks.afterStep?.([...grads, ...capGrads.filter((g): g is V => g !== null)]);
  }
  return [...grads, ...capGrads.map((g, j) => g ?? hooks.zerosLike(inputs[numVars + j]))];
}

export const whileGradKernel: CpuKernel = (inputs, ctx) => runWhileGrad(ctx, inputs, {
  isTrue: isTrueOnHost,
  takeKept: () => takeKeptIterations(ctx, subgraphOf(ctx, 'body')),
  // The first sum is a copy: a body_grad output may be an input passed through, which must not change.
  add: (sum, g) => {
    if (!sum) return g.clone();
    for (let k = 0; k < g.size; k++) sum.data[k] += g.data[k];
    return sum;
  },
  zerosLike: (c) => NDArray.zeros(c.shape, c.dtype),
});
