/** Datasets read from files: TFRecordDataset (records) and TextLineDataset (lines), as string scalars. */
import { Tensor } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { InvalidArgumentError } from '../framework/errors';
import { readRecordFile, readFileOrThrow, compressionName, CompressionName } from '../io/tf_record_io';
import type { ElementStream, OpenEnv, Pipeline } from './pipeline';

/** Filenames: a string, a list of them, or a string tensor (a placeholder fed at initialization). */
function filenamesOf(filenames: unknown): { captures: Tensor[]; names: (env: OpenEnv) => string[] } {
  if (filenames instanceof Tensor) {
    if (filenames.dtype !== 'string') throw new TypeError(`\`filenames\` must be a \`tf.Tensor\` of \`tf.string\`, got ${filenames.dtype}`);
    return { captures: [filenames], names: (env) => { const v = env.valueOf(filenames); return v.strings!.map((_, i) => v.stringAt(i)); } };
  }
  const list = filenames instanceof NDArray ? filenames.strings!.map((_, i) => filenames.stringAt(i))
    : Array.isArray(filenames) ? filenames : [filenames];
  if (list.some((f) => typeof f !== 'string')) throw new TypeError('`filenames` must be a string, a list of strings or a string tensor');
  return { captures: [], names: () => list as string[] };
}

/** One string scalar per item of each file in turn, the files read as their turn comes. */
function filePipeline(filenames: unknown, itemsOf: (file: string) => Iterable<Uint8Array>): Pipeline {
  const { captures, names } = filenamesOf(filenames);
  return {
    structure: { kind: 'leaf' }, types: ['string'], shapes: [[]], captures,
    open(env): ElementStream {
      const files = names(env);
      let f = 0;
      let items: Iterator<Uint8Array> | null = null;
      return {
        next: () => {
          for (;;) {
            if (!items) {
              if (f >= files.length) return null;
              items = itemsOf(files[f++]!)[Symbol.iterator]();
            }
            const r = items.next();
            if (!r.done) return [NDArray.fromStrings([r.value], [])];
            items = null;
          }
        },
      };
    },
  };
}

/** buffer_size and num_parallel_reads are accepted: files are read whole, one after another. */
export function tfRecordPipeline(filenames: unknown, compressionType: unknown): Pipeline {
  const compression: CompressionName = compressionName(compressionType ?? '');
  return filePipeline(filenames, (file) => readRecordFile(file, compression));
}

/** Lines without their '\n' (or '\r\n'); a last line without a newline counts. */
export function textLinePipeline(filenames: unknown, compressionType: unknown): Pipeline {
  if (compressionType && compressionType !== '') {
    throw new InvalidArgumentError('TextLineDataset reads uncompressed files only in tensorgraph');
  }
  return filePipeline(filenames, function* (file) {
    const bytes = readFileOrThrow(file);
    let start = 0;
    while (start < bytes.length) {
      let end = bytes.indexOf(10, start);
      const next = end < 0 ? bytes.length : end + 1;
      if (end < 0) end = bytes.length;
      if (end > start && bytes[end - 1] === 13) end--;
      yield bytes.slice(start, end);
      start = next;
    }
  });
}
