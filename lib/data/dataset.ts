/** tf.data.Dataset: a pipeline description with TF1's transformation methods (docs/data.md). */
import { get_default_graph } from '../framework/graph';
import { Tensor } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { ValueError } from '../framework/errors';
import { constantValue } from '../framework/constant_value';
import { bindArgs, isOptionsObject, isKeywordsObject } from '../framework/python_args';
import { seedsFor } from '../ops/random_ops';
import { pack } from './structure';
import type { Pipeline } from './pipeline';
import { fromTensors, fromTensorSlices, rangePipeline } from './sources';
import { fromGenerator } from './generator_source';
import {
  mapPipeline, filterPipeline, interleavePipeline, zipPipelines, concatenatePipelines, repeatPipeline, takePipeline, skipPipeline, prefetchPipeline,
} from './transforms';
import { batchPipeline, paddedBatchPipeline } from './batching';
import { shufflePipeline } from './shuffle';
import { Iterator } from './iterator';
import { attachPipeline } from './iterator_kernels';
import { tfRecordPipeline, textLinePipeline } from './file_datasets';

const int = (x: unknown, what: string): number => {
  const v = x instanceof Tensor ? constantValue(x)?.data[0] : x;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ValueError(`${what} must be a Python integer or a constant tensor, got ${String(x)}`);
  return v;
};

export class Dataset {
  constructor(readonly pipeline: Pipeline) {}

  /** Dataset.from_tensors(tensors): one element, the whole (nested) value. */
  static from_tensors(tensors: unknown): Dataset { return new Dataset(fromTensors(tensors)); }

  /**
   * Dataset.from_tensor_slices(tensors): elements are the rows of the first dimension. Arrays
   * of numbers are tensors (Python lists); other arrays are tuples, plain objects dicts.
   */
  static from_tensor_slices(tensors: unknown): Dataset { return new Dataset(fromTensorSlices(tensors)); }

  /**
   * Dataset.from_generator(generator, output_types, output_shapes=None, args=None): the
   * elements a JS generator function yields (called again at each initialization).
   */
  static from_generator(...argList: unknown[]): Dataset {
    const a = bindArgs<{ generator: (...x: NDArray[]) => Iterable<unknown>; output_types: unknown; output_shapes?: unknown; args?: unknown[] | null }>(
      'from_generator', argList, ['generator', 'output_types', 'output_shapes', 'args'], {}, 2);
    return new Dataset(fromGenerator(a.generator, a.output_types, a.output_shapes, a.args));
  }

  /** Dataset.range(stop) / range(start, stop[, step]): int64 scalars; numbers or scalar tensors. */
  static range(...args: (number | Tensor)[]): Dataset {
    if (args.length === 0 || args.length > 3) throw new TypeError(`range() takes 1 to 3 arguments (${args.length} given)`);
    const [start, stop, step] = args.length === 1 ? [0, args[0]!, 1] : [args[0]!, args[1]!, args[2] ?? 1];
    return new Dataset(rangePipeline(start, stop, step));
  }

  /** Dataset.zip(datasets): a tuple (array) of datasets; elements are tuples, ending with the shortest. */
  static zip(datasets: Dataset[] | Dataset): Dataset {
    if (!Array.isArray(datasets)) throw new ValueError('zip takes a tuple (array) of datasets');
    return new Dataset(zipPipelines(datasets.map((d) => d.pipeline)));
  }

  get output_types(): any { return pack(this.pipeline.structure, [...this.pipeline.types]); }
  get output_shapes(): any { return pack(this.pipeline.structure, [...this.pipeline.shapes]); }

  map(...args: unknown[]): Dataset {
    const a = bindArgs<{ map_func: (...x: any[]) => unknown; num_parallel_calls?: unknown }>('map', args, ['map_func', 'num_parallel_calls'], {}, 1);
    // num_parallel_calls is accepted; one JS thread runs the calls in order, which TF's outputs keep anyway.
    return new Dataset(mapPipeline(this.pipeline, a.map_func));
  }

  filter(...args: unknown[]): Dataset {
    const a = bindArgs<{ predicate: (...x: any[]) => unknown }>('filter', args, ['predicate'], {}, 1);
    return new Dataset(filterPipeline(this.pipeline, a.predicate));
  }

  batch(...args: unknown[]): Dataset {
    const a = bindArgs<{ batch_size: unknown; drop_remainder?: boolean }>('batch', args, ['batch_size', 'drop_remainder'], {}, 1);
    return new Dataset(batchPipeline(this.pipeline, int(a.batch_size, 'batch_size'), !!a.drop_remainder));
  }

  /** padded_batch(batch_size, padded_shapes, padding_values=None, drop_remainder=False); padded_shapes may be a dict. */
  padded_batch(...args: unknown[]): Dataset {
    const names = ['batch_size', 'padded_shapes', 'padding_values', 'drop_remainder'];
    const last = args[args.length - 1];
    const given = args.length > 2 && isOptionsObject(last) && isKeywordsObject(last, names) ? args : [...args, {}];
    const a = bindArgs<{ batch_size: unknown; padded_shapes: unknown; padding_values?: unknown; drop_remainder?: boolean }>(
      'padded_batch', given, names as never, {}, 2);
    return new Dataset(paddedBatchPipeline(this.pipeline, int(a.batch_size, 'batch_size'), a.padded_shapes, a.padding_values, !!a.drop_remainder));
  }

  /** shuffle(buffer_size, seed=None, reshuffle_each_iteration=True); the seed follows the graph-seed rules of random ops. */
  shuffle(...args: unknown[]): Dataset {
    const a = bindArgs<{ buffer_size: unknown; seed?: number | null; reshuffle_each_iteration?: boolean }>(
      'shuffle', args, ['buffer_size', 'seed', 'reshuffle_each_iteration'], {}, 1);
    const seeds = seedsFor(a.seed ?? null, get_default_graph());
    return new Dataset(shufflePipeline(this.pipeline, int(a.buffer_size, 'buffer_size'), seeds, a.reshuffle_each_iteration ?? true));
  }

  /** repeat(count=None): count null or -1 repeats forever. */
  repeat(...args: unknown[]): Dataset {
    const a = bindArgs<{ count?: unknown }>('repeat', args, ['count']);
    return new Dataset(repeatPipeline(this.pipeline, a.count === undefined || a.count === null ? -1 : int(a.count, 'count')));
  }

  take(...args: unknown[]): Dataset {
    const a = bindArgs<{ count: unknown }>('take', args, ['count'], {}, 1);
    return new Dataset(takePipeline(this.pipeline, int(a.count, 'count')));
  }

  skip(...args: unknown[]): Dataset {
    const a = bindArgs<{ count: unknown }>('skip', args, ['count'], {}, 1);
    return new Dataset(skipPipeline(this.pipeline, int(a.count, 'count')));
  }

  prefetch(...args: unknown[]): Dataset {
    const a = bindArgs<{ buffer_size: unknown }>('prefetch', args, ['buffer_size'], {}, 1);
    return new Dataset(prefetchPipeline(this.pipeline, int(a.buffer_size, 'buffer_size')));
  }

  /** flat_map(map_func): map_func returns a dataset per element; their elements in order. */
  flat_map(...args: unknown[]): Dataset {
    const a = bindArgs<{ map_func: (...x: any[]) => unknown }>('flat_map', args, ['map_func'], {}, 1);
    return new Dataset(interleavePipeline(this.pipeline, a.map_func, 1, 1, 'flat_map'));
  }

  /** interleave(map_func, cycle_length, block_length=1) (TF 1.x requires cycle_length). */
  interleave(...args: unknown[]): Dataset {
    const a = bindArgs<{ map_func: (...x: any[]) => unknown; cycle_length: unknown; block_length?: unknown; num_parallel_calls?: unknown }>(
      'interleave', args, ['map_func', 'cycle_length', 'block_length', 'num_parallel_calls'], {}, 2);
    return new Dataset(interleavePipeline(this.pipeline, a.map_func, int(a.cycle_length, 'cycle_length'),
      a.block_length === undefined ? 1 : int(a.block_length, 'block_length'), 'interleave'));
  }

  concatenate(dataset: Dataset): Dataset { return new Dataset(concatenatePipelines(this.pipeline, dataset.pipeline)); }

  /**
   * An iterator that starts itself on first use. As TF1, it cannot capture values fed or
   * computed at run time (placeholders, variables): use make_initializable_iterator.
   */
  make_one_shot_iterator(...args: unknown[]): Iterator {
    bindArgs<object>('make_one_shot_iterator', args, []);
    const constants = new Map<Tensor, NDArray>();
    for (const t of this.pipeline.captures) {
      const v = constantValue(t);
      if (!v) {
        throw new ValueError('Failed to create a one-shot iterator for a dataset. `Dataset.make_one_shot_iterator()` does not support ' +
          `datasets that capture stateful objects, such as a \`Variable\` or \`LookupTable\` (it reads '${t.name}'). ` +
          'In these cases, use `Dataset.make_initializable_iterator()`.');
      }
      constants.set(t, v);
    }
    const p = this.pipeline;
    const it = Iterator.create(p.structure, p.types, p.shapes, 'OneShotIterator', '', 'OneShotIterator');
    attachPipeline(it.handle.op, p, constants);
    return it;
  }

  /** make_initializable_iterator(shared_name=None): run `.initializer` (feeding the dataset's placeholders) before get_next. */
  make_initializable_iterator(...args: unknown[]): Iterator {
    const a = bindArgs<{ shared_name?: string | null }>('make_initializable_iterator', args, ['shared_name']);
    const p = this.pipeline;
    const it = Iterator.create(p.structure, p.types, p.shapes, 'IteratorV2', a.shared_name ?? '', 'Iterator');
    return it.withInitializer(it.make_initializer(this));
  }
}

/** tf.data.TFRecordDataset(filenames, compression_type=None, buffer_size=None, num_parallel_reads=None): records as string scalars. */
export function TFRecordDataset(...args: unknown[]): Dataset {
  const a = bindArgs<{ filenames: unknown; compression_type?: unknown; buffer_size?: unknown; num_parallel_reads?: unknown }>(
    'TFRecordDataset', args, ['filenames', 'compression_type', 'buffer_size', 'num_parallel_reads'], {}, 1);
  return new Dataset(tfRecordPipeline(a.filenames, a.compression_type));
}

/** tf.data.TextLineDataset(filenames, compression_type=None, buffer_size=None): each line as a string scalar. */
export function TextLineDataset(...args: unknown[]): Dataset {
  const a = bindArgs<{ filenames: unknown; compression_type?: unknown; buffer_size?: unknown }>(
    'TextLineDataset', args, ['filenames', 'compression_type', 'buffer_size'], {}, 1);
  return new Dataset(textLinePipeline(a.filenames, a.compression_type));
}
