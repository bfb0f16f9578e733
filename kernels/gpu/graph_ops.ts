/** gpu kernels of the graph's plumbing: constants, placeholders, identities, no-ops. */
import type { GpuKernel } from './types';
import type { NDArray } from '../../lib/framework/ndarray';

/** Uploaded once per compiled program and reused by every run. */
export const Const: GpuKernel = (_inputs, ctx) => ctx.constant(ctx.attrs.value as NDArray);

/** Unfed: the CPU kernel raises TF1's "You must feed a value for placeholder tensor" error. */
export const Placeholder: GpuKernel = (inputs, ctx) => ctx.runOnHost(inputs);

/** Device values are never written in place, so passing the input through is a copy in all but cost. */
export const Identity: GpuKernel = ([x]) => x;
export const StopGradient: GpuKernel = ([x]) => x;
export const PlaceholderWithDefault: GpuKernel = ([x]) => x;

export const NoOp: GpuKernel = () => [];
