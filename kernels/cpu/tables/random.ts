import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { randomStandardNormalKernel, truncatedNormalKernel, randomUniformKernel, randomUniformIntKernel } from '../random_ops';
import { dropoutMaskKernel } from '../DropoutMask';
import {
  logUniformCandidateSamplerKernel, uniformCandidateSamplerKernel, fixedUnigramCandidateSamplerKernel, computeAccidentalHitsKernel,
} from '../CandidateSampler';

/** The CPU kernels of the random op definitions (lib/ops/defs/random), by TensorFlow op type. */
export const RANDOM_KERNELS: Record<string, CpuKernel> = {
  RandomStandardNormal: randomStandardNormalKernel,
  TruncatedNormal: truncatedNormalKernel,
  RandomUniform: randomUniformKernel,
  RandomUniformInt: randomUniformIntKernel,
  DropoutMask: dropoutMaskKernel,
  LogUniformCandidateSampler: logUniformCandidateSamplerKernel,
  UniformCandidateSampler: uniformCandidateSamplerKernel,
  FixedUnigramCandidateSampler: fixedUnigramCandidateSamplerKernel,
  ComputeAccidentalHits: computeAccidentalHitsKernel,
};
