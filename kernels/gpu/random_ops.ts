/**
 * Random ops draw on the host from the op's session stream, then the values are
 * uploaded: the gpu backend then gives exactly the numbers the CPU backend gives
 * for the same seeds (a device generator could not: WebGL 1 has no integer bit
 * operations to run the same xoshiro128** stream). The cost is one upload per run.
 */
import type { GpuKernel } from './types';

const drawOnHost: GpuKernel = (inputs, ctx) => ctx.runOnHost(inputs);

export const RandomStandardNormal = drawOnHost;
export const TruncatedNormal = drawOnHost;
export const RandomUniform = drawOnHost;
export const RandomUniformInt = drawOnHost;
export const DropoutMask = drawOnHost;
// The candidate samplers (rejection sampling into a set) and ComputeAccidentalHits (a hash lookup per true class)
// handle a few ids per step: host work by nature, their small outputs uploaded.
export const LogUniformCandidateSampler = drawOnHost;
export const UniformCandidateSampler = drawOnHost;
export const FixedUnigramCandidateSampler = drawOnHost;
export const ComputeAccidentalHits = drawOnHost;
