/* tf.nn's candidate samplers and compute_accidental_hits (TF1's candidate_sampling_ops). */
import { Tensor, TensorLike } from '../framework/tensor';
import { convertToTensor, graphOf, NameArg, nameFrom } from '../framework/convert';
import { pyfunc } from '../framework/python_args';
import { seedsFor } from './random_ops';

/** [sampled_candidates (int64 [num_sampled]), true_expected_count ([batch, num_true]), sampled_expected_count ([num_sampled])]. */
export type SampledValues = [Tensor, Tensor, Tensor];

const SAMPLER_PARAMS = ['true_classes', 'num_true', 'num_sampled', 'unique', 'range_max', 'seed', 'name'];

/** Adds one sampler op; the seeds follow the random ops' graph/op seed rules (tf.set_random_seed). */
function samplerOp(type: string, trueClasses: TensorLike, attrs: Record<string, unknown>, seed: number | null | undefined,
  name: NameArg | undefined): SampledValues {
  const g = graphOf([trueClasses]);
  const classes = convertToTensor(trueClasses, 'int64', 'true_classes', g);
  const [seed1, seed2] = seedsFor(seed, g);
  const op = g.create_op(type, [classes], { ...attrs, seed: seed1 ?? 0, seed2: seed2 ?? 0 }, nameFrom(name) ?? type);
  return [op.outputs[0], op.outputs[1], op.outputs[2]];
}

/**
 * tf.nn.log_uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, seed=None, name=None):
 * num_sampled classes from [0, range_max) with P(k) = (log(k + 2) - log(k + 1)) / log(range_max + 1), without
 * repetition when unique, and the expected count of each true and sampled class (p · num_sampled, or for unique
 * sampling 1 - (1 - p)^tries over the draws it took).
 */
export const log_uniform_candidate_sampler = pyfunc('log_uniform_candidate_sampler', SAMPLER_PARAMS, 5,
  function log_uniform_candidate_sampler(true_classes: TensorLike, num_true: number, num_sampled: number, unique: boolean,
    range_max: number, seed?: number | null, name?: NameArg): SampledValues {
    return samplerOp('LogUniformCandidateSampler', true_classes, { num_true, num_sampled, unique, range_max }, seed, name);
  });

/** tf.nn.uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, seed=None, name=None): classes uniform in [0, range_max). */
export const uniform_candidate_sampler = pyfunc('uniform_candidate_sampler', SAMPLER_PARAMS, 5,
  function uniform_candidate_sampler(true_classes: TensorLike, num_true: number, num_sampled: number, unique: boolean,
    range_max: number, seed?: number | null, name?: NameArg): SampledValues {
    return samplerOp('UniformCandidateSampler', true_classes, { num_true, num_sampled, unique, range_max }, seed, name);
  });

/**
 * tf.nn.fixed_unigram_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, vocab_file='',
 * distortion=1.0, num_reserved_ids=0, num_shards=1, shard=0, unigrams=(), seed=None, name=None): classes in
 * proportion to unigrams[k - num_reserved_ids]^distortion. The run fails with UnimplementedError for a
 * vocab_file or several shards (the unigrams list and one shard are supported).
 */
export const fixed_unigram_candidate_sampler = pyfunc('fixed_unigram_candidate_sampler',
  ['true_classes', 'num_true', 'num_sampled', 'unique', 'range_max', 'vocab_file', 'distortion', 'num_reserved_ids', 'num_shards',
    'shard', 'unigrams', 'seed', 'name'], 5,
  function fixed_unigram_candidate_sampler(true_classes: TensorLike, num_true: number, num_sampled: number, unique: boolean,
    range_max: number, vocab_file?: string, distortion?: number, num_reserved_ids?: number, num_shards?: number, shard?: number,
    unigrams?: number[], seed?: number | null, name?: NameArg): SampledValues {
    return samplerOp('FixedUnigramCandidateSampler', true_classes, {
      num_true, num_sampled, unique, range_max, vocab_file: vocab_file ?? '', distortion: distortion ?? 1,
      num_reserved_ids: num_reserved_ids ?? 0, num_shards: num_shards ?? 1, shard: shard ?? 0, unigrams: Array.from(unigrams ?? []),
    }, seed, name);
  });

/**
 * tf.nn.compute_accidental_hits(true_classes, sampled_candidates, num_true, seed=None, name=None):
 * [indices (int32 rows), ids (int64 sample positions), weights (-FLT_MAX)] for each true class that
 * was also sampled, the sparse entries a sampled loss adds to its sampled logits.
 */
export const compute_accidental_hits = pyfunc('compute_accidental_hits', ['true_classes', 'sampled_candidates', 'num_true', 'seed', 'name'], 3,
  function compute_accidental_hits(true_classes: TensorLike, sampled_candidates: TensorLike, num_true: number,
    seed?: number | null, name?: NameArg): [Tensor, Tensor, Tensor] {
    const g = graphOf([true_classes, sampled_candidates]);
    const classes = convertToTensor(true_classes, 'int64', 'true_classes', g);
    const sampled = convertToTensor(sampled_candidates, 'int64', 'sampled_candidates', g);
    const [seed1, seed2] = seedsFor(seed, g);
    const op = g.create_op('ComputeAccidentalHits', [classes, sampled], { num_true, seed: seed1 ?? 0, seed2: seed2 ?? 0 },
      nameFrom(name) ?? 'ComputeAccidentalHits');
    return [op.outputs[0], op.outputs[1], op.outputs[2]];
  });
