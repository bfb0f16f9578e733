import type { AttrSpec, OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import type { Attrs, TensorSpec } from '../../../registry/op_registry';
import { shapeToString } from '../../../framework/shape_utils';
import { requireRank } from '../array/checks';

/*
 * The candidate samplers (tf.nn.*_candidate_sampler) and ComputeAccidentalHits, as TF1's
 * candidate_sampling_ops. Kernels: kernels/cpu/CandidateSampler.ts. TF1 registers no
 * gradient for any of them (the samples are integers, the expected counts constants of
 * the loss), so gradient is null: tf.gradients stops here as it does in TF.
 */

/** The attrs every sampler has; extra ones (FixedUnigram's) go after them. */
function samplerAttrs(extra: Record<string, AttrSpec> = {}): Record<string, AttrSpec> {
  return {
    num_true: { type: 'int', minimum: 1 },
    num_sampled: { type: 'int', minimum: 1 },
    unique: { type: 'bool' },
    range_max: { type: 'int', minimum: 1 },
    ...extra,
    seed: { type: 'int', default: 0 },
    seed2: { type: 'int', default: 0 },
  };
}

/** TF's CandidateSamplerShapeFn: true_classes [batch, num_true]; samples and their counts [num_sampled]. */
function samplerShape(opType: string) {
  return ([trueClasses]: TensorSpec[], attrs: Attrs, opName: string) => {
    requireRank(trueClasses, 2, 'true_classes', opName, opType);
    const numTrue = Number(attrs.num_true), numSampled = Number(attrs.num_sampled);
    const cols = trueClasses.shape?.[1] ?? null;
    if (cols !== null && cols !== numTrue) {
      throw new ValueError(`Dimension 1 in both shapes must be equal, but are ${cols} and ${numTrue} for '${opName}' ` +
        `(op: '${opType}') (true_classes has shape ${shapeToString(trueClasses.shape)}, num_true is ${numTrue}).`);
    }
    if (attrs.unique === true && numSampled > Number(attrs.range_max)) {
      throw new ValueError(`${opType} '${opName}': Sampler's range is too small: unique sampling of ${numSampled} ` +
        `candidates from range_max ${attrs.range_max}`);
    }
    return [{ shape: [numSampled] }, { shape: [trueClasses.shape?.[0] ?? null, numTrue] }, { shape: [numSampled] }];
  };
}

function samplerOp(name: string, extra?: Record<string, AttrSpec>): OpSpec {
  return {
    name,
    inputs: [{ name: 'true_classes', type: 'int64' }],
    outputs: [
      { name: 'sampled_candidates', type: 'int64' },
      { name: 'true_expected_count', type: 'float32' },
      { name: 'sampled_expected_count', type: 'float32' },
    ],
    attrs: samplerAttrs(extra),
    is_stateful: true,
    shape: samplerShape(name),
    gradient: null,
  };
}

/** Classes in [0, range_max) with P(k) = (log(k + 2) - log(k + 1)) / log(range_max + 1): Zipf-like, for classes sorted by frequency. */
export const LogUniformCandidateSampler: OpSpec = samplerOp('LogUniformCandidateSampler');

/** Classes uniform in [0, range_max). */
export const UniformCandidateSampler: OpSpec = samplerOp('UniformCandidateSampler');

/**
 * Classes drawn in proportion to unigrams[k]^distortion, the first num_reserved_ids
 * classes never. TF's vocab_file and sharding attrs are in the schema so saved graphs
 * keep TF's NodeDef; the kernel takes unigrams only, one shard.
 */
export const FixedUnigramCandidateSampler: OpSpec = samplerOp('FixedUnigramCandidateSampler', {
  vocab_file: { type: 'string', default: '' },
  distortion: { type: 'float', default: 1 },
  num_reserved_ids: { type: 'int', default: 0 },
  num_shards: { type: 'int', default: 1, minimum: 1 },
  shard: { type: 'int', default: 0, minimum: 0 },
  unigrams: { type: 'list(float)', default: [] },
});

/**
 * ComputeAccidentalHits(true_classes, sampled_candidates): every (row, sample position)
 * where a sampled candidate is one of the row's true classes, with weight -FLT_MAX, so
 * adding them to the sampled logits removes those hits from a sampled loss.
 */
export const ComputeAccidentalHits: OpSpec = {
  name: 'ComputeAccidentalHits',
  inputs: [{ name: 'true_classes', type: 'int64' }, { name: 'sampled_candidates', type: 'int64' }],
  outputs: [{ name: 'indices', type: 'int32' }, { name: 'ids', type: 'int64' }, { name: 'weights', type: 'float32' }],
  attrs: { num_true: { type: 'int' }, seed: { type: 'int', default: 0 }, seed2: { type: 'int', default: 0 } },
  shape: ([trueClasses, sampled], attrs, opName) => {
    requireRank(trueClasses, 2, 'true_classes', opName, 'ComputeAccidentalHits');
    requireRank(sampled, 1, 'sampled_candidates', opName, 'ComputeAccidentalHits');
    const cols = trueClasses.shape?.[1] ?? null;
    if (cols !== null && cols !== Number(attrs.num_true)) {
      throw new ValueError(`Dimension 1 in both shapes must be equal, but are ${cols} and ${attrs.num_true} for '${opName}' ` +
        `(op: 'ComputeAccidentalHits') (true_classes has shape ${shapeToString(trueClasses.shape)}, num_true is ${attrs.num_true}).`);
    }
    return [{ shape: [null] }, { shape: [null] }, { shape: [null] }];
  },
  gradient: null,
};
