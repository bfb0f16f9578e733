/**
 * shuffle(buffer_size): TF's buffer algorithm. The buffer is filled with the first
 * buffer_size elements; each step outputs a uniformly chosen buffer slot and refills that
 * slot with the next input element (at the end, the slot takes the buffer's last element).
 * So an element moves at most buffer_size - 1 places earlier, and buffer_size 1 keeps the order.
 */
import { Xoshiro128 } from '../framework/random';
import { InvalidArgumentError } from '../framework/errors';
import type { Element, OpenEnv, Pipeline } from './pipeline';
import { nextPipelineId } from './pipeline';

function freshSeed(): number { return (Math.random() * 2 ** 32) >>> 0; }

/**
 * seeds is random_seed.get_seed's pair at shuffle() time ([null, null]: unseeded). With
 * reshuffle_each_iteration the stream lives in the session's resources and continues across
 * epochs and re-initializations (a new order each pass); without, each pass restarts it.
 */
export function shufflePipeline(input: Pipeline, bufferSize: number, seeds: [number | null, number | null],
  reshuffleEachIteration: boolean): Pipeline {
  if (!Number.isInteger(bufferSize) || bufferSize <= 0) throw new InvalidArgumentError('buffer_size must be greater than zero.');
  const id = nextPipelineId();
  const streamFor = (env: OpenEnv): Xoshiro128 => {
    const key = `${env.iteratorKey}/shuffle${id}`;
    let fixed = env.resources.get(`${key}/seeds`) as [number, number] | undefined;
    if (!fixed) env.resources.set(`${key}/seeds`, (fixed = seeds[0] === null ? [freshSeed(), freshSeed()] : [seeds[0], seeds[1]!]));
    if (!reshuffleEachIteration) return new Xoshiro128(fixed[0], fixed[1]);
    let stream = env.resources.get(key) as Xoshiro128 | undefined;
    if (!stream) env.resources.set(key, (stream = new Xoshiro128(fixed[0], fixed[1])));
    return stream;
  };
  return {
    ...input,
    open(env) {
      const source = input.open(env);
      const random = streamFor(env);
      const buffer: Element[] = [];
      let inputDone = false;
      return {
        next: () => {
          while (!inputDone && buffer.length < bufferSize) {
            const e = source.next();
            if (e) buffer.push(e); else inputDone = true;
          }
          if (buffer.length === 0) return null;
          const i = Math.floor(random.uniform() * buffer.length);
          const out = buffer[i]!;
          const refill = inputDone ? null : source.next();
          if (refill) buffer[i] = refill;
          else { inputDone = true; buffer[i] = buffer[buffer.length - 1]!; buffer.pop(); }
          return out;
        },
      };
    },
  };
}
