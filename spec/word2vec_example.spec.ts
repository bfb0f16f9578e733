import { expect } from 'chai';
import * as word2vec from '../examples/word2vec';
import { Xoshiro128 } from '../lib/framework/random';

describe('examples/word2vec.ts (skip-gram with nce_loss on the generated grammar)', function () {
  this.timeout(120000);

  it('build_dataset numbers words by frequency with UNK first, and generate_batch pairs centres with their neighbours', () => {
    const { data, count, reversed_dictionary } = word2vec.build_dataset(['b', 'a', 'b', 'c', 'b', 'a'], 3);
    expect(count).to.deep.equal([['UNK', 1], ['b', 3], ['a', 2]]);
    expect(data).to.deep.equal([1, 2, 1, 0, 1, 2]);
    expect(reversed_dictionary).to.deep.equal(['UNK', 'b', 'a']);
    const text = [10, 11, 12, 13, 14, 15, 16];
    const gen = new word2vec.BatchGenerator(text, new Xoshiro128(1, 2));
    const [batch, labels] = gen.generate_batch(8, 2, 1);
    // Centres 11, 12, 13, 14, each twice, labelled with the word before and the word after (in either order).
    expect(Array.from(batch.data)).to.deep.equal([11, 11, 12, 12, 13, 13, 14, 14]);
    for (let i = 0; i < 8; i += 2) {
      expect([labels.data[i], labels.data[i + 1]].sort()).to.deep.equal([batch.data[i] - 1, batch.data[i] + 1]);
    }
    // The next batch starts one window back, as the original's backtracking: centre 15 after 14.
    const [next] = gen.generate_batch(2, 2, 1);
    expect(Array.from(next.data)).to.deep.equal([15, 15]);
  });

  it('a short run lowers the loss and finds words of the same class nearest', () => {
    const lines: string[] = [];
    const result = word2vec.main({ steps: 801, loss_every: 200, sentences: 5000, seed: 3, log: (l) => lines.push(l) });
    const losses = result.averageLosses;
    expect(losses.length).to.equal(4);
    expect(losses[losses.length - 1]).to.be.below(losses[0]);
    expect(lines.some((l) => /^Nearest to cat: /.test(l))).to.equal(true);
    // The grammar puts each class in its own slots, so a class's first word should have class-mates among its
    // 8 nearest: by chance (9 class-mates among 78 other words) about 0.9 per word, 7.4 over the 8 valid words.
    let related = 0;
    for (const [word, near] of result.nearest) {
      const cls = Object.values(word2vec.WORD_CLASSES).find((ws) => ws.includes(word))!;
      related += near.filter((w) => cls.includes(w)).length;
    }
    expect(related, [...result.nearest].map(([w, n]) => `${w}: ${n}`).join('\n')).to.be.at.least(14);
  });
});
