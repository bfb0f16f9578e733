import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

/** Builds in a fresh graph (with an optional graph seed) and runs the fetches `runs` times in one session. */
function runFresh(build: () => tf.Tensor[], runs = 1, graphSeed: number | null = null): NDArray[][] {
  const g = new tf.Graph();
  return g.as_default(() => {
    if (graphSeed !== null) tf.set_random_seed(graphSeed);
    const ts = build();
    const sess = new tf.Session({ graph: g });
    try { return Array.from({ length: runs }, () => sess.run(ts) as NDArray[]); } finally { sess.close(); }
  });
}

const logUniformP = (k: number, range: number) => (Math.log(k + 2) - Math.log(k + 1)) / Math.log(range + 1);
const values = (a: NDArray) => Array.from(a.data);

describe('candidate samplers', () => {
  it('log_uniform_candidate_sampler with repetition: classes in range, expected count p(k) · num_sampled', () => {
    const [[sampled, trueCount, sampledCount]] = runFresh(() =>
      tf.nn.log_uniform_candidate_sampler([[0], [3], [9]], 1, 50, false, 10, { seed: 3 }));
    expect(sampled.dtype).to.equal('int64');
    expect(sampled.shape).to.deep.equal([50]);
    expect(trueCount.shape).to.deep.equal([3, 1]);
    for (const k of values(sampled)) expect(Number.isInteger(k) && k >= 0 && k < 10, `class ${k}`).to.equal(true);
    [0, 3, 9].forEach((k, i) => expect(trueCount.data[i]).to.be.closeTo(50 * logUniformP(k, 10), 1e-5));
    values(sampled).forEach((k, i) => expect(sampledCount.data[i]).to.be.closeTo(50 * logUniformP(k, 10), 1e-5));
    // P(0) = log 2 / log 11 = 0.28906...: the formula's value, not just self-consistency.
    expect(trueCount.data[0] / 50).to.be.closeTo(0.289065, 1e-5);
  });

  it('log_uniform_candidate_sampler draws the log-uniform distribution', () => {
    const n = 40000, range = 6;
    const [[sampled]] = runFresh(() => [tf.nn.log_uniform_candidate_sampler([[1]], 1, n, false, range, { seed: 1 })[0]]);
    const counts = new Array(range).fill(0);
    for (const k of values(sampled)) counts[k]++;
    counts.forEach((c, k) => {
      const p = logUniformP(k, range);
      expect(c / n, `frequency of class ${k}`).to.be.closeTo(p, 5 * Math.sqrt(p * (1 - p) / n));
    });
  });

  it('unique sampling returns distinct classes, with expected counts 1 - (1 - p)^tries for one number of tries', () => {
    const range = 20, num = 8;
    const [[sampled, trueCount, sampledCount]] = runFresh(() =>
      tf.nn.log_uniform_candidate_sampler({ true_classes: [[0, 5]], num_true: 2, num_sampled: num, unique: true, range_max: range, seed: 7 }));
    expect(new Set(values(sampled)).size).to.equal(num);
    // Every count gives back the same integer number of draws, at least num_sampled.
    const triesOf = (count: number, k: number) => Math.log(1 - count) / Math.log(1 - logUniformP(k, range));
    const tries = triesOf(trueCount.data[0], 0);
    expect(Math.abs(tries - Math.round(tries))).to.be.below(1e-3);
    expect(Math.round(tries)).to.be.at.least(num);
    const T = Math.round(tries);
    [0, 5].forEach((k, i) => expect(trueCount.data[i]).to.be.closeTo(1 - (1 - logUniformP(k, range)) ** T, 1e-6));
    values(sampled).forEach((k, i) => expect(sampledCount.data[i]).to.be.closeTo(1 - (1 - logUniformP(k, range)) ** T, 1e-6));
  });

  it('unique sampling of the whole range is a permutation; more than the range is a ValueError', () => {
    const [[sampled]] = runFresh(() => tf.nn.log_uniform_candidate_sampler([[0]], 1, 5, true, 5, { seed: 2 }));
    expect(values(sampled).sort()).to.deep.equal([0, 1, 2, 3, 4]);
    tf.reset_default_graph();
    expect(() => tf.nn.log_uniform_candidate_sampler([[0]], 1, 6, true, 5))
      .to.throw(tf.errors.ValueError, /Sampler's range is too small/);
  });

  it('seeded: a fresh graph repeats the samples, a session draws on from run to run (op seed and graph seed)', () => {
    const build = () => [tf.nn.log_uniform_candidate_sampler([[0]], 1, 10, true, 1000, { seed: 42 })[0]];
    const [a1, a2] = runFresh(build, 2).map(([s]) => values(s));
    const [b1] = runFresh(build).map(([s]) => values(s));
    expect(b1).to.deep.equal(a1);
    expect(a2).to.not.deep.equal(a1);
    const byGraph = () => [tf.nn.uniform_candidate_sampler([[0]], 1, 10, true, 1000)[0]];
    expect(values(runFresh(byGraph, 1, 5)[0][0])).to.deep.equal(values(runFresh(byGraph, 1, 5)[0][0]));
    expect(values(runFresh(byGraph, 1, 5)[0][0])).to.not.deep.equal(values(runFresh(byGraph, 1, 6)[0][0]));
  });

  it('the op is TF1\'s: name, attrs, int64 input, shapes checked while building and running', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      tf.set_random_seed(1);
      const labels = tf.placeholder('int64', [null, 2], 'labels');
      const [s, t, q] = tf.nn.log_uniform_candidate_sampler(labels, 2, 4, true, 100, { seed: 9, name: 'sampler' });
      expect(s.op.name).to.equal('sampler');
      expect(s.op.type).to.equal('LogUniformCandidateSampler');
      expect(s.op.attrs).to.include({ num_true: 2, num_sampled: 4, unique: true, range_max: 100, seed: 1, seed2: 9 });
      expect(t.shape).to.deep.equal([null, 2]);
      expect(q.shape).to.deep.equal([4]);
      expect(() => tf.nn.log_uniform_candidate_sampler(tf.placeholder('int64', [3, 2]), 1, 4, true, 100))
        .to.throw(tf.errors.ValueError, /Dimension 1 in both shapes must be equal, but are 2 and 1/);
      expect(() => tf.nn.log_uniform_candidate_sampler(tf.placeholder('int64', [3]), 1, 4, true, 100))
        .to.throw(tf.errors.ValueError, /Shape must be rank 2 but is rank 1/);
      const sess = new tf.Session({ graph: g });
      const unknown = tf.placeholder('int64', null, 'unknown');
      const [s2] = tf.nn.log_uniform_candidate_sampler(unknown, 2, 4, true, 100);
      expect(() => sess.run(s2, new Map([[unknown, NDArray.from([[1, 2, 3]], 'int64')]])))
        .to.throw(tf.errors.InvalidArgumentError, /true_classes must have num_true columns, expected: 2 was: 3/);
      sess.close();
    });
  });

  it('uniform_candidate_sampler: expected count num_sampled / range_max with repetition', () => {
    const [[sampled, trueCount, sampledCount]] = runFresh(() => tf.nn.uniform_candidate_sampler([[2], [7]], 1, 30, false, 8, { seed: 4 }));
    for (const k of values(sampled)) expect(k >= 0 && k < 8).to.equal(true);
    expect(values(trueCount)).to.deep.equal([30 / 8, 30 / 8]);
    expect(values(sampledCount)).to.deep.equal(new Array(30).fill(30 / 8));
  });

  it('fixed_unigram_candidate_sampler: weights unigrams^distortion after the reserved ids', () => {
    const n = 30000;
    // Classes 1, 2, 3 with weights 1, 4, 9 (distortion 2 over unigrams 1, 2, 3); class 0 reserved.
    const [[sampled, trueCount]] = runFresh(() => tf.nn.fixed_unigram_candidate_sampler([[0], [3]], 1, n, false, 4,
      { unigrams: [1, 2, 3], distortion: 2, num_reserved_ids: 1, seed: 5 }));
    const counts = [0, 0, 0, 0];
    for (const k of values(sampled)) counts[k]++;
    expect(counts[0]).to.equal(0);
    [0, 1 / 14, 4 / 14, 9 / 14].forEach((p, k) => expect(counts[k] / n).to.be.closeTo(p, 5 * Math.sqrt(p * (1 - p) / n) + 1e-9));
    expect(trueCount.data[0]).to.equal(0);
    expect(trueCount.data[1]).to.be.closeTo(n * 9 / 14, 1e-2);
    tf.reset_default_graph();
    const few = tf.nn.fixed_unigram_candidate_sampler([[1]], 1, 3, true, 4, { unigrams: [1, 2, 0], num_reserved_ids: 1 })[0];
    const sess = new tf.Session();
    expect(() => sess.run(few)).to.throw(tf.errors.InvalidArgumentError, /Sampler's range is too small/);
    const wrong = tf.nn.fixed_unigram_candidate_sampler([[1]], 1, 1, true, 5, { unigrams: [1, 2] })[0];
    expect(() => sess.run(wrong)).to.throw(tf.errors.InvalidArgumentError, /Must provide 5 unigrams/);
    sess.close();
  });

  it('compute_accidental_hits: (row, sample position, -FLT_MAX) for each true class that was sampled', () => {
    const [[indices, ids, weights]] = runFresh(() =>
      tf.nn.compute_accidental_hits([[1, 4], [2, 7], [4, 9]], [9, 4, 0, 1], 2));
    expect(indices.dtype).to.equal('int32');
    expect(ids.dtype).to.equal('int64');
    expect(values(indices)).to.deep.equal([0, 0, 2, 2]);
    expect(values(ids)).to.deep.equal([3, 1, 1, 0]);
    expect(values(weights)).to.deep.equal(new Array(4).fill(-3.4028234663852886e38));
    const [[none]] = runFresh(() => [tf.nn.compute_accidental_hits([[5]], [1, 2], 1)[0]]);
    expect(none.shape).to.deep.equal([0]);
  });
});
