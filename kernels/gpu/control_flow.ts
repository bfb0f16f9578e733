/*
 * If, While and WhileGrad on the gpu.js backend: the taken branch, the loop's cond and body,
 * and the gradient's body_grad run as device runs of their sub-plans (GpuRun.runSubgraph)
 * with the same drivers as the CPU kernels. Loop vars, captures and the forward stack stay
 * on the device; only the scalar predicate is read back, once per branch or iteration, and
 * not even that when it was computed on the host (a counter compared with a constant).
 */
import { NDArray } from '../../lib/framework/ndarray';
import type { GpuKernel, GpuKernelContext, DeviceTensor } from './types';
import { runTakenBranch } from '../cpu/control_flow/If';
import { iterate } from '../cpu/control_flow/While';
import { runWhileGrad } from '../cpu/control_flow/WhileGrad';
import { subgraphOf } from '../cpu/control_flow/subgraph_inputs';

/** The predicate's value: read back only when it lives on the device alone. */
const predicateOf = (ctx: GpuKernelContext) => (pred: DeviceTensor): boolean => Boolean(ctx.hostValue(pred).data[0]);

/** Each iteration's other values (the last vars, the predicate, scratch) go as soon as the body is done. */
const freeingAllBut = (ctx: GpuKernelContext) => (live: DeviceTensor[]) => ctx.keepOnly?.(live);

export const If: GpuKernel = (inputs, ctx) => runTakenBranch(ctx, inputs, predicateOf(ctx));

export const While: GpuKernel = (inputs, ctx) => {
  const numVars = (ctx.attrs.T as unknown[]).length;
  const body = subgraphOf(ctx, 'body');
  const stack: DeviceTensor[][] = [];
  // A differentiated loop keeps each iteration's vars, on the device, for the WhileGrad of this run.
  const visit = body.keepIterations ? (vars: DeviceTensor[]) => { ctx.retain!(vars); stack.push(vars); } : undefined;
  const out = iterate(ctx, numVars, inputs, ctx.op.inputs.slice(numVars), { isTrue: predicateOf(ctx), visit, afterBody: freeingAllBut(ctx) });
  if (body.keepIterations) ctx.keepIterations!(body, stack);
  return out;
};

const ADD = 'function(a, b) { return a[this.thread.x] + b[this.thread.x]; }';

export const WhileGrad: GpuKernel = (inputs, ctx) => runWhileGrad(ctx, inputs, {
  isTrue: predicateOf(ctx),
  visit: (vars) => ctx.retain!(vars),
  afterBody: freeingAllBut(ctx),
  takeKept: () => ctx.takeIterations!(subgraphOf(ctx, 'body')),
  // Device values are never modified: each sum is a new one.
  add: (sum, g) => (sum ? ctx.launch(ADD, [sum, g], sum.shape.slice(), sum.dtype) : g),
  zerosLike: (c) => ctx.fromHost(NDArray.zeros(c.shape, c.dtype)),
  afterStep: freeingAllBut(ctx),
});
