import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError, UnimplementedError } from '../../lib/framework/errors';
import type { CpuKernel, KernelContext, RandomStream } from '../../lib/registry/kernel_registry';

/*
 * The candidate samplers (TF's range_sampler.cc semantics, our code): a distribution
 * over [0, range), sampled with or without repetition, and each class's expected count
 * in one call, which the sampled losses subtract as log(Q).
 */

interface RangeSampler {
  /** One class in [0, range). */
  sample(rng: RandomStream): number;
  /** P(class) of one draw, as float32 (TF's samplers return float). */
  probability(k: number): number;
}

/** Uniform in [0, 1) with 53 random bits: two 32-bit draws, as a double. */
function uniformDouble(rng: RandomStream): number {
  return (Math.floor(rng.uniform() * 2 ** 21) * 2 ** 32 + Math.floor(rng.uniform() * 2 ** 32)) / 2 ** 53;
}

function uniformSampler(range: number): RangeSampler {
  const p = Math.fround(1 / range);
  return { sample: (rng) => Math.floor(uniformDouble(rng) * range), probability: () => p };
}

/**
 * exp(u · log(range + 1)) - 1 floored is k with probability log((k + 2) / (k + 1)) / log(range + 1);
 * the modulo only guards the u → 1 rounding edge.
 */
function logUniformSampler(range: number): RangeSampler {
  const logRange = Math.log1p(range);
  return {
    sample: (rng) => (Math.floor(Math.exp(uniformDouble(rng) * logRange)) - 1) % range,
    probability: (k) => Math.fround(Math.log((k + 2) / (k + 1)) / logRange),
  };
}

/** Weights unigrams[i]^distortion for classes num_reserved_ids + i, 0 for the reserved ones; drawn by binary search of the running sums. */
function unigramSampler(weights: Float64Array): RangeSampler {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => { total += w; cumulative[i] = total; });
  return {
    sample: (rng) => {
      const target = uniformDouble(rng) * total;
      let lo = 0, hi = weights.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > target) hi = mid; else lo = mid + 1;
      }
      return lo;
    },
    probability: (k) => Math.fround(weights[k] / total),
  };
}

/**
 * The expected number of times a class of probability p appears among the samples:
 * p · n for n draws with repetition; for unique sampling, which took `tries` draws to
 * find n distinct classes, the chance it was drawn at all, 1 - (1 - p)^tries.
 */
function expectedCount(p: number, batchSize: number, tries: number): number {
  if (tries === batchSize) return p * batchSize;
  return -Math.expm1(tries * Math.log1p(-p));
}

function checkTrueClasses(trueClasses: NDArray, numTrue: number, name: string): void {
  if (trueClasses.rank !== 2) {
    throw new InvalidArgumentError(`true_classes must be a matrix, got shape ${formatShape(trueClasses.shape)}`, name);
  }
  if (trueClasses.shape[1] !== numTrue) {
    throw new InvalidArgumentError(`true_classes must have num_true columns, expected: ${numTrue} was: ${trueClasses.shape[1]}`, name);
  }
}

function samplerKernel(make: (ctx: KernelContext) => RangeSampler, rangeOf: (ctx: KernelContext) => number): CpuKernel {
  return ([trueClasses], ctx) => {
    const name = ctx.op.name;
    const numTrue = Number(ctx.attrs.num_true), numSampled = Number(ctx.attrs.num_sampled);
    const unique = ctx.attrs.unique === true;
    checkTrueClasses(trueClasses, numTrue, name);
    const sampler = make(ctx);
    if (unique && numSampled > rangeOf(ctx)) throw new InvalidArgumentError("Sampler's range is too small.", name);
    const rng = ctx.random();
    const sampled = ctx.allocate('int64', numSampled, false);
    let tries = 0;
    if (unique) {
      // Rejection: draw until numSampled distinct classes; the number of draws enters the expected counts.
      const seen = new Set<number>();
      while (seen.size < numSampled) {
        tries++;
        const k = sampler.sample(rng);
        if (!seen.has(k)) { sampled[seen.size] = k; seen.add(k); }
      }
    } else {
      for (let i = 0; i < numSampled; i++) sampled[i] = sampler.sample(rng);
      tries = numSampled;
    }
    const trueCount = ctx.allocate('float32', trueClasses.size, false);
    for (let i = 0; i < trueClasses.size; i++) {
      trueCount[i] = expectedCount(sampler.probability(Number(trueClasses.data[i])), numSampled, tries);
    }
    const sampledCount = ctx.allocate('float32', numSampled, false);
    for (let i = 0; i < numSampled; i++) sampledCount[i] = expectedCount(sampler.probability(sampled[i]), numSampled, tries);
    return [
      new NDArray(sampled, [numSampled], 'int64'),
      new NDArray(trueCount, trueClasses.shape.slice(), 'float32'),
      new NDArray(sampledCount, [numSampled], 'float32'),
    ];
  };
}

const rangeMax = (ctx: KernelContext) => Number(ctx.attrs.range_max);

/** UniformCandidateSampler(true_classes). */
export const uniformCandidateSamplerKernel = samplerKernel((ctx) => uniformSampler(rangeMax(ctx)), rangeMax);

/** LogUniformCandidateSampler(true_classes). */
export const logUniformCandidateSamplerKernel = samplerKernel((ctx) => logUniformSampler(rangeMax(ctx)), rangeMax);

/** The classes a unigram sampler can draw: those of non-zero weight (unique sampling needs num_sampled of them). */
function unigramWeights(ctx: KernelContext): Float64Array {
  const name = ctx.op.name;
  const a = ctx.attrs;
  if (a.vocab_file !== '') throw new UnimplementedError('FixedUnigramCandidateSampler: vocab_file is not supported; pass unigrams', name);
  if (Number(a.num_shards) !== 1) throw new UnimplementedError('FixedUnigramCandidateSampler: only num_shards=1 is supported', name);
  const unigrams = (a.unigrams ?? []) as number[];
  const reserved = Number(a.num_reserved_ids), range = Number(a.range_max);
  if (reserved + unigrams.length !== range) {
    throw new InvalidArgumentError(`Must provide ${range - reserved} unigrams (range_max ${range} minus num_reserved_ids ${reserved}), ` +
      `got ${unigrams.length}`, name);
  }
  const distortion = Number(a.distortion);
  const weights = new Float64Array(range);
  unigrams.forEach((u, i) => {
    if (!(u >= 0)) throw new InvalidArgumentError(`unigrams must be non-negative, got ${u} at ${i}`, name);
    weights[reserved + i] = u ** distortion;
  });
  return weights;
}

const unigramCache = new WeakMap<object, Float64Array>();
function cachedWeights(ctx: KernelContext): Float64Array {
  let w = unigramCache.get(ctx.op);
  if (!w) { w = unigramWeights(ctx); unigramCache.set(ctx.op, w); }
  return w;
}

/** FixedUnigramCandidateSampler(true_classes), from the unigrams attr. */
export const fixedUnigramCandidateSamplerKernel = samplerKernel((ctx) => unigramSampler(cachedWeights(ctx)),
  (ctx) => cachedWeights(ctx).reduce((n, w) => n + (w > 0 ? 1 : 0), 0));

/**
 * ComputeAccidentalHits(true_classes, sampled_candidates): for each row and true class
 * found among the samples, (row, the last sample position holding it, -FLT_MAX), in row
 * then true-class order, as TF's kernel (a map from candidate to its last position).
 */
export const computeAccidentalHitsKernel: CpuKernel = ([trueClasses, sampled], ctx) => {
  const name = ctx.op.name;
  checkTrueClasses(trueClasses, Number(ctx.attrs.num_true), name);
  if (sampled.rank !== 1) throw new InvalidArgumentError(`sampled_candidates must be a vector, got shape ${formatShape(sampled.shape)}`, name);
  const position = new Map<number, number>();
  for (let i = 0; i < sampled.size; i++) position.set(Number(sampled.data[i]), i);
  const rows: number[] = [], ids: number[] = [];
  const [batch, numTrue] = trueClasses.shape;
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < numTrue; j++) {
      const at = position.get(Number(trueClasses.data[b * numTrue + j]));
      if (at !== undefined) { rows.push(b); ids.push(at); }
    }
  }
  const weights = new Float32Array(rows.length).fill(-3.4028234663852886e38);
  return [
    new NDArray(Int32Array.from(rows), [rows.length], 'int32'),
    new NDArray(Float64Array.from(ids), [ids.length], 'int64'),
    new NDArray(weights, [rows.length], 'float32'),
  ];
};
