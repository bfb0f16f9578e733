import type { OpSpec } from '../register_op';
import { RandomStandardNormal, TruncatedNormal, RandomUniform, RandomUniformInt, DropoutMask } from './random/random';
import {
  LogUniformCandidateSampler, UniformCandidateSampler, FixedUnigramCandidateSampler, ComputeAccidentalHits,
} from './random/CandidateSampler';

/** The stateful random ops: samplers for initializers and tf.random_*, and dropout's mask. */
export const RANDOM_OPS: OpSpec[] = [
  RandomStandardNormal, TruncatedNormal, RandomUniform, RandomUniformInt, DropoutMask,
  LogUniformCandidateSampler, UniformCandidateSampler, FixedUnigramCandidateSampler, ComputeAccidentalHits,
];
