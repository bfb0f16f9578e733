/*
 * If, While and WhileGrad on the gpu.js backend: for now their sub-graphs run on the host
 * (the CPU kernels through the run's host context, variables synced from the device), so
 * the inputs are read back once per op and the outputs uploaded once, not per iteration.
 * Running the sub-plans as device runs, reading back only the predicate, is docs/control_flow.md's open item.
 */
import type { GpuKernel } from './types';

export const If: GpuKernel = (inputs, ctx) => ctx.runOnHost(inputs);
export const While: GpuKernel = (inputs, ctx) => ctx.runOnHost(inputs);
export const WhileGrad: GpuKernel = (inputs, ctx) => ctx.runOnHost(inputs);
