/**
 * TF1's word2vec_basic.py (skip-gram with nce_loss), line by line in TypeScript, on a text
 * the example generates: sentences of a small grammar whose word classes (animals, colours,
 * fruits, numbers, people, places, verbs) each fill their own slots, so words of one class
 * share their contexts and should end up nearest to each other, which makes the printed
 * neighbours checkable.
 *
 *   node dist/examples/word2vec.js [--steps 3001] [--seed 1] [--sentences 20000] [--num_sampled 16]
 *
 * Deviations (the vocabulary is 79 words, not text8's 50,000): num_sampled 16 instead of 64
 * (unique sampling needs fewer samples than classes), the valid words are the first word of
 * each class instead of 16 random ones, and fewer steps (the loss settles within a few thousand).
 */
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { Xoshiro128 } from '../lib/framework/random';
import { runAsProgram, parseFlags, formatG } from './cli';

/** The grammar's word classes; a sentence template names the class of each slot. */
export const WORD_CLASSES: Record<string, string[]> = {
  animal: ['cat', 'dog', 'horse', 'cow', 'sheep', 'goat', 'pig', 'fox', 'wolf', 'bear'],
  colour: ['red', 'green', 'blue', 'yellow', 'black', 'white', 'brown', 'grey', 'pink', 'purple'],
  fruit: ['apples', 'pears', 'plums', 'grapes', 'cherries', 'peaches', 'lemons', 'melons', 'figs', 'limes'],
  number: ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelve'],
  person: ['anna', 'ben', 'carl', 'dora', 'emil', 'fay', 'gus', 'hana', 'ivan', 'jo'],
  place: ['field', 'forest', 'barn', 'garden', 'meadow', 'river', 'hill', 'valley', 'yard', 'wood'],
  animal_verb: ['runs', 'sleeps', 'hides', 'jumps', 'waits', 'plays'],
  person_verb: ['buys', 'eats', 'sells', 'picks', 'wants', 'brings'],
};

const TEMPLATES = [
  'the colour animal animal_verb in the place',
  'person person_verb number fruit',
  'person sees a colour animal near the place',
  'number colour fruit lie in the place',
];

/** The generated text: `sentences` sentences of the grammar, one RNG stream per seed. */
export function generateCorpus(sentences: number, seed: number): string[] {
  const rng = new Xoshiro128(seed, 17);
  const pick = <T>(xs: T[]) => xs[Math.floor(rng.uniform() * xs.length)];
  const words: string[] = [];
  for (let s = 0; s < sentences; s++) {
    for (const slot of pick(TEMPLATES).split(' ')) words.push(WORD_CLASSES[slot] ? pick(WORD_CLASSES[slot]) : slot);
  }
  return words;
}

/** word2vec_basic's build_dataset: ids by frequency (0 is UNK), the text as ids, counts and both dictionaries. */
export function build_dataset(words: string[], n_words: number) {
  const freq = new Map<string, number>();
  for (const w of words) freq.set(w, (freq.get(w) ?? 0) + 1);
  // Python's Counter.most_common: by count, ties in first-seen order (Map keeps insertion order, sort is stable).
  const count: [string, number][] = [['UNK', -1], ...[...freq.entries()].sort((a, b) => b[1] - a[1]).slice(0, n_words - 1)];
  const dictionary = new Map(count.map(([w], i) => [w, i]));
  let unk_count = 0;
  const data = words.map((w) => { const i = dictionary.get(w); if (i === undefined) { unk_count++; return 0; } return i; });
  count[0][1] = unk_count;
  const reversed_dictionary = count.map(([w]) => w);
  return { data, count, dictionary, reversed_dictionary };
}

/**
 * word2vec_basic's generate_batch: for each centre word of a sliding window of 2·skip_window + 1
 * words, num_skips (centre, context) pairs with distinct context words; the window wraps at the end.
 */
export class BatchGenerator {
  private data_index = 0;
  constructor(private readonly data: number[], private readonly rng: Xoshiro128) {}

  generate_batch(batch_size: number, num_skips: number, skip_window: number): [NDArray, NDArray] {
    if (batch_size % num_skips !== 0 || num_skips > 2 * skip_window) throw new Error('need batch_size % num_skips == 0 and num_skips <= 2 * skip_window');
    const batch = new Int32Array(batch_size), labels = new Int32Array(batch_size);
    const span = 2 * skip_window + 1;
    const buffer: number[] = [];
    for (let k = 0; k < span; k++) { buffer.push(this.data[this.data_index]); this.data_index = (this.data_index + 1) % this.data.length; }
    for (let i = 0; i < batch_size / num_skips; i++) {
      const context_words = Array.from({ length: span }, (_, w) => w).filter((w) => w !== skip_window);
      // random.sample(context_words, num_skips): a partial Fisher-Yates shuffle.
      for (let j = 0; j < num_skips; j++) {
        const r = j + Math.floor(this.rng.uniform() * (context_words.length - j));
        [context_words[j], context_words[r]] = [context_words[r], context_words[j]];
        batch[i * num_skips + j] = buffer[skip_window];
        labels[i * num_skips + j] = buffer[context_words[j]];
      }
      buffer.shift();
      buffer.push(this.data[this.data_index]);
      this.data_index = (this.data_index + 1) % this.data.length;
    }
    // Backtrack so no word at the end of a batch is skipped, as the original does.
    this.data_index = (this.data_index + this.data.length - span) % this.data.length;
    return [new NDArray(batch, [batch_size], 'int32'), new NDArray(labels, [batch_size, 1], 'int32')];
  }
}

export interface Word2VecOptions {
  steps?: number; seed?: number; sentences?: number; num_sampled?: number;
  /** Print the average loss every this many steps (2000 in the original). */
  loss_every?: number;
  log?: (line: string) => void;
}

export interface Word2VecResult {
  /** Average loss over each loss_every window, in order. */
  averageLosses: number[];
  /** For each valid word, its top_k nearest words by cosine similarity of the final embeddings. */
  nearest: Map<string, string[]>;
  seconds: number;
}

export function main(options: Word2VecOptions = {}): Word2VecResult {
  const log = options.log ?? ((line: string) => console.log(line));
  const seed = options.seed ?? 1;
  const num_steps = options.steps ?? 3001;
  const loss_every = options.loss_every ?? 500;
  const vocabulary = generateCorpus(options.sentences ?? 20000, seed);
  log(`Data size ${vocabulary.length}`);
  const vocabulary_size = 50000;
  const { data, count, dictionary, reversed_dictionary } = build_dataset(vocabulary, vocabulary_size);
  const vocab = reversed_dictionary.length; // the text has fewer distinct words than vocabulary_size
  log(`Most common words (+UNK) ${JSON.stringify(count.slice(0, 5))}`);
  log(`Sample data ${JSON.stringify(data.slice(0, 10))} ${JSON.stringify(data.slice(0, 10).map((i) => reversed_dictionary[i]))}`);
  const batches = new BatchGenerator(data, new Xoshiro128(seed, 29));

  const batch_size = 128, embedding_size = 128, skip_window = 1, num_skips = 2;
  const num_sampled = options.num_sampled ?? 16;
  const valid_words = Object.values(WORD_CLASSES).map((ws) => ws[0]);
  const valid_examples = valid_words.map((w) => dictionary.get(w)!);

  return new tf.Graph().as_default(() => {
    tf.set_random_seed(seed);
    const train_inputs = tf.placeholder(tf.int32, [batch_size]);
    const train_labels = tf.placeholder(tf.int32, [batch_size, 1]);
    const valid_dataset = tf.constant(Int32Array.from(valid_examples), tf.int32);
    const embeddings = tf.Variable(tf.random_uniform([vocab, embedding_size], -1.0, 1.0));
    const embed = tf.nn.embedding_lookup(embeddings, train_inputs);
    const nce_weights = tf.Variable(tf.truncated_normal([vocab, embedding_size], { stddev: 1.0 / Math.sqrt(embedding_size) }));
    const nce_biases = tf.Variable(tf.zeros([vocab]));
    const loss = tf.reduce_mean(tf.nn.nce_loss({
      weights: nce_weights, biases: nce_biases, labels: train_labels, inputs: embed, num_sampled, num_classes: vocab,
    }));
    const optimizer = tf.train.GradientDescentOptimizer(1.0).minimize(loss);
    const norm = tf.sqrt(tf.reduce_sum(tf.square(embeddings), 1, { keepdims: true }));
    const normalized_embeddings = tf.divide(embeddings, norm);
    const valid_embeddings = tf.nn.embedding_lookup(normalized_embeddings, valid_dataset);
    const similarity = tf.matmul(valid_embeddings, normalized_embeddings, { transpose_b: true });

    const session = tf.Session();
    try {
      session.run(tf.global_variables_initializer());
      log('Initialized');
      const start = process.hrtime.bigint();
      const averageLosses: number[] = [];
      let average_loss = 0;
      for (let step = 0; step < num_steps; step++) {
        const [batch_inputs, batch_labels] = batches.generate_batch(batch_size, num_skips, skip_window);
        const feed = new Map<tf.Tensor, NDArray>([[train_inputs, batch_inputs], [train_labels, batch_labels]]);
        const [, loss_val] = session.run([optimizer, loss], feed) as [unknown, number];
        average_loss += loss_val;
        if (step % loss_every === 0 && step > 0) {
          average_loss /= loss_every;
          averageLosses.push(average_loss);
          log(`Average loss at step ${step}: ${formatG(average_loss)}`);
          average_loss = 0;
        }
      }
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const sim = session.run(similarity) as NDArray;
      const nearest = new Map<string, string[]>();
      const top_k = 8;
      valid_words.forEach((valid_word, i) => {
        const row = Array.from(sim.data.subarray(i * vocab, (i + 1) * vocab));
        // (-sim[i, :]).argsort()[1:top_k + 1]: the word itself is the most similar, so skip the first.
        const order = row.map((_, j) => j).sort((a, b) => row[b] - row[a] || a - b).slice(1, top_k + 1);
        nearest.set(valid_word, order.map((j) => reversed_dictionary[j]));
        log(`Nearest to ${valid_word}: ${nearest.get(valid_word)!.join(', ')}`);
      });
      log(`${num_steps} steps in ${seconds.toFixed(1)} s`);
      return { averageLosses, nearest, seconds };
    } finally {
      session.close();
    }
  });
}

if (require.main === module) {
  runAsProgram(() => {
    const usage = 'word2vec [--steps 3001] [--seed 1] [--sentences 20000] [--num_sampled 16] [--loss_every 500]';
    const flags = parseFlags(process.argv.slice(2), { steps: 3001, seed: 1, sentences: 20000, num_sampled: 16, loss_every: 500 }, usage);
    main({
      steps: flags.steps as number, seed: flags.seed as number, sentences: flags.sentences as number,
      num_sampled: flags.num_sampled as number, loss_every: flags.loss_every as number,
    });
  });
}
