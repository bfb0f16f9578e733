/*
 * If and While on the gpu.js backend: the taken branch, and the loop's cond and body, run as
 * device runs of their sub-plans (GpuRun.runSubgraph) with the same drivers as the CPU
 * kernels. Loop vars and captures stay on the device; only the scalar predicate is read
 * back, once per branch or iteration, and not even that when it was computed on the host
 * (a counter compared with a constant).
 *
 * A differentiated loop (its body keeps each iteration's vars for WhileGrad) and WhileGrad
 * itself still run on the host: the forward stack is kept per run by the CPU While kernel,
 * and keeping it on the device across steps is not done (docs/control_flow.md).
 */
import type { GpuKernel, GpuKernelContext, DeviceTensor } from './types';
import { runTakenBranch } from '../cpu/control_flow/If';
import { iterate } from '../cpu/control_flow/While';
import { subgraphOf } from '../cpu/control_flow/subgraph_inputs';

/** The predicate's value: read back only when it lives on the device alone. */
const predicateOf = (ctx: GpuKernelContext) => (pred: DeviceTensor): boolean => Boolean(ctx.hostValue(pred).data[0]);

export const If: GpuKernel = (inputs, ctx) => runTakenBranch(ctx, inputs, predicateOf(ctx));

export const While: GpuKernel = (inputs, ctx) => {
  if (subgraphOf(ctx, 'body').keepIterations) return ctx.runOnHost(inputs);
  const numVars = (ctx.attrs.T as unknown[]).length;
  return iterate(ctx, numVars, inputs, ctx.op.inputs.slice(numVars), {
    isTrue: predicateOf(ctx),
    // Each iteration's other values (the last vars, the predicate, scratch) go as soon as the body is done.
    afterBody: (vars) => ctx.keepOnly?.(vars),
  });
};

export const WhileGrad: GpuKernel = (inputs, ctx) => ctx.runOnHost(inputs);
